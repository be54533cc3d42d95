import Foundation
import Testing
import ZIPFoundation

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// The data workbook (`LANG/data.xlsx`) of the `small` fixture, read part by part. Expected
/// figures are worked out by hand from `Fixtures/small` (years 2016 and 2017; periods
/// January–December 2016 and January–September 2017, whose legal minimum is 6 × 9 / 12 rounded
/// up = 5; English alphabetical order Alpha, Beta, Delta, Epsilon, Gamma …).
@Suite struct DataWorkbookTests {
    func build(_ edition: EditionSources = Fixtures.edition("small")) async throws -> BuildResult {
        try await FactsheetBuilder(options: BuildOptions()).build(edition: edition, templates: Fixtures.templates(repository: true))
    }

    /// Every part of the workbook at `path`, as text.
    func parts(_ result: BuildResult, _ path: String = "en/data.xlsx") throws -> [String: String] {
        let file = try #require(result.files.first { $0.path == path }, "\(path) missing")
        return try ZIPParts.read(file.bytes)
    }

    /// The cells of one row of a worksheet part, as written (`<c r="A5" …>…</c>`), in order.
    func row(_ sheet: String, _ number: Int) -> [String] {
        guard let start = sheet.range(of: "<row r=\"\(number)\">"), let end = sheet[start.upperBound...].range(of: "</row>") else {
            return []
        }
        return sheet[start.upperBound..<end.lowerBound].components(separatedBy: "</c>").dropLast().map { $0 + "</c>" }
    }

    func text(_ reference: String, _ text: String, style: Int = 0) -> String {
        "<c r=\"\(reference)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(text)</t></is></c>"
    }

    func number(_ reference: String, _ value: Int) -> String {
        "<c r=\"\(reference)\" s=\"3\" t=\"n\"><v>\(value)</v></c>"
    }

    static let englishSheets = [
        "Cover", "Contents", "Notes", "Women", "Compensation", "Representation", "Meetings", "Security discussed",
        "Meetings on security", "Work plans", "All figures", "Municipalities by year", "Municipalities by period",
    ]

    @Test func coverContentsNotesThenOneTablePerWorksheet() async throws {
        let parts = try parts(try await build())
        let workbook = try #require(parts["xl/workbook.xml"])
        let names = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(names == Self.englishSheets)
        // A table on every sheet but the cover: contents, notes and ten tables of figures.
        #expect(parts.keys.filter { $0.hasPrefix("xl/tables/") }.count == 12)
        #expect(parts["xl/worksheets/_rels/sheet1.xml.rels"] == nil)
        for index in 2...13 {
            let sheet = try #require(parts["xl/worksheets/sheet\(index).xml"])
            #expect(sheet.contains(#"<tableParts count="1"><tablePart r:id="rId1"/></tableParts>"#))
            #expect(
                parts["xl/worksheets/_rels/sheet\(index).xml.rels"]?.contains(#"Target="../tables/table\#(index - 1).xml""#) == true)
            #expect(!sheet.contains("mergeCell"))
        }
        #expect(parts["[Content_Types].xml"]?.contains(#"<Override PartName="/xl/tables/table12.xml""#) == true)
    }

    @Test func theCoverSaysTheDataAreIllustrativeAsThePagesDo() async throws {
        let parts = try parts(try await build())
        let cover = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(row(cover, 1) == [text("A1", "MCSC fact sheets Test 2017: the figures as tables", style: 1)])
        #expect(row(cover, 3) == [text("A3", "Data status", style: 2)])
        #expect(
            row(cover, 4) == [
                text(
                    "A4",
                    "Illustrative data. The figures in this edition are made up to show how the tool works. They are not official data and must not be quoted.",
                    style: 5)
            ])
        #expect(row(cover, 6) == [text("A6", "Test 2017", style: 5)])
        // The small edition names no publisher and no date: neither is on the cover.
        #expect(!cover.contains("Published by") && !cover.contains("Publication date"))
        #expect(row(cover, 8).first?.contains("Edition Test 2017, illustrative data · fingerprint of the input files: ") == true)
    }

