import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// The shipped templates on editions no reviewer has seen: every count 1 (one council a year,
/// which was dissolved or set up between the years), every count 0, and a single year. Each
/// sentence the templates and strings fill in is compared, in every language, with a sentence
/// worked out by hand from the edition's figures.
@Suite struct EditorSentenceTests {
    static let register = """
        code,name_sq,name_sr,name_en
        alpha,Alfa,Alfa,Alpha
        beta,Beta,Beta,Beta
        gamma,Gama,Gama,Gamma

        """
    static let header = MonitoringColumn.allCases.map(\.name).joined(separator: ",") + "\n"

    static func configuration(minimum: Int, threshold: Int, years: String, periods: String) -> String {
        """
        edition: "2017"
        languages: [sq, sr, en]
        published: 2017-12-15
        data_status: illustrative
        legal:
          minimum_meetings_per_year: \(minimum)
          census_threshold: \(threshold)
        establishment:
          years: \(years)
        performance:
          periods:
        \(periods)
        """
    }

    static let twoPeriods = """
            - { year: 2016, first_month: 1, last_month: 12 }
            - { year: 2017, first_month: 1, last_month: 9 }
        """

    static func edition(_ name: String, configuration: String, census: String, monitoring: [Int: String]) -> EditionSources {
        EditionSources(
            folder: name,
            configuration: SourceFile(path: "\(name)/factsheet.yaml", text: configuration),
            municipalities: SourceFile(path: "\(name)/municipalities.csv", text: register),
            census: SourceFile(path: "\(name)/census.csv", text: CensusColumn.allCases.map(\.name).joined(separator: ",") + "\n" + census),
            monitoring: monitoring.sorted { $0.key < $1.key }.map {
                SourceFile(path: "\(name)/monitoring/\($0.key).csv", text: header + $0.value)
            })
    }

    /// Every count 1: Alpha's council existed in 2016 only, Beta's in 2017 only (one council a
    /// year), each with one woman representative, regular compensation, one meeting, on
    /// security, a work plan for non-majority communities, and the Serbs (5 of them, above the
    /// threshold of 1) unrepresented. The legal minimum is one meeting a year, so one in nine months.
    static let ones = edition(
        "ones", configuration: configuration(minimum: 1, threshold: 1, years: "[2016, 2017]", periods: twoPeriods),
        census: "alpha,albanian,5\nalpha,serb,5\nbeta,albanian,5\nbeta,serb,5\ngamma,albanian,5\n",
        monitoring: [
            2016: "alpha,yes,1,regular,albanian,1,1,adopted_minorities\nbeta,no,,,,,,\ngamma,no,,,,,,\n",
            2017: "alpha,no,,,,,,\nbeta,yes,1,regular,albanian,1,1,adopted_minorities\ngamma,no,,,,,,\n",
        ])

    /// Every count 0: two councils in both years, with no women representatives, no
    /// compensation, every community represented, no meetings and no work plan.
    static let zeros = edition(
        "zeros", configuration: configuration(minimum: 6, threshold: 50, years: "[2016, 2017]", periods: twoPeriods),
        census: "alpha,albanian,100\nalpha,serb,100\nbeta,albanian,100\nbeta,serb,100\n",
        monitoring: [
            2016: "alpha,yes,0,none,albanian;serb,0,0,none\nbeta,yes,0,none,albanian;serb,0,0,none\ngamma,no,,,,,,\n",
            2017: "alpha,yes,0,none,albanian;serb,0,0,none\nbeta,yes,0,none,albanian;serb,0,0,none\ngamma,no,,,,,,\n",
        ])

    /// A single year: 2017, January to September, with a note. Alpha: 8 meetings, 3 on
    /// security, Serbs (10, below the threshold of 50) unrepresented; Beta: no census figures, 5
    /// meetings, none on security.
    static let singleYear = edition(
        "single",
        configuration: configuration(
            minimum: 6, threshold: 50, years: "[2017]",
            periods: """
                    - year: 2017
                      first_month: 1
                      last_month: 9
                      note: { sq: "mandati skadoi", sr: "mandat je istekao", en: "the mandate expired" }
                """),
        census: "alpha,albanian,100\nalpha,serb,10\n",
        monitoring: [2017: "alpha,yes,2,regular,albanian,8,3,adopted\nbeta,yes,0,irregular,albanian,5,0,none\ngamma,no,,,,,,\n"])

