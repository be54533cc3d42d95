import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// Languages are folders: words, plural forms and formats come from each strings file and ICU.
@Suite struct LanguageTests {
    /// CLDR's rules, worked out by hand: English and Albanian `one` for 1 only; Serbian `one`
    /// when the last digit is 1 but the last two are not 11, `few` for last digit 2–4 except
    /// 12–14, `other` for the rest.
    @Test func pluralCategoriesFollowCLDR() {
        for value in [0, 2, 5, 11, 21, 101] {
            #expect(Fixtures.en.pluralCategory(value) == "other", "en \(value)")
            #expect(Fixtures.sq.pluralCategory(value) == "other", "sq \(value)")
        }
        #expect(Fixtures.en.pluralCategory(1) == "one")
        #expect(Fixtures.sq.pluralCategory(1) == "one")
        let serbian: [Int: String] = [
            1: "one", 21: "one", 101: "one", 11: "other", 111: "other",
            2: "few", 3: "few", 4: "few", 22: "few", 34: "few", 12: "other", 13: "other", 14: "other",
            0: "other", 5: "other", 10: "other", 25: "other", 1_000: "other", 1_001: "one",
        ]
        for (value, category) in serbian {
            #expect(Fixtures.sr.pluralCategory(value) == category, "sr \(value)")
        }
        #expect(Fixtures.sr.integerCategories == ["one", "few", "other"])
        #expect(Fixtures.en.integerCategories == ["one", "other"])
    }

