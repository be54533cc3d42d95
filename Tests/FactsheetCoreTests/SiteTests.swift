import CSV
import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

@Suite struct SiteTests {
    func site(_ edition: String = "small", options: BuildOptions = BuildOptions()) async throws -> BuildResult {
        try await FactsheetBuilder(options: options).build(
            edition: Fixtures.edition(edition), templates: Fixtures.templates(repository: true))
    }

    func file(_ result: BuildResult, _ path: String) throws -> String {
        try #require(result.files.first { $0.path == path }, "\(path) missing").contents
    }

    @Test func everyMunicipalityHasASheetInEveryLanguage() async throws {
        let result = try await site()
        for code in ["alpha", "beta", "gamma", "delta", "epsilon"] {
            for language in ["sq", "en"] {
                #expect(result.sheets.contains("\(language)/municipalities/\(code).html"))
            }
        }
        #expect(result.sheets.first == "sq/index.html")
        #expect(result.sheets.count == 2 + 5 * 2)
    }

    @Test func municipalSheetsSayWhenThereWasNoMCSCOrNoCensus() async throws {
        let result = try await site()
        // delta: no MCSC in 2016, an MCSC in 2017; census rows present.
        let delta = try file(result, "en/municipalities/delta.html")
        #expect(delta.contains("The municipality had no MCSC in 2016."))
        #expect(delta.contains("<td>2016</td>\n<td>no</td>"))
        #expect(!delta.contains("no census figures"))
        // 2017: turkish 51 not represented under both rules (worked out in IndicatorTests).
        #expect(delta.contains("<td>2017</td>\n<td>yes</td>\n<td>2</td>\n<td>none</td>\n<td>Turks</td>\n<td>Turks</td>"))
        // Jan–Sep 2017: 9 meetings against a minimum of 5.
        #expect(
            delta.contains("<td>January–September 2017</td>\n<td>yes</td>\n<td>9</td>\n<td>5</td>\n<td>yes</td>\n<td>0</td>\n<td>none</td>")
        )
        // gamma: no census rows at all.
        let gamma = try file(result, "sq/municipalities/gamma.html")
        #expect(gamma.contains("Për këtë komunë nuk ka të dhëna nga regjistrimi i popullsisë"))
        #expect(gamma.contains("<td>nuk u vlerësua (pa të dhëna nga regjistrimi)</td>"))
    }

    @Test func everyLinkPointsToAPageOfTheSite() async throws {
        let result = try await site()
        let paths = Set(result.files.map(\.path))
        var checked = 0
        for page in result.files where page.path.hasSuffix(".html") {
            for href in page.contents.components(separatedBy: "href=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
                // Resolve relative to the page's folder.
                var parts = page.path.split(separator: "/").dropLast().map(String.init)
                for component in href.split(separator: "/") {
                    if component == ".." { _ = parts.popLast() } else { parts.append(String(component)) }
                }
                #expect(paths.contains(parts.joined(separator: "/")), "\(page.path) links to \(href)")
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    @Test func everySheetNamesItsAlternatesInBothLanguages() async throws {
        let result = try await site()
        let page = try file(result, "en/municipalities/alpha.html")
        #expect(page.contains("<link rel=\"alternate\" hreflang=\"sq\" href=\"../../sq/municipalities/alpha.html\">"))
        #expect(page.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../../en/municipalities/alpha.html\">"))
        #expect(page.contains("<a href=\"../../sq/municipalities/alpha.html\" hreflang=\"sq\" lang=\"sq\">Lexojeni në shqip</a>"))
    }

    @Test func chartDataAsCSV() async throws {
        let result = try await site()
        // Values from the hand-worked table in IndicatorTests.
        #expect(try file(result, "data/charts/women_representatives.csv") == "year,women_representatives\n2016,3\n2017,2\n")
        #expect(
            try file(result, "data/charts/missing_representatives.csv")
                == "year,missing_representatives_all,missing_representatives_threshold\n2016,3,1\n2017,1,1\n")
        #expect(
            try file(result, "data/charts/work_plan_minorities.csv")
                == "period,first_month,last_month,work_plan_minorities\n2016,1,12,2\n2017,1,9,2\n")
        let meetings = try file(result, "data/charts/meetings_held.csv")
        #expect(meetings.hasPrefix("municipality,period,meetings_held\nalpha,2016,6\nalpha,2017,5\nbeta,2016,5\n"))
    }

    /// Quoting worked out from RFC 4180; CSV.swift, which reads the input, reads it back.
    @Test func csvQuotesOnlyWhatNeedsIt() throws {
        let rows = [["plain", "with,comma", "say \"hi\"", "two\nlines", "", "Ferizaj/Uroševac", "cr\rhere"]]
        let text = ChartDataFiles.csv(rows)
        #expect(text == "plain,\"with,comma\",\"say \"\"hi\"\"\",\"two\nlines\",,Ferizaj/Uroševac,\"cr\rhere\"\n")
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        #expect(reader.next() == rows[0])
        #expect(ChartDataFiles.csv([["a", "b"], ["1", ""]]) == "a,b\n1,\n")
    }

    @Test func provenanceOnEveryPage() async throws {
        let result = try await site(options: BuildOptions(sourceDateEpoch: 1_513_296_000))  // 2017-12-15 00:00 UTC
        #expect(result.provenance.inputHash.count == 12)
        for page in result.files where page.path.hasSuffix(".html") && page.path != "index.html" {
            #expect(page.contents.contains(result.provenance.inputHash), "\(page.path)")
            #expect(page.contents.contains(Provenance.generatorVersion), "\(page.path)")
        }
        #expect(try file(result, "en/index.html").contains("<span>Published 15 December 2017</span>"))
        #expect(try file(result, "sq/index.html").contains("<span>Publikuar më 15 dhjetor 2017</span>"))
        // The configuration's date wins over SOURCE_DATE_EPOCH.
        let yaml = Fixtures.text("small", "factsheet.yaml") + "published: 2018-02-28\n"
        let dated = try await FactsheetBuilder(options: BuildOptions(sourceDateEpoch: 1_513_296_000))
            .build(edition: Fixtures.edition("small", replacing: "factsheet.yaml", with: yaml), templates: Fixtures.templates())
        #expect(try file(dated, "en/index.html").contains("<span>Published 28 February 2018</span>"))
        #expect(dated.provenance.inputHash != result.provenance.inputHash)
    }

    @Test func impossibleDatesAreRejected() async {
        let yaml = Fixtures.text("small", "factsheet.yaml") + "published: 2018-02-30\n"
        #expect(throws: DiagnosticsError.self) {
            try DatasetLoader().load(Fixtures.edition("small", replacing: "factsheet.yaml", with: yaml))
        }
    }

    @Test func manifestListsEveryOtherFile() async throws {
        let result = try await site()
        let manifest = try file(result, "manifest.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any])
        let files = try #require(object["files"] as? [String: [String: Any]])
        #expect(Set(files.keys) == Set(result.files.map(\.path)).subtracting(["manifest.json"]))
        let index = try #require(files["index.html"])
        #expect(index["bytes"] as? Int == (try file(result, "index.html")).utf8.count)
        #expect((index["sha256"] as? String)?.count == 64)
    }

    /// Every coded cell value has its word in every shipped language (the loader refuses a
    /// strings file without one; this checks the words are not the codes themselves).
    @Test(arguments: Fixtures.shippedLanguages) func everyCodeHasAWord(key: String) {
        let strings = Fixtures.format(key).strings
        for vocabulary in CellVocabulary.allCases {
            for code in vocabulary.codes where key != "en" || !["regular", "irregular", "none", "adopted"].contains(code) {
                #expect(strings.cell(vocabulary, code) != code, "\(key): \(vocabulary.rawValue).\(code)")
            }
        }
    }
}

