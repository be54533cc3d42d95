import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

@Suite struct TemplateTests {
    func templates(en: String?, sq: String? = nil) -> TemplateSources {
        var sources = Fixtures.templates()
        sources.languages["en"]?.sheets[.national] = en.map { SourceFile(path: "templates/en/factsheet.md", text: $0) }
        if let sq { sources.languages["sq"]?.sheets[.national] = SourceFile(path: "templates/sq/factsheet.md", text: sq) }
        return sources
    }

    func errors(_ templates: TemplateSources, edition: EditionSources = Fixtures.edition("small")) async -> [String] {
        do {
            _ = try await FactsheetBuilder().build(edition: edition, templates: templates)
            return []
        } catch {
            return error.lines
        }
    }

    @Test func unknownValueIsAnErrorWithItsLine() async {
        let lines = await errors(templates(en: "# Title\n\nSome text.\n\n{{mcsc_establshed}} councils.\n"))
        #expect(
            lines == [
                "error: templates/en/factsheet.md, line 5: the template uses '{{mcsc_establshed}}', which is not a value the fact sheet provides"
            ])
    }

    @Test func unknownValueInsideASectionIsAnError() async {
        let lines = await errors(templates(en: "# T\n{{#has_not_assessed}}\n{{not_asessed}}\n{{/has_not_assessed}}\n"))
        #expect(
            lines == [
                "error: templates/en/factsheet.md, line 3: the template uses '{{not_asessed}}', which is not a value the fact sheet provides"
            ])
    }

    @Test func unknownChartIsAnErrorWithItsLine() async {
        let lines = await errors(templates(en: "# T\n\n```chart women\n```\n"))
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("error: templates/en/factsheet.md, line 3: expected a chart id (women_representatives, ") == true)
        #expect(lines.first?.hasSuffix("found 'women'") == true)
    }

    @Test func aLanguageWithoutTheTemplateIsAnError() async {
        let lines = await errors(templates(en: nil))
        #expect(lines == ["error: templates/en/factsheet.md: file not found; expected the fact sheet template in Markdown"])
    }

    @Test func mustacheSyntaxErrorsAreLocated() async {
        let lines = await errors(templates(en: "# T\n\n{{#has_not_assessed}}\nunclosed\n"))
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("error: templates/en/factsheet.md, line") == true)
        #expect(lines.first?.contains("template syntax error") == true)
    }

    /// What the template README promises of `{{…}}`: values, flags as sections and inverted
    /// sections, text as a section (shown when not empty), and swift-mustache's transforms.
    @Test func valuesFlagsSectionsAndTransforms() async throws {
        let text = """
            # {{edition}} / {{uppercased(edition)}}

            {{#is_illustrative}}made up{{/is_illustrative}}{{^is_illustrative}}marked official{{/is_illustrative}}
            {{#latest_period_note}}note: {{latest_period_note}}{{/latest_period_note}}
            {{^has_previous_period}}no previous{{/has_previous_period}}

            """
        let result = try await FactsheetBuilder().build(edition: Fixtures.edition("small"), templates: templates(en: text))
        let en = try #require(result.files.first { $0.path == "en/index.html" }).contents
        #expect(en.contains("<h1>Test 2017 / TEST 2017</h1>"))
        #expect(en.contains("<p>made up\nnote: note en</p>"))
        #expect(!en.contains("marked official") && !en.contains("no previous"))
    }

    /// A chart placed twice: every element id on the page is unique, and each chart's
    /// accessible name points at ids inside its own figure.
    @Test func aChartPlacedTwiceKeepsIdsUnique() async throws {
        let text = "# T\n\n## First\n\n```chart women_representatives\n```\n\n## Again\n\n```chart women_representatives\n```\n"
        let result = try await FactsheetBuilder().build(edition: Fixtures.edition("small"), templates: templates(en: text))
        let page = try #require(result.files.first { $0.path == "en/index.html" }).contents
        let ids = page.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(ids.contains("chart-women_representatives") && ids.contains("chart-women_representatives-2"))
        let figures = page.components(separatedBy: "<figure ").dropFirst()
        #expect(figures.count == 2)
        for figure in figures {
            let references = figure.components(separatedBy: "aria-labelledby=\"").dropFirst()
                .flatMap { $0.prefix { $0 != "\"" }.split(separator: " ").map(String.init) }
            #expect(references.count == 2)
            for reference in references { #expect(figure.contains(" id=\"\(reference)\""), "\(reference)") }
        }
        #expect(page.contains("<h2 class=\"chart-title\">First</h2>") && page.contains("<h2 class=\"chart-title\">Again</h2>"))
    }

    @Test func configurationTextIsEscapedEverywhere() async throws {
        let hostile = "<img src=x onerror=alert(1)>*bold* [link](http://x)"
        let yaml = Fixtures.text("small", "factsheet.yaml")
            .replacingOccurrences(of: "edition: \"Test 2017\"", with: "edition: '\(hostile)'")
            .replacingOccurrences(of: "note en", with: hostile)
        let edition = Fixtures.edition("small", replacing: "factsheet.yaml", with: yaml)
        let result = try await FactsheetBuilder().build(edition: edition, templates: Fixtures.templates())
        for file in result.files where file.path.hasSuffix(".html") {
            #expect(!file.contents.contains("<img"), "\(file.path)")
            #expect(!file.contents.contains("<strong>bold"), "\(file.path)")
            #expect(!file.contents.contains("href=\"http://x\""), "\(file.path)")
        }
        let en = try #require(result.files.first { $0.path == "en/index.html" }).contents
        let escaped = "&lt;img src=x onerror=alert(1)&gt;*bold* [link](http://x)"
        #expect(en.contains("<title>Test sheet \(escaped)</title>"))
        #expect(en.contains("<h1>Test sheet \(escaped)</h1>"))
        #expect(en.contains("<p class=\"chart-note\">January–September 2017: \(escaped)</p>"))
    }
}