    @Test func phrasesChooseTheirPluralForm() {
        let sr = Fixtures.sr
        func meetings(_ count: Int) -> String {
            sr.strings.format(.meetingsIn, ["period": .text("2017"), "count": .count(count)], in: sr)
        }
        #expect(meetings(1) == "2017: ukupno 1 sastanak")
        #expect(meetings(3) == "2017: ukupno 3 sastanka")
        #expect(meetings(5) == "2017: ukupno 5 sastanaka")
        #expect(meetings(12) == "2017: ukupno 12 sastanaka")
        #expect(meetings(21) == "2017: ukupno 21 sastanak")
        let en = Fixtures.en
        #expect(
            en.strings.format(.countOfCouncils, ["period": .text("2017"), "count": .count(1), "total": .count(1)], in: en)
                == "2017: 1 of 1 MCSC")
        #expect(
            en.strings.format(.countOfCouncils, ["period": .text("2017"), "count": .count(1), "total": .count(2)], in: en)
                == "2017: 1 of 2 MCSCs")
        let sq = Fixtures.sq
        #expect(sq.strings.format(.meetingsIn, ["period": .text("2017"), "count": .count(1)], in: sq) == "2017: gjithsej 1 takim")
        #expect(sq.strings.format(.meetingsIn, ["period": .text("2017"), "count": .count(1234)], in: sq) == "2017: gjithsej 1234 takime")
    }

    /// Spelled out by ICU's CLDR rules, not a table of ours; ten and above stay digits.
    @Test func smallNumbersAreSpelledOut() {
        #expect(Fixtures.en.spelledOut(6) == "six")
        #expect(Fixtures.sq.spelledOut(6) == "gjashtë")
        #expect(Fixtures.sr.spelledOut(6) == "šest")
        #expect(Fixtures.sr.spelledOut(9) == "devet")
        #expect(Fixtures.en.spelledOut(12) == "12")
    }

    @Test func periodsDatesAndListsComeFromTheStringsFileAndICU() {
        let period = Period(year: 2017, firstMonth: 1, lastMonth: 9)
        #expect(Fixtures.sq.period(period) == "janar – shtator 2017")
        #expect(Fixtures.en.period(period) == "January–September 2017")
        #expect(Fixtures.sr.period(period) == "januar–septembar 2017")
        #expect(Fixtures.sr.date(DateComponents(year: 2017, month: 12, day: 15)) == "15. decembra 2017.")  // date_months: genitive
        #expect(Fixtures.sr.yearsInText([2016, 2017]) == "2016. i 2017.")
        #expect(Fixtures.sr.yearsInText([2014, 2015, 2016, 2017]) == "2014\u{2060}–\u{2060}2017.")
        #expect(Fixtures.en.yearsInText([2017]) == "2017")
        #expect(Fixtures.sr.list(["a", "b", "c"]) == "a, b i c")
        #expect(Fixtures.sq.list(["a", "b"]) == "a dhe b")
        #expect(Fixtures.en.years([2016, 2017]) == "2016 and 2017")
        #expect(Fixtures.en.years([2014, 2015, 2016, 2017]) == "2014\u{2060}–\u{2060}2017")  // word joiners keep the range on one line
    }

    // MARK: - Strings files with problems

    func load(_ text: String, key: String = "xx") -> [String] {
        var log = DiagnosticLog()
        _ = LanguageStringsLoader(source: SourceFile(path: "Templates/\(key)/strings.yaml", text: text), language: Language(key)).load(
            log: &log)
        return log.diagnostics.map(\.description)
    }

    var english: String {
        String(
            decoding: FileManager.default.contents(
                atPath: Fixtures.repositoryFolder.appendingPathComponent("Templates/en/strings.yaml").path) ?? Data(), as: UTF8.self)
    }

    @Test func theShippedStringsLoadWithoutWarnings() {
        for key in Fixtures.shippedLanguages {
            let text = String(
                decoding: FileManager.default.contents(
                    atPath: Fixtures.repositoryFolder.appendingPathComponent("Templates/\(key)/strings.yaml").path) ?? Data(), as: UTF8.self
            )
            #expect(load(text, key: key).isEmpty, "\(key)")
        }
    }

    @Test func aMissingPhraseIsNamed() {
        let text = english.replacingOccurrences(of: "read_in: Read in English\n", with: "")
        #expect(
            load(text) == [
                "error: Templates/xx/strings.yaml: no 'read_in' (a text); expected every phrase the pages print, as in the other languages' strings.yaml"
            ])
    }

    @Test func aMissingPluralFormIsLocatedByLine() {
        // Serbian needs `few`; a copy of the English file under a Serbian tag lacks it.
        let text = english.replacingOccurrences(of: "tag: en ", with: "tag: sr-Latn ")
        let lines = load(text)
        let line = english.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("threshold_rule:") }.map {
            $0 + 2
        }
        #expect(
            lines.contains(
                "error: Templates/xx/strings.yaml, line \(line ?? 0), column 3: 'threshold_rule' has no 'few' form; counts in 'sr-Latn' need one (CLDR plural rules)"
            ))
        // Every phrase the English file gives plural forms: threshold_rule, count_of_councils,
        // count_of_municipalities, not_assessed_in_chart, meetings_in, security_meetings_in,
        // rows_summary, the six highest phrases, the four municipal summaries with counts, and
        // the workbook's workbook_one_table_notes, workbook_note_threshold, workbook_note_minimum.
        #expect(lines.count == 20)
    }

    @Test func anUnknownPlaceholderIsAnError() {
        let text = english.replacingOccurrences(of: "published: \"Published {date}\"", with: "published: \"Published {dtae}\"")
        let lines = load(text)
        #expect(lines.count == 1)
        #expect(lines.first?.hasSuffix("'published' uses {dtae}, which it cannot print; expected {date}") == true)
    }

    @Test func aBadTagIsAnError() {
        let lines = load(english.replacingOccurrences(of: "tag: en ", with: "tag: english-language "))
        #expect(lines.count == 1)
        #expect(lines.first?.contains("'tag': expected a BCP 47 language tag") == true)
    }

    // MARK: - Configured languages

    func edition(languages: String, register: String? = nil) -> EditionSources {
        var sources = Fixtures.edition("small")
        let configuration = Fixtures.text("small", "factsheet.yaml") + "languages: \(languages)\n"
        sources.configuration = SourceFile(path: "small/factsheet.yaml", text: configuration)
        if let register { sources.municipalities = SourceFile(path: "small/municipalities.csv", text: register) }
        return sources
    }

    func build(_ edition: EditionSources, templates: TemplateSources = Fixtures.templates(repository: true)) async -> (
        BuildResult?, [String]
    ) {
        do {
            return (try await FactsheetBuilder().build(edition: edition, templates: templates), [])
        } catch {
            return (nil, error.lines)
        }
    }

    @Test func aLanguageWithoutAFolderOrANameColumnIsAnError() async {
        let (_, lines) = await build(edition(languages: "[sq, de]"))
        #expect(
            lines.contains(
                "error: small/municipalities.csv, row 1: missing column 'name_de': factsheet.yaml lists the language 'de', so every municipality needs its name in it"
            ))
        #expect(
            lines.contains { $0.hasPrefix("error: Templates/de/: factsheet.yaml lists the language 'de', but this folder does not exist") })
    }

    @Test func aTemplateThatOmitsAPluralFormIsAnError() async {
        var templates = Fixtures.templates(repository: true)
        let text =
            "# T\n\n{{mcsc_established}} {{#mcsc_established.one}}opštini{{/mcsc_established.one}}{{#mcsc_established.other}}opština{{/mcsc_established.other}}\n"
        templates.languages["sr"]?.sheets[.national] = SourceFile(path: "Templates/sr/factsheet.md", text: text)
        let register = Fixtures.text("small", "municipalities.csv").split(separator: "\n").enumerated().map { index, line in
            index == 0 ? line + ",name_sr" : line + ",x"
        }.joined(separator: "\n")
        let (_, lines) = await build(edition(languages: "[sr]", register: register), templates: templates)
        #expect(
            lines.contains(
                "error: Templates/sr/factsheet.md, line 3: '{{mcsc_established.…}}' gives forms for some counts but not 'few', which 'sr-Latn' needs (CLDR plural rules); add {{#mcsc_established.few}}…{{/mcsc_established.few}} or an {{^…}} section"
            ))
    }

    @Test func anUnknownFormAfterTheDotIsAnErrorWithItsLine() async {
        var templates = Fixtures.templates(repository: true)
        templates.languages["en"]?.sheets[.national] = SourceFile(
            path: "Templates/en/factsheet.md",
            text: "# T\n\nText {{#mcsc_established.onne}}x{{/mcsc_established.onne}}\n{{! a.b comment }}\n")
        let (_, lines) = await build(Fixtures.edition("small"))
        #expect(lines.isEmpty)
        let (_, broken) = await build(Fixtures.edition("small"), templates: templates)
        #expect(
            broken.contains(
                "error: Templates/en/factsheet.md, line 3: '{{mcsc_established.onne}}': expected a plural category (zero, one, two, few, many, other), 'none', 'single', 'count' or 'words' after the dot"
            ))
        #expect(broken.count == 2)  // the opening and the closing tag
    }

    /// A language the code has never seen, added by files alone: a copy of the English folder
    /// with another tag, a register column and a line in the configuration.
    @Test func aFourthLanguageNeedsOnlyFiles() async throws {
        var templates = Fixtures.templates(repository: true)
        var german = try #require(templates.languages["en"])
        let strings = String(decoding: german.strings?.bytes ?? [], as: UTF8.self).replacingOccurrences(of: "tag: en ", with: "tag: de ")
        german.strings = SourceFile(path: "Templates/de/strings.yaml", text: strings)
        templates.languages["de"] = german
        let register = Fixtures.text("small", "municipalities.csv").split(separator: "\n").enumerated().map { index, line in
            index == 0 ? line + ",name_de" : line + ",Gemeinde \(index)"
        }.joined(separator: "\n")
        var sources = edition(languages: "[sq, en, de]", register: register)
        // A threshold above 999 shows each language's digit grouping: German writes 1.234.
        let configuration = String(decoding: sources.configuration?.bytes ?? [], as: UTF8.self)
            .replacingOccurrences(of: "census_threshold: 50", with: "census_threshold: 1234")
        sources.configuration = SourceFile(path: "small/factsheet.yaml", text: configuration)
        let (result, lines) = await build(sources, templates: templates)
        #expect(lines.isEmpty)
        let page = try #require(result?.files.first { $0.path == "de/index.html" }).contents
        #expect(page.contains("<html lang=\"de\">"))
        #expect(page.contains("more than 1.234 members"))
        let english = try #require(result?.files.first { $0.path == "en/index.html" }).contents
        #expect(english.contains("more than 1,234 members"))
        #expect(english.contains("hreflang=\"de\""))
        let sheet = try #require(result?.files.first { $0.path == "de/municipalities/alpha.html" }).contents
        #expect(sheet.contains("<title>Gemeinde 1: "))
    }
}

