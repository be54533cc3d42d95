import Foundation
import Testing
import Yams

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// `factsheet new-language`: YAML edited as text, the register's new column, the refusals, and
/// the to-do warnings of a copied strings file.
@Suite struct NewLanguageTests {
    // MARK: - YAML edited as text

    func edited(_ text: String, _ edit: (inout YAMLText, Node) -> Void) throws -> String {
        var yaml = YAMLText(text)
        let root = try #require(try Yams.compose(yaml: text))
        edit(&yaml, root)
        return yaml.text
    }

    @Test func aListGainsAnItemWithItsCommentKept() throws {
        let flow = try edited("a: 1\nlanguages: [sq, en]   # links\nb: 2\n") { yaml, root in
            yaml.append("de", to: root.mapping!["languages"]!)
        }
        #expect(flow == "a: 1\nlanguages: [sq, en, de]   # links\nb: 2\n")
        let empty = try edited("languages: []\n") { yaml, root in yaml.append("de", to: root.mapping!["languages"]!) }
        #expect(empty == "languages: [de]\n")
        let block = try edited("languages:\n  - sq   # first\n  - en\n\n# end\nb: 2\n") { yaml, root in
            yaml.append("de", to: root.mapping!["languages"]!)
        }
        #expect(block == "languages:\n  - sq   # first\n  - en\n  - de\n\n# end\nb: 2\n")
    }

