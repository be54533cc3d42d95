import Foundation
import FuzzHarness
import Mustache
import Testing

@testable import FactsheetCore

/// The municipal template with the edition's values written in must render every sheet exactly
/// as the template itself does.
@Suite struct TemplateSpecialisationTests {
    static var shared: [String: Any] {
        [
            "edition": TemplateText("2017"), "count": TemplateCount(50, format: Fixtures.en), "one": TemplateCount(1, format: Fixtures.en),
            "flag": true,
        ]
    }

    func render(_ text: String, _ values: [String: Any], shared: [String: Any]) throws -> String {
        let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: \(MarkdownContentType.name)}}" + text)
        var values = values
        for (key, value) in shared where values[key] == nil { values[key] = value }
        return template.render(values)
    }

    @Test func editionValuesAreWrittenInAsMustacheWouldRenderThem() throws {
        // Worked out by hand from the Mustache rules: 50 is not "one", so the first section and its
        // standalone lines go, the inverted one keeps its text; the variable is escaped for Markdown.
        let text =
            "A {{edition}} B\n{{#count.one}}\none\n{{/count.one}}\n{{^count.one}}many {{name}}{{/count.one}}\n{{#one.one}}single{{/one.one}}\n"
        let specialised = try #require(SpecialisedTemplate.make(text, shared: Self.shared))
        #expect(specialised.text == "A 2017 B\nmany {{name}}\nsingle\n")
        #expect(specialised.resolved == ["edition", "count", "one"])
        let values: [String: Any] = ["name": TemplateText("Prizren_*")]
        #expect(specialised.applies(to: values))
        #expect(specialised.template.render(values) == (try render(text, values, shared: Self.shared)))
        #expect(specialised.template.render(values) == "A 2017 B\nmany Prizren\\_\\*\nsingle\n")
    }

    @Test func aSheetValueOrARowThatHidesAnEditionValueKeepsTheTemplate() throws {
        let text = "{{#years}}{{year}}: {{edition}}\n{{/years}}"
        let specialised = try #require(SpecialisedTemplate.make(text, shared: Self.shared))
        #expect(specialised.enclosing == ["years"])
        let plain: [String: Any] = ["years": [TemplateRow(["year": TemplateText("2016")])]]
        let hiding: [String: Any] = ["years": [TemplateRow(["year": TemplateText("2016"), "edition": TemplateText("X")])]]
        #expect(specialised.applies(to: plain))
        #expect(!specialised.applies(to: hiding))
        #expect(!specialised.applies(to: ["edition": TemplateText("own")]))
        // With the template itself the row's value wins, as Mustache looks names up from the inside out.
        #expect(try render(text, hiding, shared: Self.shared) == "2016: X\n")
        #expect(specialised.template.render(plain) == "2016: 2017\n")
    }

    @Test func aLineThatKeepsASectionTagIsLeftAsItIs() throws {
        // `flag` is not written in here because `other` (a sheet's own) shares its line; the
        // first line's edition value still is.
        let text = "{{edition}}\n{{#count.one}}a{{/count.one}}{{#other}}\nx\n{{/other}}\n"
        let specialised = try #require(SpecialisedTemplate.make(text, shared: Self.shared))
        #expect(specialised.text == "2017\n{{#count.one}}a{{/count.one}}{{#other}}\nx\n{{/other}}\n")
        #expect(SpecialisedTemplate.make("{{=<% %>=}}\n{{edition}}\n", shared: Self.shared) == nil)
        #expect(SpecialisedTemplate.make("{{name}}\n", shared: Self.shared) == nil)
    }

    /// Every municipal sheet of the shipped edition, the fixtures and random editions in every
    /// language: the same Markdown with the rewritten template as with the template itself.
    @Test func everySheetRendersTheSameWithTheRewrittenTemplate() throws {
        var editions = [Fixtures.edition("input", repository: true), Fixtures.edition("small"), Fixtures.edition("other")]
        var generator = SeededGenerator(state: 0x5EC1A1)
        for round in 0..<60 { editions.append(RandomEdition(count: [1, 2, 5, 40][round % 4], random: &generator).sources) }
        let templates = Fixtures.templates(repository: true)
        var specialisedSheets = 0
        var sheets = 0
        for sources in editions {
            guard let (dataset, _) = try? DatasetLoader().load(sources) else { continue }
            var log = DiagnosticLog()
            let languages = FactsheetBuilder().prepareLanguages(templates, dataset.configuration.languages, log: &log)
            for edition in languages {
                guard let template = edition.templates[.municipality] else { continue }
                let shared = TemplateValue.editionValues(dataset.configuration, format: edition.format).mapValues {
                    $0.mustacheValue(edition.format)
                }
                let specialised = try #require(template.specialised(shared: shared))
                for municipality in dataset.municipalities {
                    let values = MunicipalityViewModel(dataset: dataset, municipality: municipality, format: edition.format).mustacheValues
                    var plainLog = DiagnosticLog()
                    var specialisedLog = DiagnosticLog()
                    let plain = template.render(values, shared: shared, log: &plainLog)
                    let rewritten = template.render(values, shared: shared, specialised: specialised, log: &specialisedLog)
                    #expect(plain == rewritten, "\(sources.folder) \(edition.language.key) \(municipality.code)")
                    #expect(plainLog.diagnostics.count == specialisedLog.diagnostics.count)
                    if specialised.applies(to: values) { specialisedSheets += 1 }
                    sheets += 1
                }
            }
        }
        // Not vacuous: many sheets, and the rewritten template used on them.
        #expect(sheets > 250)
        #expect(specialisedSheets == sheets)
    }
}