/// The masthead: who publishes the sheet, when, and which version is the official one.
@Suite struct MastheadTests {
    /// The small edition with `lines` added to its configuration (and, with `register`, a
    /// `name_sr` column); the result, or the lines of its errors.
    func build(_ lines: String, register: Bool = false, templates: TemplateSources = Fixtures.templates(repository: true)) async -> (
        BuildResult?, [String]
    ) {
        var sources = Fixtures.edition("small")
        sources.configuration = SourceFile(path: "small/factsheet.yaml", text: Fixtures.text("small", "factsheet.yaml") + lines)
        if register {
            let text = Fixtures.text("small", "municipalities.csv").split(separator: "\n").enumerated().map { index, line in
                index == 0 ? line + ",name_sr" : line + ",Opština \(index)"
            }.joined(separator: "\n")
            sources.municipalities = SourceFile(path: "small/municipalities.csv", text: text)
        }
        do {
            return (try await FactsheetBuilder().build(edition: sources, templates: templates), [])
        } catch {
            return (nil, error.lines)
        }
    }

    @Test func theMastheadNamesThePublisherTheDateAndTheOfficialVersion() async throws {
        let (result, lines) = await build("published: 2017-12-15\npublisher: { sq: Misioni, en: The Mission }\nofficial_language: en\n")
        #expect(lines.isEmpty)
        let albanian = try #require(result?.files.first { $0.path == "sq/index.html" }).contents
        #expect(
            albanian.contains(
                "<p class=\"masthead\"><span class=\"publisher\">Misioni</span> · <span>Publikuar më 15 dhjetor 2017</span></p>"))
        #expect(albanian.contains("Versioni zyrtar i këtij publikimi është shkruar në gjuhën angleze."))
        let english = try #require(result?.files.first { $0.path == "en/municipalities/alpha.html" }).contents
        #expect(english.contains("<span class=\"publisher\">The Mission</span> · <span>Published 15 December 2017</span>"))
        #expect(!english.contains("<p class=\"official-version\">"))
    }

    /// Every per-language value that lacks one of the edition's languages says so in a sentence
    /// that names the language and where to add it: `publisher` (an error), a period's `note` (a
    /// warning: that language's pages print none) and the `official_version` sentence a
    /// translation needs (an error).
    @Test func aPerLanguageValueWithoutALanguageSaysWhereToAddIt() async throws {
        let (_, publisher) = await build("publisher:\n  sq: Misioni\n")
        #expect(
            publisher.filter { $0.hasPrefix("error:") } == [
                "error: small/factsheet.yaml, line 13, column 3: publisher: no name for 'en', one of the edition's languages; add `en: …` under publisher"
            ])
        // The small edition's 2017 note has sq and en (line 11, the note's '{' at column 58); Serbian has none.
        let (serbian, _) = await build("languages: [sq, sr, en]\n", register: true)
        let warnings = try #require(serbian).warnings.map(\.description)
        #expect(
            warnings.contains(
                "warning: small/factsheet.yaml, line 11, column 58: note: no text for 'sr', one of the edition's languages; add `sr: …` under note"
            ))
        #expect(warnings.filter { $0.contains("no text for") }.count == 1)
        // Albanian's sentence about English renamed away: English is official, so Albanian needs it.
        var templates = Fixtures.templates(repository: true)
        let albanian = String(decoding: templates.languages["sq"]?.strings?.bytes ?? [], as: UTF8.self)
            .replacingOccurrences(of: "  en: Versioni zyrtar", with: "  de: Versioni zyrtar")
        templates.languages["sq"]?.strings = SourceFile(path: "Templates/sq/strings.yaml", text: albanian)
        let line = try #require(
            albanian.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("official_version:") })
        let (_, official) = await build("official_language: en\n", templates: templates)
        #expect(
            official.contains(
                "error: Templates/sq/strings.yaml, line \(line + 1): official_version: no sentence for 'en', which factsheet.yaml names the official language; add `en: …` under official_version, saying that the version in that language is the official one and this one a translation"
            ), "\(official)")
    }

    @Test func aPublisherOrOfficialLanguageThatDoesNotFitIsAnError() async {
        let (_, lines) = await build("publisher: { sq: Misioni }\nofficial_language: de\n")
        #expect(
            lines.contains {
                $0
                    == "error: small/factsheet.yaml, line 12, column 12: publisher: no name for 'en', one of the edition's languages; add `en: …` under publisher"
            })
        #expect(
            lines.contains {
                $0.hasPrefix("error: small/factsheet.yaml, line 13")
                    && $0.contains("'official_language': expected one of the edition's languages (sq, en), found 'de'")
            })
    }
}
