import FactsheetSupport
import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct PageTests {
    func build(_ edition: String = "small", templates: TemplateSources = Fixtures.templates()) async throws -> BuildResult {
        try await FactsheetBuilder().build(edition: Fixtures.edition(edition), templates: templates)
    }

    func page(_ result: BuildResult, _ path: String) throws -> String {
        try #require(result.files.first { $0.path == path }).contents
    }

    @Test func buildsEveryPageAndTheData() async throws {
        let result = try await build()
        let charts = [
            "mcscs_discussing_security", "meetings_held", "meetings_on_security", "missing_representatives", "municipality_meetings",
            "municipality_women", "regular_compensation", "women_representatives", "work_plan_minorities",
        ].map { "data/charts/\($0).csv" }
        // The fixture templates have no municipal sheet, so none is built; each national chart the
        // fixture template places is also a file of its own; every language has its data workbook.
        let placed = ["meetings_held"].flatMap { ["en/charts/\($0).svg", "sq/charts/\($0).svg"] }
        let expected =
            charts + placed + [
                "data/datapackage.json", "data/indicators.json", "data/schemas/census.json", "data/schemas/monitoring.json",
                "data/schemas/municipalities.json", "en/data.xlsx", "en/index.html", "en/review.html", "en/sheets.html", "index.html",
                "manifest.json", "sq/data.xlsx", "sq/index.html", "sq/review.html", "sq/sheets.html",
            ]
        #expect(result.files.map(\.path).sorted() == expected.sorted())
        // Without municipal sheets there are no per-municipality data files for the package to point at.
        #expect(!(try page(result, "data/datapackage.json")).contains("municipalities/CODE/"))
    }

    @Test func hostileNamesPrintAsWrittenAndInjectNothing() async throws {
        let result = try await build()
        for language in ["sq", "en"] {
            let html = try page(result, "\(language)/index.html")
            // Through the Markdown template (footnote) and through the chart and its table.
            let escaped = "*[x](javascript:alert(1))* &lt;script&gt;alert(1)&lt;/script&gt; &amp; | _y_"
            #expect(html.contains("Gam\(language == "sq" ? "a" : "ma") \(escaped)."), "footnote in \(language)")
            #expect(html.components(separatedBy: escaped).count >= 3, "footnote and data table in \(language)")
            // The chart label may be wrapped into lines: parsed as XML, its pieces give back the name.
            let name = "Gam\(language == "sq" ? "a" : "ma") *[x](javascript:alert(1))* <script>alert(1)</script> & | _y_"
            let svg = "<svg " + html.components(separatedBy: "<svg ")[1].components(separatedBy: "</svg>")[0] + "</svg>"
            let labels = try XMLDocument(xmlString: svg).nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
            #expect(labels.contains { $0.filter { !$0.isWhitespace } == name.filter { !$0.isWhitespace } })
            #expect(!html.contains("<script"))
            #expect(!html.contains("href=\"javascript"))
            #expect(!html.contains("<em>x</em>"))
            // The template's own raw HTML stays off.
            #expect(html.contains("<!-- raw HTML omitted -->"))
            #expect(!html.contains("<b>HTML</b>"))
        }
    }

    @Test(arguments: ["*", "|", "[", "<", "&", "_", "`", "#", "\\", "!["])
    func markdownEscapingKeepsEveryCharacter(_ special: String) async throws {
        let text = "a\(special)b \(special)c\(special)"
        let html = MarkdownHTML.render(Escaping.markdown(text))
        #expect(html == "<p>\(Escaping.html(text))</p>\n")
    }

    @Test func pagesAreDeterministic() async throws {
        let first = try await build().files
        let second = try await build().files
        #expect(first == second)
    }

    @Test func pageHasLanguageLinksNoticeAndFootnote() async throws {
        let result = try await build()
        let sq = try page(result, "sq/index.html")
        #expect(sq.contains("<html lang=\"sq\">"))
        #expect(sq.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../en/index.html\">"))
        #expect(sq.contains("<a href=\"../en/index.html\" hreflang=\"en\" lang=\"en\">Read in English</a>"))
        #expect(sq.contains("Të dhëna ilustruese"))
        #expect(sq.contains("Periudha: janar – shtator 2017."))
        let en = try page(result, "en/index.html")
        #expect(en.contains("Period: January–September 2017."))
        #expect(en.contains("<title>Test sheet Test 2017</title>"))
        // An official edition carries no illustrative notice.
        let official = try await build("other")
        #expect(!(try page(official, "en/index.html")).contains("Illustrative data"))
        // north had an MCSC in 2020 and 2021 but no census rows.
        #expect((try page(official, "en/index.html")).contains("No census: North."))
    }

    @Test func noExternalRequests() async throws {
        let result = try await build()
        for file in result.files where file.path.hasSuffix(".html") {
            for attribute in ["src=", "<link rel=\"stylesheet\"", "url(http", "@import"] {
                #expect(!file.contents.contains(attribute), "\(file.path) has \(attribute)")
            }
        }
    }

    @Test func everyChartIsWellFormedXMLWithAnAccessibleName() async throws {
        let result = try await build("small", templates: Fixtures.templates(repository: true))
        for language in ["sq", "en"] {
            let html = try page(result, "\(language)/index.html")
            let svgs = html.components(separatedBy: "<svg ").dropFirst().map {
                "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>"
            }
            #expect(svgs.count == 7)
            for svg in svgs {
                #expect(throws: Never.self) { try XMLDocument(xmlString: svg) }
                #expect(svg.contains("role=\"img\""))
                #expect(svg.contains("aria-labelledby=\"chart-"))
                #expect(svg.contains("<title id=\"chart-"))
                #expect(svg.contains("<desc id=\"chart-"))
            }
        }
    }

    @Test func chartTitlesComeFromTheHeadingAbove() async throws {
        let html = try page(try await build(), "en/index.html")
        #expect(html.contains("<title id=\"chart-meetings_held-title\">Meetings</title>"))
    }

    @Test func goldenPage() async throws {
        let result = try await build()
        for language in ["sq", "en"] {
            try Golden.check(try page(result, "\(language)/index.html"), named: "small-\(language).html")
        }
        try Golden.check(try page(result, "data/indicators.json"), named: "small-indicators.json")
    }
}