@Suite struct ConcurrencyTests {
    @Test func concurrentBuildEqualsSerialBuild() async throws {
        let edition = Fixtures.edition("input", repository: true)
        let templates = Fixtures.templates(repository: true)
        let serial = try await FactsheetBuilder(options: BuildOptions(concurrent: false)).build(edition: edition, templates: templates)
        let concurrent = try await FactsheetBuilder(options: BuildOptions(concurrent: true)).build(edition: edition, templates: templates)
        // Per configured language a national sheet, a sheet per municipality and an index; then
        // the language choice, indicators.json, 9 chart CSVs, the 3 input schemas, the data package
        // and the manifest.
        let dataset = try Fixtures.dataset("input", repository: true)
        let languages = dataset.configuration.languages.count
        let municipalities = dataset.municipalities.count
        // The sheets of municipalities that had an MCSC place their two charts (the templates'
        // `{{#had_mcsc}}`), each also a file of its own; every municipality has its two data files.
        let withCharts = dataset.municipalities.filter { dataset.hadMCSC($0.code) }.count
        // Each language also has its review page and every national chart as a standalone SVG file.
        // Each language also has its data workbook.
        let perLanguage = 1 + municipalities + 1 + 1 + 1 + ChartID.charts(of: .national).count + 2 * withCharts
        let expected = languages * perLanguage + 1 + 1 + 9 + 3 + 2 * municipalities + 1 + 1  // the data package
        #expect(serial.files.count == expected)
        #expect(serial.files == concurrent.files)
        #expect(serial.manifest == concurrent.manifest)
    }