    @Test func aMappingGainsAnEntryAfterTheOneItCopies() throws {
        let text = """
            # top
            publisher:            # per language
              sq: Misioni
              en: OSCE Mission
                in Kosovo   # English
              sr: Misija
            # between
            periods:
              - { year: 2017, note: { sq: "a", en: "b" } }   # a note
            """
        let result = try edited(text + "\n") { yaml, root in
            let publisher = root.mapping!["publisher"]!
            yaml.insert(key: "de", value: "OSCE Mission in Kosovo", into: publisher, after: "en")
            let note = root.mapping!["periods"]!.sequence![0].mapping!["note"]!
            yaml.insert(key: "de", value: "\"b\"", into: note, after: "en")
        }
        #expect(
            result == """
                # top
                publisher:            # per language
                  sq: Misioni
                  en: OSCE Mission
                    in Kosovo   # English
                  de: OSCE Mission in Kosovo
                  sr: Misija
                # between
                periods:
                  - { year: 2017, note: { sq: "a", en: "b", de: "b" } }   # a note

                """)
    }

    @Test func aValueIsReplacedInPlaceAndCRLFAndTheBOMStay() throws {
        let text = "\u{FEFF}tag: en        # BCP 47\r\nname: \"x\"\r\n"
        var yaml = YAMLText(text)
        let root = try #require(try Yams.compose(yaml: String(text.dropFirst())))
        do {
            yaml.replace(root.mapping!["tag"]!, with: "sr-Latn")
            yaml.replace(root.mapping!["name"]!, with: "y")
            yaml.insertLines(["copied_from: en"], afterEntry: "tag", in: root.mapping!)
        }
        #expect(yaml.text == "\u{FEFF}tag: sr-Latn        # BCP 47\r\ncopied_from: en\r\nname: y\r\n")
    }

    @Test(arguments: [
        ("OSCE Mission in Kosovo", "OSCE Mission in Kosovo"),
        ("Misioni i OSBE-së në Kosovë", "Misioni i OSBE-së në Kosovë"),
        ("yes", "\"yes\""),
        ("a: b", "\"a: b\""),
        ("say \"hi\" # now", "\"say \\\"hi\\\" # now\""),
        ("2017", "\"2017\""),
        ("", "\"\""),
    ])
    func scalarsReadBackAsWritten(text: String, written: String) throws {
        #expect(YAMLText.scalar(text) == written)
        let node = try #require(try Yams.compose(yaml: "k: \(written)\n"))
        #expect(node.mapping?["k"]?.scalar?.string == text)
        let flow = try #require(try Yams.compose(yaml: "k: { a: \(written) }\n"))
        #expect(flow.mapping?["k"]?.mapping?["a"]?.scalar?.string == text)
    }

    // MARK: - The register

    @Test func theCSVRegisterGainsAColumnAndKeepsEveryOtherByte() throws {
        // BOM, `;`, quotes with a `;` and a doubled quote inside, CRLF, a blank line, a short row, an extra column.
        let text =
            "\u{FEFF}code;name_sq;\"name_en\";region;note\r\na;\"A; a\";\"The \"\"A\"\"\";r1;x\r\n\r\nb;B sq;B\r\nc;C sq\r\n"
        let result = try #require(RegisterColumn.csv(Array(text.utf8), adding: "name_de", copying: "name_en"))
        #expect(
            String(decoding: result, as: UTF8.self)
                == "\u{FEFF}code;name_sq;\"name_en\";name_de;region;note\r\na;\"A; a\";\"The \"\"A\"\"\";\"The \"\"A\"\"\";r1;x\r\n\r\nb;B sq;B;B\r\nc;C sq;;\r\n"
        )
        var log = DiagnosticLog()
        let table = try #require(CSVTable.read(SourceFile(path: "m.csv", bytes: result), log: &log))
        #expect(table.header == ["code", "name_sq", "name_en", "name_de", "region", "note"])
        #expect(
            table.rows.map(\.fields) == [
                ["a", "A; a", "The \"A\"", "The \"A\"", "r1", "x"], ["b", "B sq", "B", "B"], ["c", "C sq", "", ""],
            ])
        // Without a line end at the end, and with ',' and no region.
        let plain = try #require(RegisterColumn.csv(Array("code,name_en\nx,X".utf8), adding: "name_de", copying: "name_en"))
        #expect(String(decoding: plain, as: UTF8.self) == "code,name_en,name_de\nx,X,X")
        #expect(RegisterColumn.csv(Array("code,name_sq\n".utf8), adding: "name_de", copying: "name_en") == nil)
    }

    @Test func theWorkbookRegisterGainsAColumnAndKeepsEveryOtherCell() throws {
        typealias C = TestWorkbook.Cell
        let rows: [[C]] = [
            [.shared("code"), .shared("name_sq"), .inline("name_en"), .shared("region"), .shared("population")],
            [.shared("a"), .shared("A sq"), .shared("A en"), .empty, .number("7.0")],
            [],
            [.shared("b"), .rich(["B ", "sq"]), .formulaText("\"B\"&\" en\"", cached: "B en"), .shared("r"), .number("12")],
            [.shared("c"), .shared("C sq")],
        ]
        let bytes = try TestWorkbook(sheets: [.init(name: "Komunat", rows: rows), .init(name: "Other", rows: [[.shared("z")]])]).bytes()
        let original = try Workbook(bytes: bytes)
        let result = try #require(RegisterColumn.workbook(bytes, adding: "name_de", copying: "name_en"))
        let workbook = try Workbook(bytes: result)
        #expect(workbook.sheetNames == ["Komunat"])
        // Every cell of the original, left of the new column in place and right of it one column on.
        for (number, cells) in original.rows {
            for (column, cell) in cells {
                #expect(workbook.rows[number]?[column < 3 ? column : column + 1] == cell, "row \(number), column \(column)")
            }
        }
        #expect(workbook.rows[1]?[3] == .text("name_de"))
        #expect(workbook.rows[2]?[3] == .text("A en"))
        #expect(workbook.rows[4]?[3] == .text("B en"))
        #expect(workbook.rows[5]?[3] == nil)  // no English name: the cell stays empty
        #expect(workbook.rows[3] == nil)
        let cellCount = original.rows.values.map(\.count).reduce(0, +)
        #expect(workbook.rows.values.map(\.count).reduce(0, +) == cellCount + 3)
    }

    // MARK: - The shipped edition

    func added(_ key: String = "de", from source: String = "en", tag: String? = nil) throws -> AddedLanguage {
        let templates = Fixtures.templates(repository: true)
        let folder = SheetKind.allCases.compactMap { kind in
            templates.languages[source]?.sheets[kind].map { AddedLanguage.File(path: kind.fileName, bytes: $0.bytes) }
        }
        return try AddedLanguage(
            key: key, from: source, tag: tag, edition: Fixtures.edition("input", repository: true), templates: templates, folder: folder)
    }

    @Test func theShippedEditionGainsGermanWithItsCommentsKept() throws {
        let german = try added()
        let original = Fixtures.text("../../../input", "factsheet.yaml")
        let configuration = try #require(german.editionFiles.first { $0.path == "factsheet.yaml" })
        let expected =
            original
            .replacingOccurrences(of: "languages: [sq, sr, en]         #", with: "languages: [sq, sr, en, de]         #")
            .replacingOccurrences(
                of: "  en: OSCE Mission in Kosovo\n", with: "  en: OSCE Mission in Kosovo\n  de: OSCE Mission in Kosovo\n"
            )
            .replacingOccurrences(
                of: "        en: \"the MCSC mandate expired after the local elections of October 2017\"\n",
                with: "        en: \"the MCSC mandate expired after the local elections of October 2017\"\n"
                    + "        de: the MCSC mandate expired after the local elections of October 2017\n")
        #expect(String(decoding: configuration.bytes, as: UTF8.self) == expected)
        #expect(german.copiedSettings == ["publisher", "performance.periods[2017].note"])

        let register = try #require(german.editionFiles.first { $0.path == "municipalities.csv" })
        let lines = String(decoding: register.bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "code,name_sq,name_sr,name_en,name_de,region")
        #expect(lines.dropFirst().first == "decan,Deçan/Dečane,Deçan/Dečane,Deçan/Dečane,Deçan/Dečane,peje")

        // strings.yaml: the tag, copied_from after it, and the sentence about English (official) from Albanian, the first language with one.
        let strings = String(decoding: try #require(german.templateFiles.first).bytes, as: UTF8.self)
        let english = Fixtures.text("../../../Templates/en", "strings.yaml")
        #expect(strings.contains("\ntag: de                         # BCP 47"))
        #expect(strings.contains("\ncopied_from: en                 # the build warns"))
        let albanian = Fixtures.text("../../../Templates/sq", "strings.yaml")
        let sentence = try #require(albanian.split(separator: "\n").first { $0.hasPrefix("  en: Versioni zyrtar") })
        #expect(
            strings.contains(
                "  sr: The official version of this publication is in Serbian; the other versions are translations.\n" + sentence + "\n"))
        #expect(german.officialSentences.map(\.language) == ["en"])
        #expect(german.officialSentences.map(\.copiedFrom) == ["sq"])
        // Every other line as in English.
        let added = Set(["tag: de", "copied_from: en", String(sentence)])
        #expect(
            strings.split(separator: "\n", omittingEmptySubsequences: false).filter { line in !added.contains { line.hasPrefix($0) } }
                == english.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("tag: en") })
        #expect(german.templateFiles.map(\.path) == ["de/strings.yaml", "de/factsheet.md", "de/municipality.md"])
    }

    @Test func theEditionWithTheNewLanguageBuildsAndTheCheckListsWhatIsLeftToTranslate() async throws {
        let german = try added(tag: "de-CH")
        let (edition, templates) = german.applied(
            to: Fixtures.edition("input", repository: true), templates: Fixtures.templates(repository: true))
        let result = try await FactsheetBuilder().build(edition: edition, templates: templates)
        let page = try #require(result.files.first { $0.path == "de/index.html" }).contents
        #expect(page.contains("<html lang=\"de-CH\">"))
        for language in ["sq", "sr", "en"] { #expect(result.files.contains { $0.path == "\(language)/index.html" }) }
        let warnings = result.warnings.map(\.description)
        // No parity warnings: the copy says everything the others do.
        #expect(!warnings.contains { $0.contains("has no counterpart") })
        // The build lists the first 50 of the file and counts the rest.
        #expect(warnings.filter { $0.contains("still reads as in") }.count == DiagnosticLog.perFile)
        #expect(warnings.contains { $0.hasPrefix("warning: Templates/de/strings.yaml: and ") && $0.contains(" more in this file") })
        #expect(
            warnings.contains(
                "warning: Templates/de/factsheet.md: still the same as Templates/en/factsheet.md, which this language was copied from; translate it"
            ))

        // The whole list.
        var log = DiagnosticLog()
        let languages = ["sq", "sr", "en", "de"].map(Language.init)
        let editions = FactsheetBuilder().prepareLanguages(templates, languages, official: Language("en"), log: &log)
        #expect(!log.hasErrors)
        let todo = FactsheetBuilder.untranslated(editions, templates).map(\.description)
        let phrases = todo.filter { $0.contains("still reads as in") }
        #expect(phrases.allSatisfy { $0.hasPrefix("warning: Templates/de/strings.yaml, line ") })
        #expect(
            phrases.contains {
                $0.hasSuffix(
                    ": 'language_name' still reads as in Templates/en/strings.yaml, which this file was copied from; translate it (a text that rightly reads the same: delete the copied_from line once the rest is done)"
                )
            })
        #expect(
            phrases.contains {
                $0.contains("'official_version.en' still reads as in Templates/sq/strings.yaml, from which new-language copied it")
            })
        #expect(phrases.contains { $0.contains("'official_version.sq' still reads as in Templates/en/strings.yaml, which") })
        #expect(phrases.contains { $0.contains("'meetings_in.one' still reads as in") })
        #expect(phrases.contains { $0.contains("'communities.serb' still reads as in") })
        // Texts without words are never on the list; nor is the tag or copied_from.
        for key in ["dash", "year_range", "year_in_text", "period_month", "list_separator", "tag", "copied_from"] {
            #expect(!phrases.contains { $0.contains(": '\(key)' still") }, "\(key)")
        }
        // Every text of the English file with a letter outside its placeholders, and the one sentence from Albanian.
        var ignored = DiagnosticLog()
        let englishFile = try #require(templates.languages["en"]?.strings)
        let english = try #require(ConfigurationLoader.compose(englishFile, log: &ignored)?.mapping)
        let words = LanguageStringsLoader.texts(of: english).values.filter { LanguageStringsLoader.isWords($0.text) }.count
        let flagged = Set(phrases.compactMap { $0.split(separator: "'").dropFirst().first.map(String.init) })
        let englishWords = Set(LanguageStringsLoader.texts(of: english).filter { LanguageStringsLoader.isWords($0.value.text) }.keys)
        #expect(englishWords.subtracting(flagged).isEmpty, "\(englishWords.subtracting(flagged).sorted())")
        #expect(flagged.subtracting(englishWords) == ["official_version.en"])
        #expect(phrases.count == words + 1)
        #expect(german.copiedPhrases == words)
        #expect(todo.count == phrases.count + 2)  // and the two templates
        // Serbian and Albanian have no copied_from: their phrases that read as English's are not compared.
        #expect(!todo.contains { $0.hasPrefix("warning: Templates/sr/") || $0.hasPrefix("warning: Templates/sq/") })
    }

    @Test func aTranslatedPhraseLeavesTheList() async throws {
        let german = try added()
        let (edition, applied) = german.applied(
            to: Fixtures.edition("input", repository: true), templates: Fixtures.templates(repository: true))
        var templates = applied
        let strings = String(decoding: try #require(german.templateFiles.first).bytes, as: UTF8.self)
            .replacingOccurrences(of: "language_name: English", with: "language_name: Deutsch")
        templates.languages["de"]?.strings = SourceFile(path: "Templates/de/strings.yaml", text: strings)
        let warnings = try await FactsheetBuilder().build(edition: edition, templates: templates).warnings.map(\.description)
        #expect(!warnings.contains { $0.contains("'language_name' still") })
        // Without copied_from, nothing is compared.
        let done = strings.split(separator: "\n").filter { !$0.hasPrefix("copied_from:") }.joined(separator: "\n")
        templates.languages["de"]?.strings = SourceFile(path: "Templates/de/strings.yaml", text: done)
        let none = try await FactsheetBuilder().build(edition: edition, templates: templates).warnings.map(\.description)
        #expect(!none.contains { $0.contains("still reads as in") })
    }

    /// The small edition names no languages (sq and en by default) and writes its note inline.
    @Test func anEditionWithoutALanguageListGainsOneAndAnInlineNoteAnEntry() throws {
        var edition = Fixtures.edition("small")
        let register = Fixtures.text("small", "municipalities.csv").split(separator: "\n").enumerated().map { index, line in
            index == 0 ? line + ",name_de" : line + ",Gemeinde \(index)"
        }.joined(separator: "\n")
        edition.municipalities = SourceFile(path: "small/municipalities.csv", text: register)
        let german = try AddedLanguage(
            key: "de", from: "en", edition: edition, templates: Fixtures.templates(repository: true), folder: [])
        let original = Fixtures.text("small", "factsheet.yaml")
        let expected =
            original
            .replacingOccurrences(of: "edition: \"Test 2017\"\n", with: "edition: \"Test 2017\"\nlanguages: [sq, en, de]\n")
            .replacingOccurrences(of: "en: \"note en\" }", with: "en: \"note en\", de: note en }")
        #expect(german.editionFiles.map(\.path) == ["factsheet.yaml"])  // the register has name_de already
        #expect(german.registerHadColumn)
        #expect(String(decoding: german.editionFiles[0].bytes, as: UTF8.self) == expected)
        #expect(german.copiedSettings == ["performance.periods[2017].note"])
    }

    // MARK: - Refusals

    @Test(arguments: ["DE", "d", "de_ch", "deutschxx", "de-", "-de", "de-CH", "1de", "dé", ""])
    func aKeyThatIsNotALanguageKeyIsRefused(key: String) {
        #expect(!AddedLanguage.isKey(key))
        #expect(throws: AddedLanguage.Refusal.notAKey(key)) { try added(key) }
    }

    @Test(arguments: ["de", "fr", "deutsch", "de-ch", "sr-cyrl", "de-1996"])
    func languageKeys(key: String) {
        #expect(AddedLanguage.isKey(key))
    }

    @Test func anUnknownSourceAnExistingFolderOrAListedLanguageIsRefused() throws {
        #expect(throws: AddedLanguage.Refusal.unknownSource("fr", known: ["sq", "sr", "en"])) { try added(from: "fr") }
        #expect(throws: AddedLanguage.Refusal.folderExists("sr")) { try added("sr") }
        #expect(throws: AddedLanguage.Refusal.notATag("deutsch-")) { try added(tag: "deutsch-") }
        var edition = Fixtures.edition("input", repository: true)
        let text = Fixtures.text("../../../input", "factsheet.yaml").replacingOccurrences(of: "[sq, sr, en]", with: "[sq, sr, en, de]")
        edition.configuration = SourceFile(path: "input/factsheet.yaml", text: text)
        #expect(throws: AddedLanguage.Refusal.alreadyListed("de")) {
            try AddedLanguage(key: "de", from: "en", edition: edition, templates: Fixtures.templates(repository: true), folder: [])
        }
    }
}