@Suite struct ShippedEditionTests {
    @Test func theShippedInputBuildsWithoutWarnings() async throws {
        let result = try await FactsheetBuilder().build(
            edition: Fixtures.edition("input", repository: true), templates: Fixtures.templates(repository: true))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(result.indicators.value(.mcscEstablished, "2017")?.value == 34)
    }

    /// Every number in the charts' data tables, in order.
    func tableNumbers(_ html: String) -> [String] {
        html.components(separatedBy: "<td>").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
    }

    @Test func bothLanguagesCarryTheSameNumbers() async throws {
        let result = try await FactsheetBuilder().build(
            edition: Fixtures.edition("input", repository: true), templates: Fixtures.templates(repository: true))
        let sq = try #require(result.files.first { $0.path == "sq/index.html" }).contents
        let en = try #require(result.files.first { $0.path == "en/index.html" }).contents
        let sqNumbers = tableNumbers(sq).filter { $0.allSatisfy(\.isNumber) }
        let enNumbers = tableNumbers(en).filter { $0.allSatisfy(\.isNumber) }
        #expect(!sqNumbers.isEmpty)
        // Rows are sorted by name per language, so compare as multisets.
        #expect(sqNumbers.sorted() == enNumbers.sorted())
        let established = try #require(result.indicators.value(.mcscEstablished, "2017")).value
        // The figure counts the MCSCs of the last year, and the sentence says so.
        #expect(sq.contains("Në vitin 2017 kishte KKSB në \(established) komuna"))
        #expect(en.contains("In 2017, MCSCs existed in \(established) municipalities"))
    }
}
