import FuzzHarness
import Mustache
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// The compiled template against swift-mustache itself, the definition of what a template means:
/// same text, same unknown names, on hand-picked cases, on thousands of generated templates and
/// on every sheet of the shipped, fixture and random editions.
@Suite struct CompiledTemplateTests {
    static let values: [String: TemplateValue] = [
        "t": .text("a*b_ <c>"), "empty_text": .text(""), "yes": .flag(true), "no": .flag(false), "one": .count(1), "many": .count(7),
        "rows": .rows([["r": .text("r1"), "t": .text("own")], ["r": .text("r2")]]), "none": .rows([]),
    ]
    static let format = Fixtures.en

    /// swift-mustache's text and unknown names for `text` with `values`, given to it as the build
    /// gives them when it fills a template itself.
    func mustache(_ text: String, _ values: [String: TemplateValue]) throws -> (String, [String]) {
        _ = MarkdownContentType.registration
        let template = try MustacheTemplate(string: CompiledTemplate.pragma + text)
        let context = StrictContext(values.mapValues { $0.mustacheValue(Self.format) }, shared: [:])
        return (template.render(context), context.missing)
    }

    func compiled(_ text: String, _ values: [String: TemplateValue]) throws -> (String, [String]) {
        let template = try #require(CompiledTemplate.compile(text), "\(text.debugDescription) was not compiled")
        var missed: [String] = []
        let filled = try #require(template.render(values, shared: [:], format: Self.format, missed: &missed))
        return (filled, missed)
    }

    /// Expected texts worked out by hand from the Mustache rules, and swift-mustache agreeing.
    @Test func standaloneLinesWhitespaceAndValuesAsMustacheRendersThem() throws {
        let cases: [(String, String)] = [
            // A section tag alone on its line takes the line (and its indentation) with it.
            ("A\n  {{#yes}}\n  x\n  {{/yes}}\nB\n", "A\n  x\nB\n"),
            ("A\n{{^yes}}\nx\n{{/yes}}\nB", "A\nB"),
            // Not on the first line: the content-type pragma before it means no tag there stands alone.
            ("{{#yes}}\nx\n{{/yes}}\n", "\nx\n"),
            // Not alone on the line: the line stays.
            ("A {{#yes}}x{{/yes}} B\n", "A x B\n"),
            // Saved on Windows: CRLF ends lines alike.
            ("A\r\n{{#yes}}\r\nx\r\n{{/yes}}\r\nB", "A\r\nx\r\nB"),
            ("  {{t}}\n", "  a\\*b\\_ \\<c\\>\n"),
            ("{{{t}}}|{{& t }}", "a*b_ <c>|a*b_ <c>"),
            ("A\n{{! a comment }}\nA{{! inline }}B\n", "A\nAB\n"),
            ("A\n{{#rows}}\n- {{r}} {{t}}\n{{/rows}}", "A\n- r1 own\n- r2 a\\*b\\_ \\<c\\>\n"),
            ("{{^none}}no rows{{/none}}{{#none}}never{{/none}}", "no rows"),
            // Inside `{{#many}}` the count is the innermost level: `one` is its plural test (7 is not one).
            (
                "{{one}} {{#one.one}}one{{/one.one}}{{^one.one}}other{{/one.one}} {{many.words}} {{#many}}{{one}}{{/many}}",
                "1 one seven false"
            ),
            ("{{yes}} {{no}} {{#no}}x{{/no}}{{^no}}y{{/no}}", "true false y"),
            ("{{#empty_text}}[{{empty_text}}]{{/empty_text}}", "[]"),
            ("{ {x} }} {{t}}}", "{ {x} }} a\\*b\\_ \\<c\\>}"),
        ]
        for (text, expected) in cases {
            let (filled, _) = try compiled(text, Self.values)
            #expect(filled == expected, "\(text.debugDescription)")
            #expect(try mustache(text, Self.values).0 == expected, "\(text.debugDescription)")
        }
    }

    @Test func unknownNamesAreRecordedOnlyWhenNoLevelHasThem() throws {
        let text = "{{missing}}{{#rows}}{{r}}{{gone}}{{/rows}}{{one.none}}{{#yes}}{{missing}}{{/yes}}{{#t}}{{missing}}{{/t}}"
        #expect(try compiled(text, Self.values) == (try mustache(text, Self.values)))
        // `gone` is missed once per row; `one.none` and the dotted text are not root misses.
        #expect(try compiled(text, Self.values).1 == ["missing", "gone", "gone", "missing", "missing"])
    }

    @Test func whatTheSubsetLeavesToSwiftMustache() throws {
        for text in [
            "{{=<% %>=}}", "{{>partial}}", "{{uppercased(t)}}", "{{.}}", "{{#rows}}{{.r}}{{/rows}}", "A\rB", "A\u{2028}B",
            "{{$block}}{{/block}}",
        ] {
            #expect(CompiledTemplate.compile(text) == nil, "\(text.debugDescription)")
        }
        // A list printed as a value, or a text looked into (swift-mustache reflects on its type).
        var missed: [String] = []
        for text in ["{{rows}}", "{{t.text}}", "{{#t}}{{text}}{{/t}}"] {
            let template = try #require(CompiledTemplate.compile(text))
            #expect(template.render(Self.values, shared: [:], format: Self.format, missed: &missed) == nil, "\(text)")
        }
        #expect(missed.isEmpty)
    }