    @Test func theWomenChartAsATable() async throws {
        let parts = try parts(try await build())
        let sheet = try #require(parts["xl/worksheets/sheet4.xml"])
        #expect(
            row(sheet, 1) == [text("A1", "MCSCs with at least one woman member who represents a community, by year", style: 1)])
        #expect(row(sheet, 2) == [text("A2", "This worksheet contains one table.")])
        #expect(row(sheet, 3).first?.contains("Illustrative data.") == true)
        #expect(row(sheet, 4) == [text("A4", "Year", style: 6), text("B4", "Number of MCSCs", style: 6)])
        // 2016: alpha (2), gamma (1), epsilon (3); beta had none. 2017: beta (1), delta (2).
        #expect(row(sheet, 5) == [text("A5", "2016"), number("B5", 3)])
        #expect(row(sheet, 6) == [text("A6", "2017"), number("B6", 2)])
        #expect(row(sheet, 7).isEmpty)
        let table = try #require(parts["xl/tables/table3.xml"])
        #expect(table.contains(#"name="women_representatives" displayName="women_representatives" ref="A4:B6""#))
        #expect(table.contains(#"<tableColumn id="1" name="Year"/><tableColumn id="2" name="Number of MCSCs"/>"#))
    }

    @Test func meetingsByMunicipalityInAlphabeticalOrder() async throws {
        let parts = try parts(try await build())
        let sheet = try #require(parts["xl/worksheets/sheet7.xml"])
        #expect(row(sheet, 2) == [text("A2", "This worksheet contains one table; note 4 on the notes worksheet applies to it.")])
        #expect(row(sheet, 4) == [text("A4", "Municipality", style: 6), text("B4", "Period", style: 6), text("C4", "Meetings", style: 6)])
        // Every council's meetings, none for a year without one (delta 2016, gamma 2017).
        let expected: [(String, String, Int)] = [
            ("Alpha", "January–December 2016", 6), ("Alpha", "January–September 2017", 5),
            ("Beta", "January–December 2016", 5), ("Beta", "January–September 2017", 4),
            ("Delta", "January–September 2017", 9),
            ("Epsilon", "January–December 2016", 0), ("Epsilon", "January–September 2017", 5),
        ]
        for (offset, (name, period, meetings)) in expected.enumerated() {
            let number = offset + 5
            #expect(row(sheet, number) == [text("A\(number)", name), text("B\(number)", period), self.number("C\(number)", meetings)])
        }
        // The name full of markup is text, escaped as XML, last in English order.
        let gamma = "Gamma *[x](javascript:alert(1))* &lt;script&gt;alert(1)&lt;/script&gt; &amp; | _y_"
        #expect(row(sheet, 12) == [text("A12", gamma), text("B12", "January–December 2016"), number("C12", 12)])
        #expect(!sheet.contains("<script>"))
        #expect(parts["xl/tables/table6.xml"]?.contains(#"ref="A4:C12""#) == true)
    }

    @Test func eachMunicipalitysCouncilPerPeriod() async throws {
        let parts = try parts(try await build())
        let sheet = try #require(parts["xl/worksheets/sheet13.xml"])
        #expect(
            row(sheet, 2) == [
                text("A2", "This worksheet contains one table; notes 3, 4 and 5 on the notes worksheet apply to it.")
            ])
        // Alpha 2016: 6 meetings against a minimum of 6; Beta 2016: 5 against 6.
        #expect(
            row(sheet, 5) == [
                text("A5", "Alpha"), text("B5", "January–December 2016"), text("C5", "yes"), number("D5", 6), number("E5", 6),
                text("F5", "yes"), number("G5", 2), text("H5", "adopted, with activities for non-majority communities"),
            ])
        #expect(row(sheet, 7).dropFirst(5).first == text("F7", "no"))
        // Delta had no MCSC in 2016: the row says so and every other cell is empty (absent).
        #expect(row(sheet, 9) == [text("A9", "Delta"), text("B9", "January–December 2016"), text("C9", "no")])
        // 2017, January to September: 9 meetings against a minimum of 5.
        #expect(
            row(sheet, 10) == [
                text("A10", "Delta"), text("B10", "January–September 2017"), text("C10", "yes"), number("D10", 9), number("E10", 5),
                text("F10", "yes"), number("G10", 0), text("H10", "none"),
            ])
        // Five municipalities, two periods each.
        #expect(parts["xl/tables/table12.xml"]?.contains(#"ref="A4:H14""#) == true)
    }

    @Test func eachMunicipalitysCouncilPerYear() async throws {
        let parts = try parts(try await build())
        let sheet = try #require(parts["xl/worksheets/sheet12.xml"])
        #expect(
            row(sheet, 4) == [
                text("A4", "Municipality", style: 6), text("B4", "Year", style: 6), text("C4", "MCSC", style: 6),
                text("D4", "Women representatives", style: 6), text("E4", "Compensation of members", style: 6),
            ])
        #expect(row(sheet, 5) == [text("A5", "Alpha"), text("B5", "2016"), text("C5", "yes"), number("D5", 2), text("E5", "regular")])
        #expect(row(sheet, 9) == [text("A9", "Delta"), text("B9", "2016"), text("C9", "no")])
    }

    @Test func notesNumberedAndEveryIndicatorValue() async throws {
        let result = try await build()
        let parts = try parts(result)
        let notes = try #require(parts["xl/worksheets/sheet3.xml"])
        #expect(row(notes, 3) == [text("A3", "Note", style: 6), text("B3", "Note text", style: 6)])
        #expect(row(notes, 4).first == number("A4", 1))
        #expect(row(notes, 4).last?.contains("only communities with more than 50 members according to the census.") == true)
        #expect(
            row(notes, 6).last
                == text(
                    "B6", "The legal minimum is 6 meetings a year; for part of a year, this assessment pro-rates it by the months covered.",
                    style: 5))
        #expect(row(notes, 7).last == text("B7", "January–September 2017: note en", style: 5))
        #expect(row(notes, 8).first == number("A8", 5))
        #expect(row(notes, 9).isEmpty)

        let sheet = try #require(parts["xl/worksheets/sheet11.xml"])
        #expect(
            row(sheet, 2) == [text("A2", "This worksheet contains one table; notes 1, 2, 3 and 4 on the notes worksheet apply to it.")])
        // MCSCs in 2016: alpha, beta, gamma, epsilon.
        #expect(
            row(sheet, 5) == [
                text("A5", "mcsc_established"), text("B5", "MCSCs that existed in the year"), text("C5", "2016"), number("D5", 4),
            ])
        // One row per value of indicators.json, in its order, with its figure.
        let values = result.indicators.values
        for (offset, value) in values.enumerated() {
            let cells = row(sheet, offset + 5)
            #expect(cells.first == text("A\(offset + 5)", value.id.rawValue))
            #expect(cells.last == number("D\(offset + 5)", value.value))
        }
        #expect(row(sheet, values.count + 5).isEmpty)
    }

    @Test func theContentsLinkToEveryWorksheetButTheCover() async throws {
        let parts = try parts(try await build())
        let contents = try #require(parts["xl/worksheets/sheet2.xml"])
        let targets = contents.components(separatedBy: "location=\"'").dropFirst().map { String($0.prefix { $0 != "'" }) }
        #expect(targets == Array(Self.englishSheets.dropFirst(2)))
        #expect(
            row(contents, 4) == [
                text("A4", "Notes", style: 4), text("B4", "Notes", style: 5),
            ])
        #expect(contents.contains(#"<hyperlink ref="A5" location="'Women'!A1" display="Women"/>"#))
    }

    @Test func theSameInputGivesTheSameBytesInEveryLanguage() async throws {
        let first = try await build(Fixtures.edition("input", repository: true))
        let second = try await build(Fixtures.edition("input", repository: true))
        for language in ["sq", "sr", "en"] {
            let path = "\(language)/data.xlsx"
            let bytes = try #require(first.files.first { $0.path == path }?.bytes)
            #expect(bytes == second.files.first { $0.path == path }?.bytes)
        }
        // The publication date of factsheet.yaml, not the clock; the language's words.
        let serbian = try parts(first, "sr/data.xlsx")
        #expect(
            serbian["docProps/core.xml"]?.contains(#"<dcterms:created xsi:type="dcterms:W3CDTF">2017-12-15T00:00:00Z</dcterms:created>"#)
                == true)
        #expect(serbian["docProps/core.xml"]?.contains("<dc:language>sr-Latn</dc:language>") == true)
        #expect(serbian["xl/workbook.xml"]?.contains(#"<sheet name="Naslovna strana" sheetId="1" r:id="rId1"/>"#) == true)
        // The date as the Serbian pages print it ("Objavljeno 15. decembra 2017.").
        #expect(serbian["xl/worksheets/sheet1.xml"]?.contains(">15. decembra 2017.</t>") == true)
    }

    @Test(arguments: [
        ("Meetings/period", "Meetings/period"), ("A name longer than thirty-one letters", "A name longer than thirty-one letters"),
        ("'Quoted'", "'Quoted'"), ("History", "History"),
    ])
    func aWorksheetNameExcelRefusesIsAnError(name: String, shown: String) throws {
        let english = String(
            decoding: FileManager.default.contents(
                atPath: Fixtures.repositoryFolder.appendingPathComponent("Templates/en/strings.yaml").path) ?? Data(), as: UTF8.self)
        let text = english.replacingOccurrences(of: "  meetings_held: Meetings\n", with: "  meetings_held: \"\(name)\"\n")
        #expect(text != english)
        var log = DiagnosticLog()
        let strings = LanguageStringsLoader(source: SourceFile(path: "Templates/en/strings.yaml", text: text), language: Language("en"))
            .load(log: &log)
        #expect(strings == nil)
        #expect(
            log.diagnostics.map(\.description).contains {
                $0.contains("'workbook_sheets.meetings_held'") && $0.contains("'\(shown)'")
                    && $0.contains("a worksheet name of at most 31 characters")
            })
    }

    @Test func twoWorksheetsOfTheSameNameAreAnError() throws {
        let english = String(
            decoding: FileManager.default.contents(
                atPath: Fixtures.repositoryFolder.appendingPathComponent("Templates/en/strings.yaml").path) ?? Data(), as: UTF8.self)
        let text = english.replacingOccurrences(of: "  meetings_held: Meetings\n", with: "  meetings_held: women\n")
        var log = DiagnosticLog()
        _ = LanguageStringsLoader(source: SourceFile(path: "Templates/en/strings.yaml", text: text), language: Language("en")).load(
            log: &log)
        #expect(
            log.diagnostics.map(\.description).contains {
                $0.contains("'workbook_sheets.meetings_held'") && $0.contains("'women', also the name of 'women_representatives'")
            })
    }
}