    /// Every municipality with an MCSC ties for the most: Alpha's and Beta's councils each held
    /// one meeting, on security, in January–September 2017; Gamma had none.
    static let tied = edition(
        "tied",
        configuration: configuration(
            minimum: 1, threshold: 1, years: "[2017]", periods: "        - { year: 2017, first_month: 1, last_month: 9 }"),
        census: "alpha,albanian,5\nbeta,albanian,5\n",
        monitoring: [2017: "alpha,yes,1,regular,albanian,1,1,adopted\nbeta,yes,1,regular,albanian,1,1,adopted\ngamma,no,,,,,,\n"])

    static func build(_ edition: EditionSources) async throws -> BuildResult {
        try await FactsheetBuilder().build(edition: edition, templates: Fixtures.templates(repository: true))
    }

    /// The text a reader (or a screen reader) gets from a page: every element's text on a line
    /// of its own, tags dropped, entities read, word joiners taken out.
    static func text(_ result: BuildResult, _ path: String) throws -> String {
        let file = try #require(result.files.first { $0.path == path }, "no \(path)")
        var html = String(decoding: file.bytes, as: UTF8.self)
        if let style = html.range(of: "<style>"), let end = html.range(of: "</style>") {
            html.removeSubrange(style.lowerBound..<end.upperBound)
        }
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
                text.append("\n")
            } else if character == ">" {
                inTag = false
            } else if !inTag {
                text.append(character)
            }
        }
        return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "\u{2060}", with: "")
    }

    /// Each expected sentence is in the page as a whole sentence (at the start of a line or
    /// after a space, and ending a line or followed by a space).
    static func expectSentences(
        _ expected: [String], in page: String, _ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let lines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for sentence in expected {
            let found = lines.contains { line in
                var rest = line[...]
                while let range = rest.range(of: sentence) {
                    let before = range.lowerBound == line.startIndex || line[line.index(before: range.lowerBound)] == " "
                    let after = range.upperBound == line.endIndex || line[range.upperBound] == " "
                    if before && after { return true }
                    rest = line[range.upperBound...]
                }
                return false
            }
            #expect(found, "\(path): expected the sentence «\(sentence)»", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Every count 1

    @Test func everyCountOneReadsAsSentencesAboutOne() async throws {
        let result = try await Self.build(Self.ones)
        let expected: [String: [String]] = [
            "en/index.html": [
                "Published 15 December 2017",
                "They must meet at least once a year.",
                "In 2017, MCSCs existed in 1 municipality.",
                "In January–December 2016, MCSCs held one meeting, at which security incidents, trends or community concerns were discussed.",
                "In January–September 2017, MCSCs held one meeting, at which security incidents, trends or community concerns were discussed.",
                "In January–September 2017, 1 of 1 MCSC held at least one meeting (the legal minimum of one a year, pro-rated for nine months).",
                "2016: 1 of 1 MCSC; 2017: 1 of 1 MCSC.",
                "2016: 1 of 1 municipality with an MCSC; 2017: 1 of 1 municipality with an MCSC.",
                "All communities – 2016: 1 of 1 MCSC; 2017: 1 of 1 MCSC. Communities with more than 1 member – 2016: 1 of 1 MCSC; 2017: 1 of 1 MCSC.",
                "Most meetings in January–September 2017: Beta (1 meeting).",
            ],
            "en/municipalities/alpha.html": [
                "The MCSC that existed in 2016 no longer existed in 2017.",
                "2016: 1 woman; 2017: no MCSC.",
                "January–December 2016: 1 meeting, on security or community concerns; January–September 2017: no MCSC.",
                "The legal minimum is one meeting a year; for part of a year, this assessment pro-rates it by the months covered.",
            ],
            "en/municipalities/beta.html": ["The municipality had no MCSC in 2016."],
            "en/sheets.html": ["(no MCSC in 2017)", "(no MCSC)"],
            "en/review.html": ["MCSCs where a community with more than 1 member is not represented"],
            "sq/sheets.html": ["(pa KKSB në vitin 2017)", "(pa KKSB)"],
            "sq/review.html": ["KKSB-të ku nuk përfaqësohet një komunitet me më shumë se 1 pjesëtar"],
            "sr/sheets.html": ["(bez OSBZ 2017. godine)", "(bez OSBZ)"],
            "sr/review.html": ["OSBZ u kojima nije zastupljena neka zajednica sa više od 1 pripadnika"],
            "en/municipalities/gamma.html": [
                "Gamma had no Municipal Community Safety Council (MCSC) in 2016 and 2017, so there are no figures to show for it."
            ],
            "sq/index.html": [
                "Publikuar më 15 dhjetor 2017",
                "Ata duhet të takohen të paktën një herë në vit.",
                "Në vitin 2017 kishte KKSB në 1 komunë.",
                "Në periudhën janar – dhjetor 2016, KKSB-të mbajtën një takim, në të cilin u diskutuan incidente të sigurisë, trende ose shqetësime të komuniteteve.",
                "Në periudhën janar – shtator 2017, KKSB-të mbajtën një takim, në të cilin u diskutuan incidente të sigurisë, trende ose shqetësime të komuniteteve.",
                "Në periudhën janar – shtator 2017, 1 nga 1 KKSB mbajti së paku një takim (minimumi ligjor prej një takimi në vit, i llogaritur në përpjesëtim me nëntë muaj).",
                "2016: 1 nga 1 KKSB; 2017: 1 nga 1 KKSB.",
                "2016: 1 nga 1 komunë me KKSB; 2017: 1 nga 1 komunë me KKSB.",
                "Më së shumti takime në periudhën janar – shtator 2017: Beta (1 takim).",
            ],
            "sq/municipalities/alpha.html": [
                "KKSB-ja që ekzistonte në vitin 2016 nuk ekzistonte më në vitin 2017.",
                "2016: 1 grua; 2017: pa KKSB.",
                "Janar – dhjetor 2016: 1 takim, në të cilin u diskutua siguria ose shqetësimet e komuniteteve; janar – shtator 2017: pa KKSB.",
            ],
            "sq/municipalities/gamma.html": [
                "Gama nuk kishte Këshill Komunal për Siguri në Bashkësi (KKSB) në vitet 2016 dhe 2017, prandaj nuk ka shifra për të."
            ],
            "sr/index.html": [
                "Objavljeno 15. decembra 2017.",
                "Moraju da se sastaju najmanje jednom godišnje.",
                "Godine 2017. OSBZ su postojali u 1 opštini.",
                "U periodu januar–decembar 2016 OSBZ su održali jedan sastanak, na kome se raspravljalo o bezbednosnim incidentima, trendovima ili zabrinutostima zajednica.",
                "U periodu januar–septembar 2017 OSBZ su održali jedan sastanak, na kome se raspravljalo o bezbednosnim incidentima, trendovima ili zabrinutostima zajednica.",
                "U periodu januar–septembar 2017 najmanje jedan sastanak (zakonski minimum od jednog sastanka godišnje, srazmerno obračunat za devet meseci) održali su OSBZ u 1 od 1 opštine.",
                "2016: 1 od 1 OSBZ; 2017: 1 od 1 OSBZ.",
                "2016: 1 od 1 opštine sa OSBZ; 2017: 1 od 1 opštine sa OSBZ.",
                "Najviše sastanaka u periodu januar–septembar 2017: Beta (1 sastanak).",
            ],
            "sr/municipalities/alpha.html": [
                "OSBZ koji je postojao 2016. godine više nije postojao 2017. godine.",
                "2016: 1 žena; 2017: bez OSBZ.",
                "Januar–decembar 2016: 1 sastanak, na kome se raspravljalo o bezbednosti ili zabrinutostima zajednica; januar–septembar 2017: bez OSBZ.",
            ],
            "sr/municipalities/gamma.html": [
                "Opština Gama nije imala Opštinski savet za bezbednost zajednica (OSBZ) 2016. i 2017. godine, pa za nju nema podataka."
            ],
        ]
        for (path, sentences) in expected.sorted(by: { $0.key < $1.key }) {
            Self.expectSentences(sentences, in: try Self.text(result, path), path)
        }
        // The dissolved council is not said merely to be missing; its sheet's table has no
        // legal minimum for the period without it, and only its entry in the index says so.
        let gone = [
            "en": "The municipality had no MCSC in 2017.", "sq": "Komuna nuk kishte KKSB në vitin 2017.",
            "sr": "Opština nije imala OSBZ 2017. godine.",
        ]
        let marks = ["en": "(no MCSC in 2017)", "sq": "(pa KKSB në vitin 2017)", "sr": "(bez OSBZ 2017. godine)"]
        for language in Fixtures.shippedLanguages {
            #expect(!(try Self.text(result, "\(language)/municipalities/alpha.html")).contains(gone[language] ?? "?"), "\(language)")
            let index = try Self.text(result, "\(language)/sheets.html")
            #expect(index.components(separatedBy: marks[language] ?? "?").count == 2, "\(language): one dissolved council")
            let html = String(
                decoding: try #require(result.files.first { $0.path == "\(language)/municipalities/alpha.html" }).bytes, as: UTF8.self)
            // Period, MCSC ("no"), then a dash in each of the five other cells, the minimum too.
            let label = ["en": "January–September 2017", "sq": "Janar – shtator 2017", "sr": "Januar–septembar 2017"][language] ?? "?"
            let row = try #require(
                html.replacingOccurrences(of: "\u{2060}", with: "").components(separatedBy: "<tr>").first {
                    $0.contains("<td>\(label)</td>")
                }, "\(language): no table row for \(label)")
            #expect(row.components(separatedBy: "<td>–</td>").count - 1 == 5, "\(language): \(row)")
        }
    }

    // MARK: - Every count 0

    @Test func everyCountZeroReadsAsNone() async throws {
        let result = try await Self.build(Self.zeros)
        let expected: [String: [String]] = [
            "en/index.html": [
                "They must meet at least six times a year.",
                "In 2017, MCSCs existed in 2 municipalities.",
                "MCSCs held no meetings in January–December 2016 or in January–September 2017.",
                "In January–September 2017, none of the 2 MCSCs held at least five meetings (the legal minimum of six a year, pro-rated for nine months).",
                "2016: 0 of 2 MCSCs; 2017: 0 of 2 MCSCs.",
                "January–December 2016: no meetings; January–September 2017: no meetings. One row for each of the 2 municipalities that had an MCSC in a period shown.",
            ],
            "en/municipalities/alpha.html": [
                "2016: none; 2017: none.",
                "January–December 2016: no meetings; January–September 2017: no meetings.",
            ],
            "sq/index.html": [
                "Në vitin 2017 kishte KKSB në 2 komuna.",
                "KKSB-të nuk mbajtën asnjë takim as në periudhën janar – dhjetor 2016, as në periudhën janar – shtator 2017.",
                "Në periudhën janar – shtator 2017, asnjë nga 2 KKSB nuk mbajti së paku pesë takime (minimumi ligjor prej gjashtë takimesh në vit, i llogaritur në përpjesëtim me nëntë muaj).",
                "Janar – dhjetor 2016: asnjë takim; janar – shtator 2017: asnjë takim. Një rresht për secilën nga 2 komunat që kishin KKSB në njërën nga periudhat.",
            ],
            "sq/municipalities/alpha.html": [
                "2016: asnjë; 2017: asnjë.",
                "Janar – dhjetor 2016: asnjë takim; janar – shtator 2017: asnjë takim.",
            ],
            "sr/index.html": [
                "Godine 2017. OSBZ su postojali u 2 opštine.",
                "OSBZ nisu održali nijedan sastanak ni u periodu januar–decembar 2016. ni u periodu januar–septembar 2017.",
                "U periodu januar–septembar 2017 nijedan od 2 OSBZ nije održao najmanje pet sastanaka (zakonski minimum od šest sastanaka godišnje, srazmerno obračunat za devet meseci).",
                "Januar–decembar 2016: nijedan sastanak; januar–septembar 2017: nijedan sastanak. 2 reda, po jedan za svaku opštinu koja je imala OSBZ u bar jednom periodu.",
            ],
            "sr/municipalities/alpha.html": [
                "2016: nijedna; 2017: nijedna.",
                "Januar–decembar 2016: nijedan sastanak; januar–septembar 2017: nijedan sastanak.",
            ],
        ]
        for (path, sentences) in expected.sorted(by: { $0.key < $1.key }) {
            Self.expectSentences(sentences, in: try Self.text(result, path), path)
        }
        // With nobody ahead, the meetings chart names no municipality as having the most.
        for language in Fixtures.shippedLanguages {
            let page = try Self.text(result, "\(language)/index.html")
            #expect(!page.contains("Most meetings") && !page.contains("Më së shumti") && !page.contains("Najviše"))
            // Nor a sentence for each period when neither had any meetings.
            #expect(
                !page.contains("held no meetings.") && !page.contains("nuk mbajtën asnjë takim.")
                    && !page.contains("nisu održali nijedan sastanak."))
        }
    }

    // MARK: - Every MCSC ties

    /// When every municipality shown ties for the most meetings, the chart says every MCSC
    /// held that many instead of naming them all.
    @Test func aTieOfEveryMCSCIsSaidOnce() async throws {
        let result = try await Self.build(Self.tied)
        let expected: [String: [String]] = [
            "en/index.html": [
                "Every MCSC held 1 meeting in January–September 2017.",
                "Every MCSC held 1 meeting on security or community concerns in January–September 2017.",
            ],
            "sq/index.html": [
                "Secili KKSB mbajti nga 1 takim në periudhën janar – shtator 2017.",
                "Secili KKSB mbajti nga 1 takim për sigurinë ose shqetësimet e komuniteteve në periudhën janar – shtator 2017.",
            ],
            "sr/index.html": [
                "Svaki OSBZ održao je po 1 sastanak u periodu januar–septembar 2017.",
                "Svaki OSBZ održao je po 1 sastanak o bezbednosti ili zabrinutostima zajednica u periodu januar–septembar 2017.",
            ],
        ]
        for (path, sentences) in expected.sorted(by: { $0.key < $1.key }) {
            Self.expectSentences(sentences, in: try Self.text(result, path), path)
        }
        for language in Fixtures.shippedLanguages {
            let page = try Self.text(result, "\(language)/index.html")
            #expect(!page.contains("Most meetings") && !page.contains("Më së shumti") && !page.contains("Najviše"), "\(language)")
        }
    }

    // MARK: - A single year

    @Test func aSingleYearIsASentenceAboutThatYear() async throws {
        let result = try await Self.build(Self.singleYear)
        let expected: [String: [String]] = [
            "en/index.html": [
                "Establishment 2017",
                "In 2017, MCSCs existed in 2 municipalities.",
                "In January–September 2017, MCSCs held 13 meetings; security incidents, trends or community concerns were discussed at 3 of them.",
                "Number of meetings held in 2017",
                "In January–September 2017, 2 of 2 MCSCs held at least five meetings (the legal minimum of six a year, pro-rated for nine months).",
                "** Representation could not be assessed in the municipality that had an MCSC but no 2011 census figures: Beta.",
                "All communities – 2017: 1 of 1 MCSC. Communities with more than 50 members – 2017: 0 of 1 MCSC. Beta had an MCSC but no census figures, so it is not counted.",
                "2017: 1 of 2 municipalities with an MCSC.",
                "January–September 2017: 13 meetings in total. One row for each of the 2 municipalities that had an MCSC in a period shown. Most meetings in January–September 2017: Alpha (8 meetings).",
            ],
            "en/municipalities/alpha.html": ["January–September 2017: 8 meetings, 3 of them on security or community concerns."],
            "en/municipalities/beta.html": ["January–September 2017: 5 meetings, none on security or community concerns."],
            "en/municipalities/gamma.html": [
                "Gamma had no Municipal Community Safety Council (MCSC) in 2017, so there are no figures to show for it."
            ],
            "sq/index.html": [
                "Themelimi 2017",
                "Në vitin 2017 kishte KKSB në 2 komuna.",
                "Në periudhën janar – shtator 2017, KKSB-të mbajtën 13 takime; në 3 prej tyre u diskutuan incidente të sigurisë, trende ose shqetësime të komuniteteve.",
                "Numri i takimeve të mbajtura më 2017",
                "Në periudhën janar – shtator 2017, 2 nga 2 KKSB mbajtën së paku pesë takime (minimumi ligjor prej gjashtë takimesh në vit, i llogaritur në përpjesëtim me nëntë muaj).",
                "** Përfaqësimi nuk mund të vlerësohej në komunën që kishte KKSB, por për të cilën nuk ka të dhëna nga regjistrimi i popullsisë i vitit 2011: Beta.",
                "Të gjitha komunitetet – 2017: 1 nga 1 KKSB. Komunitetet me më shumë se 50 pjesëtarë – 2017: 0 nga 1 KKSB. Komuna Beta kishte KKSB, por nuk ka të dhëna nga regjistrimi, prandaj nuk numërohet.",
                "Janar – shtator 2017: gjithsej 13 takime. Një rresht për secilën nga 2 komunat që kishin KKSB në njërën nga periudhat. Më së shumti takime në periudhën janar – shtator 2017: Alfa (8 takime).",
            ],
            "sq/municipalities/beta.html": ["Janar – shtator 2017: 5 takime, asnjë për sigurinë ose shqetësimet e komuniteteve."],
            "sq/municipalities/gamma.html": [
                "Gama nuk kishte Këshill Komunal për Siguri në Bashkësi (KKSB) në vitin 2017, prandaj nuk ka shifra për të."
            ],
            "sr/index.html": [
                "Osnivanje 2017",
                "Godine 2017. OSBZ su postojali u 2 opštine.",
                "U periodu januar–septembar 2017 OSBZ su održali 13 sastanaka; na 3 od njih raspravljalo se o bezbednosnim incidentima, trendovima ili zabrinutostima zajednica.",
                "Broj sastanaka održanih 2017. godine",
                "U periodu januar–septembar 2017 najmanje pet sastanaka (zakonski minimum od šest sastanaka godišnje, srazmerno obračunat za devet meseci) održali su OSBZ u 2 od 2 opštine.",
                "** Zastupljenost nije mogla biti procenjena u opštini koja je imala OSBZ, ali za koju nema podataka iz popisa 2011. godine: Beta.",
                "Sve zajednice – 2017: 1 od 1 OSBZ. Zajednice sa više od 50 pripadnika – 2017: 0 od 1 OSBZ. Opština Beta imala je OSBZ, ali nema podataka popisa, pa nije uračunata.",
                "Januar–septembar 2017: ukupno 13 sastanaka. 2 reda, po jedan za svaku opštinu koja je imala OSBZ u bar jednom periodu. Najviše sastanaka u periodu januar–septembar 2017: Alfa (8 sastanaka).",
            ],
            "sr/municipalities/beta.html": ["Januar–septembar 2017: 5 sastanaka, nijedan o bezbednosti ili zabrinutostima zajednica."],
            "sr/municipalities/alpha.html": ["Osnivanje 2017", "Učinak i funkcionisanje 2017"],
            "en/review.html": ["MCSCs where a community with more than 50 members is not represented"],
            "sq/review.html": ["KKSB-të ku nuk përfaqësohet një komunitet me më shumë se 50 pjesëtarë"],
            "sr/review.html": ["OSBZ u kojima nije zastupljena neka zajednica sa više od 50 pripadnika"],
            "sr/municipalities/gamma.html": [
                "Opština Gama nije imala Opštinski savet za bezbednost zajednica (OSBZ) 2017. godine, pa za nju nema podataka."
            ],
        ]
        for (path, sentences) in expected.sorted(by: { $0.key < $1.key }) {
            Self.expectSentences(sentences, in: try Self.text(result, path), path)
        }
    }

    // MARK: - The shipped edition

    /// Two periods with several meetings each, some on security: one sentence compares them
    /// (216 and 174 meetings, 88 and 93 on security, in the sample data).
    @Test func twoComparablePeriodsShareOneSentence() async throws {
        let result = try await FactsheetBuilder().build(
            edition: Fixtures.edition("input", repository: true), templates: Fixtures.templates(repository: true))
        let expected = [
            "en/index.html":
                "MCSCs held 216 meetings in January–December 2016 and 174 in January–September 2017; security incidents, trends or community concerns were discussed at 88 and 93 of them, respectively.",
            "sq/index.html":
                "KKSB-të mbajtën 216 takime në periudhën janar – dhjetor 2016 dhe 174 në periudhën janar – shtator 2017; në 88, përkatësisht në 93 prej tyre, u diskutuan incidente të sigurisë, trende ose shqetësime të komuniteteve.",
            "sr/index.html":
                "OSBZ su održali 216 sastanaka u periodu januar–decembar 2016. i 174 sastanka u periodu januar–septembar 2017; o bezbednosnim incidentima, trendovima ili zabrinutostima zajednica raspravljalo se na 88, odnosno 93 od tih sastanaka.",
        ]
        for (path, sentence) in expected.sorted(by: { $0.key < $1.key }) {
            Self.expectSentences([sentence], in: try Self.text(result, path), path)
        }
    }

    // MARK: - Charts on their own

    /// A standalone chart says what the sheet says around it: the notice while the data is
    /// illustrative (in its description and as a line one can see), the period note, and no
    /// footnote marker whose footnote is not in the file (nor in the index's link or the caption).
    @Test func aChartOnItsOwnCarriesTheNoticeAndTheNoteAndNoOrphanMarkers() async throws {
        let result = try await Self.build(Self.singleYear)
        let notices = ["sq": "Të dhëna ilustruese.", "sr": "Ilustrativni podaci.", "en": "Illustrative data."]
        let notes = [
            "sq": "Janar – shtator 2017: mandati skadoi", "sr": "Januar–septembar 2017: mandat je istekao",
            "en": "January–September 2017: the mandate expired",
        ]
        for language in Fixtures.shippedLanguages {
            for file in result.files where file.path.hasPrefix("\(language)/charts/") {
                let svg = String(decoding: file.bytes, as: UTF8.self)
                let start = try #require(svg.range(of: "<desc"))
                let end = try #require(svg.range(of: "</desc>"))
                let desc = String(svg[start.lowerBound..<end.upperBound])
                let drawn = svg.replacingOccurrences(of: desc, with: "")
                #expect(desc.contains(notices[language] ?? "?"), "\(file.path): no notice in <desc>")
                #expect(drawn.contains(">" + (notices[language] ?? "?")), "\(file.path): no visible notice")
                #expect(!svg.contains("*"), "\(file.path): a footnote marker without its footnote")
                if ["meetings_held", "meetings_on_security", "mcscs_discussing_security", "work_plan_minorities"].contains(where: {
                    file.path.hasSuffix("/\($0).svg")
                }) {
                    #expect(desc.contains((notes[language] ?? "?") + "."), "\(file.path): no period note in <desc>")
                    #expect(drawn.contains(">" + (notes[language] ?? "?") + "<"), "\(file.path): no visible period note")
                }
            }
            let index = try Self.text(result, "\(language)/sheets.html")
            #expect(!index.contains("*"), "\(language)/sheets.html: a footnote marker in a link")
            let sheet = String(decoding: try #require(result.files.first { $0.path == "\(language)/index.html" }).bytes, as: UTF8.self)
            for caption in sheet.components(separatedBy: "<caption>").dropFirst() {
                #expect(
                    !(caption.components(separatedBy: "</caption>").first ?? "").contains("*"),
                    "\(language)/index.html: a marker in a caption")
            }
        }
    }

    // MARK: - Dates

    /// Every month in every shipped language, as a date in a sentence: the long date of
    /// CLDR's pattern for the language (English as the OSCE writes it), with the month in the
    /// form the date needs (Serbian genitive).
    @Test func everyMonthInEveryLanguage() {
        let expected: [String: [String]] = [
            "sq": [
                "1 janar 2017", "1 shkurt 2017", "1 mars 2017", "1 prill 2017", "1 maj 2017", "1 qershor 2017", "1 korrik 2017",
                "1 gusht 2017", "1 shtator 2017", "1 tetor 2017", "1 nëntor 2017", "1 dhjetor 2017",
            ],
            "sr": [
                "1. januara 2017.", "1. februara 2017.", "1. marta 2017.", "1. aprila 2017.", "1. maja 2017.", "1. juna 2017.",
                "1. jula 2017.", "1. avgusta 2017.", "1. septembra 2017.", "1. oktobra 2017.", "1. novembra 2017.", "1. decembra 2017.",
            ],
            "en": [
                "1 January 2017", "1 February 2017", "1 March 2017", "1 April 2017", "1 May 2017", "1 June 2017", "1 July 2017",
                "1 August 2017", "1 September 2017", "1 October 2017", "1 November 2017", "1 December 2017",
            ],
        ]
        for language in Fixtures.shippedLanguages {
            let format = Fixtures.format(language)
            let dates = (1...12).map { format.date(DateComponents(year: 2017, month: $0, day: 1)) ?? "" }
            #expect(dates == expected[language], "\(language)")
        }
        #expect(Fixtures.sr.date(DateComponents(year: 2017, month: 12, day: 15)) == "15. decembra 2017.")
        #expect(Fixtures.sq.date(DateComponents(year: 2017, month: 12, day: 15)) == "15 dhjetor 2017")
        #expect(Fixtures.en.date(DateComponents(year: 2017, month: 12, day: 15)) == "15 December 2017")
    }

    // MARK: - Parity

    /// A phrase, a vocabulary word or a template value one language has and another lacks is a
    /// warning that names both files; the build still succeeds. The shipped folders have none.
    @Test func parityWarnsWhereOneLanguageSaysWhatAnotherDoesNot() async throws {
        let shipped = try await Self.build(Self.singleYear)
        #expect(!shipped.warnings.contains { $0.description.contains("no counterpart") }, "\(shipped.warnings)")

        var templates = Fixtures.templates(repository: true)
        let english = try #require(templates.languages["en"])
        var strings = String(decoding: try #require(english.strings).bytes, as: UTF8.self)
        strings = strings.replacingOccurrences(of: "  other: others\n", with: "  other: others\n  extra: an extra word\n")
        var sheet = String(decoding: try #require(english.sheets[.national]).bytes, as: UTF8.self)
        sheet += "\nAlso {{not_assessed_count}}.\n"
        templates.languages["en"] = LanguageSources(
            strings: SourceFile(path: "Templates/en/strings.yaml", text: strings),
            sheets: english.sheets.merging([.national: SourceFile(path: "Templates/en/factsheet.md", text: sheet)]) { $1 })
        let result = try await FactsheetBuilder().build(edition: Self.singleYear, templates: templates)
        let lines = result.warnings.map(\.description)
        #expect(
            lines.contains {
                $0.hasPrefix("warning: Templates/en/strings.yaml, line ")
                    && $0.contains("'communities.extra' has no counterpart in Templates/sq/strings.yaml, Templates/sr/strings.yaml")
            }, "\(lines)")
        #expect(
            lines.contains {
                $0.hasPrefix("warning: Templates/en/factsheet.md, line ")
                    && $0.contains(
                        "the value '{{not_assessed_count}}' has no counterpart in Templates/sq/factsheet.md, Templates/sr/factsheet.md")
            }, "\(lines)")
    }

    /// A chart of the catalogue that no language's template places is a warning (its data files
    /// are written, no page shows it); the shipped templates place every chart.
    @Test func aChartNoTemplatePlacesIsAWarning() async throws {
        let shipped = try await Self.build(Self.singleYear)
        #expect(!shipped.warnings.contains { $0.description.contains("no template places") }, "\(shipped.warnings)")

        var templates = Fixtures.templates(repository: true)
        for language in Fixtures.shippedLanguages {
            let sources = try #require(templates.languages[language])
            let sheet = String(decoding: try #require(sources.sheets[.national]).bytes, as: UTF8.self)
            let without = sheet.replacingOccurrences(of: "```chart meetings_on_security\n```\n", with: "")
            #expect(without != sheet, "\(language): the chart block was not found")
            templates.languages[language] = LanguageSources(
                strings: sources.strings,
                sheets: sources.sheets.merging([.national: SourceFile(path: "Templates/\(language)/factsheet.md", text: without)]) { $1 })
        }
        let result = try await FactsheetBuilder().build(edition: Self.singleYear, templates: templates)
        let lines = result.warnings.map(\.description).filter { $0.contains("no template places") }
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("no template places the chart 'meetings_on_security'") == true, "\(lines)")
    }
}