    /// Random templates from a grammar of text, line ends, indentation and every tag the subset
    /// has, nested: where swift-mustache parses one, the compiled template gives the same.
    @Test func generatedTemplatesFillAsSwiftMustacheFillsThem() throws {
        var generator = SeededGenerator(state: 0xC0FFEE)
        let names = ["t", "empty_text", "yes", "no", "one", "many", "rows", "none", "r", "missing", "one.one", "many.other", "many.words"]
        let texts = ["a", " ", "  ", "\t", "\n", "\n", " \n", "\r\n", "{", "}", "x*y", "ë"]
        func piece(_ depth: Int) -> String {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0...3: return texts.randomElement(using: &generator)!
            case 4: return "{{! c }}"
            case 5:
                return ["{{", "{{{", "{{&", "{{ "].randomElement(using: &generator)! + names.randomElement(using: &generator)!
                    + ["}}", " }}"].randomElement(using: &generator)!
            default:
                guard depth < 3 else { return "{{" + names.randomElement(using: &generator)! + "}}" }
                let name = names.randomElement(using: &generator)!
                let sigil = Bool.random(using: &generator) ? "#" : "^"
                let around = ["", "\n", "  ", " \n", "\r\n"]
                return around.randomElement(using: &generator)! + "{{\(sigil)\(name)}}" + around.randomElement(using: &generator)!
                    + block(depth + 1) + around.randomElement(using: &generator)! + "{{/\(name)}}"
                    + around.randomElement(using: &generator)!
            }
        }
        func block(_ depth: Int) -> String { (0..<Int.random(in: 0...5, using: &generator)).map { _ in piece(depth) }.joined() }
        var compared = 0
        for _ in 0..<4000 {
            let text = block(0)
            guard let expected = try? mustache(text, Self.values) else { continue }
            let template = try #require(CompiledTemplate.compile(text), "\(text.debugDescription)")
            var missed: [String] = []
            // Nil for a template that prints a list as a value (`{{rows}}`): left to swift-mustache.
            guard let filled = template.render(Self.values, shared: [:], format: Self.format, missed: &missed) else { continue }
            #expect(filled == expected.0, "\(text.debugDescription)")
            #expect(missed == expected.1, "\(text.debugDescription)")
            compared += 1
        }
        #expect(compared > 2000)
    }

    /// Every sheet of the shipped edition, the fixtures and random editions, national and
    /// municipal, in every language: the build's own filling against swift-mustache's.
    @Test func everySheetFillsAsSwiftMustacheFillsIt() throws {
        var editions = [Fixtures.edition("input", repository: true), Fixtures.edition("small"), Fixtures.edition("other")]
        var generator = SeededGenerator(state: 0x5EC1A2)
        for round in 0..<40 { editions.append(RandomEdition(count: [1, 2, 5, 40][round % 4], random: &generator).sources) }
        let templates = Fixtures.templates(repository: true)
        var sheets = 0
        for sources in editions {
            guard let (dataset, _) = try? DatasetLoader().load(sources) else { continue }
            let figures = IndicatorCalculator().figures(for: dataset)
            var log = DiagnosticLog()
            let languages = FactsheetBuilder().prepareLanguages(templates, dataset.configuration.languages, log: &log)
            for edition in languages {
                let national = try #require(edition.templates[.national])
                let municipal = try #require(edition.templates[.municipality])
                let format = edition.format
                // As the build gives them: the national sheet's values include the edition's.
                let shared = TemplateValue.editionValues(dataset.configuration, format: format)
                let nationalValues = SheetViewModel(figures: figures, format: format).values
                var pages: [(SheetTemplate, [String: TemplateValue], [String: TemplateValue])] = [(national, nationalValues, [:])]
                for municipality in dataset.municipalities {
                    let values = MunicipalityViewModel(figures: figures, municipality: municipality, format: format).values
                    pages.append((municipal, values, shared))
                }
                for (sheet, values, shared) in pages {
                    let compiled = try #require(sheet.compiled, "\(sheet.source.path) was not compiled")
                    let context = StrictContext(
                        values.mapValues { $0.mustacheValue(format) }, shared: shared.mapValues { $0.mustacheValue(format) })
                    var missed: [String] = []
                    let filled = try #require(compiled.render(values, shared: shared, format: format, missed: &missed))
                    #expect(filled == sheet.template.render(context), "\(sources.folder) \(sheet.source.path)")
                    #expect(missed == context.missing)
                    // The same template saved with CRLF line ends.
                    var ignored = DiagnosticLog()
                    let crlf = try #require(sheet.source.text(log: &ignored)).replacingOccurrences(of: "\n", with: "\r\n")
                    let windows = try #require(CompiledTemplate.compile(crlf))
                    let windowsFilled = windows.render(values, shared: shared, format: format, missed: &missed)
                    #expect(windowsFilled == (try MustacheTemplate(string: CompiledTemplate.pragma + crlf)).render(context))
                    sheets += 1
                }
            }
        }
        #expect(sheets > 250)
    }
}