    @Test func largeOutputsAreSpreadAmongTheSheets() {
        typealias Job = FactsheetBuilder.Job
        // 2 site jobs, 3 workbooks, 9 sheets: the workbooks go before sheets 0, 3 (9/3) and 6 (2 × 9/3).
        let expected: [Job] =
            [.site(0), .site(1), .large(0), .sheet(0), .sheet(1), .sheet(2), .large(1), .sheet(3), .sheet(4), .sheet(5), .large(2)]
            + [.sheet(6), .sheet(7), .sheet(8)]
        #expect(FactsheetBuilder.queue(site: 2, large: 3, sheets: 9) == expected)
        // Without municipal sheets they follow the site's jobs; every job is queued once.
        #expect(FactsheetBuilder.queue(site: 1, large: 2, sheets: 0) == [.site(0), .large(0), .large(1)])
        #expect(FactsheetBuilder.queue(site: 0, large: 3, sheets: 2) == [.large(0), .large(1), .sheet(0), .large(2), .sheet(1)])
    }

    @Test func anUnknownValueUsedOnlyOnSomeSheetsIsStillAnError() async {
        var templates = Fixtures.templates(repository: true)
        let languages = (try? Fixtures.dataset("input", repository: true).configuration.languages) ?? []
        for language in languages {
            let text = String(decoding: templates.languages[language.key]?.sheets[.municipality]?.bytes ?? [], as: UTF8.self)
            // Only municipalities without census figures render this line; the first one has them.
            let broken = text + "\n{{^has_census}}{{no_such_value}}{{/has_census}}\n"
            templates.languages[language.key]?.sheets[.municipality] = SourceFile(
                path: "Templates/\(language.key)/municipality.md", text: broken)
        }
        do {
            _ = try await FactsheetBuilder().build(edition: Fixtures.edition("input", repository: true), templates: templates)
            Issue.record("expected an error")
        } catch {
            #expect(!languages.isEmpty)
            #expect(error.lines.count == languages.count)
            #expect(error.lines.allSatisfy { $0.contains("municipality.md, line") && $0.contains("'{{no_such_value}}'") })
        }
    }
}

/// The national sheet's charts as files of their own, for the website's editors.
@Suite struct StandaloneChartTests {
    @Test func everyNationalChartIsAFileWithItsTitleAndLanguageListedInTheIndex() async throws {
        let result = try await FactsheetBuilder().build(edition: Fixtures.edition("small"), templates: Fixtures.templates(repository: true))
        for language in ["sq", "en"] {
            let index = try #require(result.files.first { $0.path == "\(language)/sheets.html" }).contents
            for id in ChartID.charts(of: .national).map(\.rawValue) {
                let file = try #require(result.files.first { $0.path == "\(language)/charts/\(id).svg" }, "\(language) \(id)")
                let svg = file.contents
                #expect(
                    svg.hasPrefix(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xml:lang=\"\(language)\""))
                #expect(svg.contains("<title id=\"chart-\(id)-title\">") && svg.contains("<desc id=\"chart-\(id)-desc\">"))
                #expect(
                    index.contains(
                        "<a href=\"\(SitePath.link(from: "\(language)/sheets.html", to: "\(language)/charts/\(id).svg"))\" type=\"image/svg+xml\">"
                    ))
            }
        }
        // The title is the heading above the chart in the language's template.
        let english = try #require(result.files.first { $0.path == "en/charts/women_representatives.svg" }).contents
        #expect(english.contains(">MCSCs with at least one woman member who represents a community</title>"))
    }
}

/// The review page: every figure with its rule and the municipalities behind it.
@Suite struct ReviewPageTests {
    @Test func everyIndicatorIsListedWithItsMunicipalities() async throws {
        let result = try await FactsheetBuilder().build(edition: Fixtures.edition("small"), templates: Fixtures.templates(repository: true))
        let page = try #require(result.files.first { $0.path == "en/review.html" }).contents
        for id in IndicatorID.allCases {
            #expect(page.contains("<h2 id=\"\(id.rawValue)\">"), "\(id.rawValue)")
        }
        // The small edition, worked out by hand: in 2017 the strict rule finds Delta (Turks, 51, not
        // represented) and no council lacks census figures; 2016 has no period label of its own.
        #expect(
            page.contains(
                "<h2 id=\"missing_representatives_all\">MCSCs where a community living in the municipality is not represented</h2>"))
        #expect(page.contains("<tr><th scope=\"row\">2017</th><td>1</td><td>Delta</td><td>–</td></tr>"))
        // Sums list each council's meetings: January–September 2017, 5 + 4 + 9 + 5 = 23.
        #expect(
            page.contains("<tr><th scope=\"row\">January–September 2017</th><td>23</td><td>Alpha 5; Beta 4; Delta 9; Epsilon 5</td></tr>"))
        let index = try #require(result.files.first { $0.path == "en/sheets.html" }).contents
        #expect(index.contains("href=\"../en/review.html\""))
    }
}
