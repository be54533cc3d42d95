import Foundation
import FuzzHarness
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// Workbooks (`.xlsx`) in place of CSV files: built here by hand (``TestWorkbook``), read by the loader.
@Suite struct WorkbookTests {
    typealias Cell = TestWorkbook.Cell

    /// The fixture CSV `path` of the `small` edition as rows of fields.
    static func csvRows(_ path: String) -> [[String]] {
        Fixtures.text("small", path).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// The CSV's rows as workbook cells in every way a spreadsheet stores them: whole numbers as
    /// numbers (`7` and `7.0`) and as text, text as shared strings (some as rich text) and inline
    /// strings, meetings as formulas with their saved results; then a row of styled empty cells.
    static func cells(_ rows: [[String]]) -> [[Cell]] {
        var result: [[Cell]] = rows.enumerated().map { rowIndex, row in
            row.enumerated().map { column, field -> Cell in
                if field.isEmpty { return .empty }
                if rowIndex > 0, field.allSatisfy(\.isNumber) {
                    switch (rowIndex + column) % 4 {
                    case 0: return .number(field)
                    case 1: return .number(field + ".0")
                    case 2: return .formula("\(field)*1", cached: field)
                    default: return .shared(field)
                    }
                }
                switch (rowIndex + column) % 3 {
                case 0: return .shared(field)
                case 1: return .inline(field)
                default:
                    return field.count > 3
                        ? .rich([String(field.prefix(2)), String(field.dropFirst(2))]) : .formulaText("\"\(field)\"", cached: field)
                }
            }
        }
        result.append(Array(repeating: .styled, count: rows[0].count))
        return result
    }

    static func workbook(_ path: String, sheet: String = "Sheet1", extraSheet: Bool = false, prefixed: Bool = false) throws -> SourceFile {
        var sheets = [TestWorkbook.Sheet(name: sheet, rows: cells(csvRows(path)))]
        if extraSheet { sheets.append(TestWorkbook.Sheet(name: "Shënime", rows: [[.inline("notes, not data")], [.number("42")]])) }
        let bytes = try TestWorkbook(sheets: sheets, prefixed: prefixed).bytes()
        return SourceFile(path: "small/" + path.replacingOccurrences(of: ".csv", with: ".xlsx"), bytes: bytes)
    }

    /// The `small` edition with every CSV file replaced by a workbook.
    static func workbookEdition(extraSheet: Bool = false) throws -> EditionSources {
        var sources = Fixtures.edition("small")
        sources.municipalities = try workbook("municipalities.csv", prefixed: true)
        sources.census = try workbook("census.csv", sheet: "Regjistrimi 2011")
        sources.monitoring = [
            try workbook("monitoring/2016.csv", extraSheet: extraSheet), try workbook("monitoring/2017.csv", sheet: "Të dhënat"),
        ]
        return sources
    }

    func diagnostics(_ sources: EditionSources) -> [String] {
        do {
            return try DatasetLoader().load(sources).1.map(\.description)
        } catch {
            return error.lines
        }
    }

    @Test func workbooksGiveTheSameDatasetAsTheCSVFiles() async throws {
        let (dataset, warnings) = try DatasetLoader().load(try Self.workbookEdition())
        #expect(warnings.isEmpty, "\(warnings)")
        let reference = try Fixtures.dataset("small")
        #expect(dataset.municipalities == reference.municipalities)
        #expect(dataset.census == reference.census)
        #expect(dataset.monitoring[2016] == reference.monitoring[2016])
        #expect(dataset.monitoring[2017] == reference.monitoring[2017])
    }

    /// The indicators worked out by hand for the CSV edition, from the workbooks.
    @Test(arguments: IndicatorTests.small)
    func workbooksGiveTheHandWorkedIndicators(_ expected: IndicatorTests.Expected) async throws {
        let (dataset, _) = try DatasetLoader().load(try Self.workbookEdition(extraSheet: true))
        IndicatorTests.check(expected, in: IndicatorCalculator().indicators(for: dataset))
    }

    @Test func otherWorksheetsAreIgnoredWithOneWarning() async throws {
        let (_, warnings) = try DatasetLoader().load(try Self.workbookEdition(extraSheet: true))
        #expect(
            warnings.map(\.description) == [
                "warning: small/monitoring/2016.xlsx: only the first worksheet, 'Sheet1', is read; the other worksheet ('Shënime') is ignored"
            ])
    }

    @Test func rowsAndCellsWithoutReferencesAreReadInOrder() async throws {
        var sources = Fixtures.edition("small")
        let rows = Self.cells(Self.csvRows("monitoring/2017.csv"))
        let bytes = try TestWorkbook(sheets: [.init(name: "2017", rows: rows)], withoutReferences: true).bytes()
        sources.monitoring =
            sources.monitoring.filter { $0.path.hasSuffix("2016.csv") } + [SourceFile(path: "small/monitoring/2017.xlsx", bytes: bytes)]
        let (dataset, warnings) = try DatasetLoader().load(sources)
        #expect(warnings.isEmpty)
        #expect(dataset.monitoring[2017] == (try Fixtures.dataset("small")).monitoring[2017])
    }

    /// A monitoring workbook: header, then `rows` as cells (alpha … epsilon with the figures given).
    func monitoring(_ rows: [[Cell]], sheet: String = "Të dhënat") throws -> EditionSources {
        var sources = Fixtures.edition("small")
        let header = MonitoringColumn.allCases.map { Cell.shared($0.name) }
        let bytes = try TestWorkbook(sheets: [.init(name: sheet, rows: [header] + rows)]).bytes()
        sources.monitoring.removeAll { $0.path.hasSuffix("2017.csv") }
        sources.monitoring.append(SourceFile(path: "small/monitoring/2017.xlsx", bytes: bytes))
        return sources
    }

    /// A good 2017 row for `code`, with `meetings` (column F) given as a cell.
    func row(_ code: String, meetings: Cell = .number("5"), women: Cell = .number("1")) -> [Cell] {
        [.shared(code), .shared("yes"), women, .shared("regular"), .inline("albanian"), meetings, .number("0"), .shared("adopted")]
    }

    @Test func aBadCellIsLocatedBySheetCellRowAndColumn() async throws {
        let rows = [
            row("alpha"), row("beta"), row("gamma"), row("delta"), row("epsilon", meetings: .inline("shtatë")),
        ]
        // Header in row 1; epsilon's row is row 6.
        let lines = diagnostics(try monitoring(rows))
        #expect(
            lines == [
                "error: small/monitoring/2017.xlsx, sheet 'Të dhënat', cell F6 (row 6, column 'meetings'): expected a whole number ≥ 0, found 'shtatë'"
            ])
    }

    @Test func wholeNumbersStoredWithDecimalsAreWholeButFractionsAreErrors() async throws {
        let rows = [
            row("alpha", meetings: .number("7.0")), row("beta", meetings: .number("7.5")), row("gamma", meetings: .number("1E+1")),
            row("delta", meetings: .shared("7")), row("epsilon", women: .number("-2")),
        ]
        let sources = try monitoring(rows)
        do {
            _ = try DatasetLoader().load(sources)
            Issue.record("expected errors")
        } catch {
            #expect(
                error.lines == [
                    "error: small/monitoring/2017.xlsx, sheet 'Të dhënat', cell F3 (row 3, column 'meetings'): expected a whole number ≥ 0, found '7.5'",
                    "error: small/monitoring/2017.xlsx, sheet 'Të dhënat', cell C6 (row 6, column 'women_representatives'): expected a whole number ≥ 0, found '-2'",
                ])
        }
        // 7.0 is 7, 1E+1 is 10, "7" as text is 7.
        let good = [
            row("alpha", meetings: .number("7.0")), row("beta", meetings: .number("1E+1")), row("gamma", meetings: .shared("7")),
            row("delta"), row("epsilon"),
        ]
        let (dataset, _) = try DatasetLoader().load(try monitoring(good))
        #expect(dataset.monitoring[2017]?["alpha"]?.meetings == 7)
        #expect(dataset.monitoring[2017]?["beta"]?.meetings == 10)
        #expect(dataset.monitoring[2017]?["gamma"]?.meetings == 7)
    }

    @Test func formulaErrorsAndFormulasWithoutResultsAreLocatedErrors() async throws {
        let rows = [
            row("alpha", meetings: .formula("2+3", cached: "5")), row("beta", meetings: .formulaError("A1/0", code: "#DIV/0!")),
            row("gamma", women: .formulaError("Sheet9!A1", code: "#REF!")), row("delta", meetings: .formulaWithoutValue("SUM(F2:F3)")),
            row("epsilon", meetings: .formulaError("X", code: "")),
        ]
        let lines = diagnostics(try monitoring(rows))
        let fix = "expected a value (correct the formula in Excel and save the workbook)"
        #expect(
            lines == [
                "error: small/monitoring/2017.xlsx, sheet 'Të dhënat', cell F3 (row 3, column 'meetings'): the cell's formula gives the error #DIV/0!; \(fix)",
                "error: small/monitoring/2017.xlsx, sheet 'Të dhënat', cell C4 (row 4, column 'women_representatives'): the cell's formula gives the error #REF!; \(fix)",
                "error: small/monitoring/2017.xlsx, sheet 'Të dhënat', cell F5 (row 5, column 'meetings'): the cell holds a formula without a saved result; expected a value (open the workbook in Excel and save it, or type the value)",
                "error: small/monitoring/2017.xlsx, sheet 'Të dhënat', cell F6 (row 6, column 'meetings'): the cell holds a formula without a saved result; expected a value (open the workbook in Excel and save it, or type the value)",
            ])
    }

    @Test func headerProblemsNameTheSheetAndCell() async throws {
        var sources = Fixtures.edition("small")
        // The contract's header with `women_representatives` misnamed `women`.
        let header: [Cell] = MonitoringColumn.allCases.map { .shared($0 == .womenRepresentatives ? "women" : $0.name) }
        let bytes = try TestWorkbook(sheets: [.init(name: "2017", rows: [header, row("alpha") + [.empty, .inline("extra")]])]).bytes()
        sources.monitoring.removeAll { $0.path.hasSuffix("2017.csv") }
        sources.monitoring.append(SourceFile(path: "small/monitoring/2017.xlsx", bytes: bytes))
        let lines = diagnostics(sources)
        #expect(
            lines.contains(
                "warning: small/monitoring/2017.xlsx, sheet '2017', cell C1 (row 1, column 'women'): column 'women' is not part of the data contract; it is ignored"
            ))
        #expect(
            lines.contains {
                $0.hasPrefix("error: small/monitoring/2017.xlsx, sheet '2017', row 1: missing column 'women_representatives'")
            })
    }

    @Test func aCSVFileAndAWorkbookForTheSameYearIsAnError() async throws {
        var sources = Fixtures.edition("small")
        sources.monitoring.append(try Self.workbook("monitoring/2017.csv"))
        #expect(
            diagnostics(sources).contains(
                "error: small/monitoring/2017.xlsx: both monitoring/2017.csv and monitoring/2017.xlsx are present; expected only one of them (remove or rename the other)"
            ))
        var register = Fixtures.edition("small")
        register.conflicting = [try Self.workbook("census.csv")]
        #expect(
            diagnostics(register).contains(
                "error: small/census.xlsx: both census.csv and census.xlsx are present; expected only one of them (remove or rename the other)"
            ))
    }

    @Test func anEmptyWorksheetAndAHeaderOnly() async throws {
        var sources = Fixtures.edition("small")
        sources.census = SourceFile(path: "small/census.xlsx", bytes: try TestWorkbook(sheets: [.init(name: "Bosh", rows: [])]).bytes())
        #expect(
            diagnostics(sources) == [
                "error: small/census.xlsx, sheet 'Bosh': the file is empty; expected a header row and one row per record"
            ])
        let header: [Cell] = CensusColumn.allCases.map { .shared($0.name) }
        sources.census = SourceFile(
            path: "small/census.xlsx", bytes: try TestWorkbook(sheets: [.init(name: "C", rows: [header, [.styled, .styled]])]).bytes())
        #expect(diagnostics(sources) == ["error: small/census.xlsx: the file has a header but no rows; expected one row per record"])
    }

    // MARK: - Damaged and hostile files

    func census(_ bytes: [UInt8]) -> [String] {
        var sources = Fixtures.edition("small")
        sources.census = SourceFile(path: "small/census.xlsx", bytes: bytes)
        return diagnostics(sources)
    }

    static let unreadable = "error: small/census.xlsx: could not be read as an Excel workbook: "

    @Test func filesThatAreNotWorkbooks() async throws {
        #expect(
            census(Array("municipality,community,population\n".utf8)) == [
                Self.unreadable
                    + "it is not an .xlsx file (a ZIP container); save it from Excel as \"Excel Workbook (.xlsx)\" (a password-protected workbook must be saved without its password)"
            ])
        #expect(census([]).first?.hasPrefix(Self.unreadable + "it is not an .xlsx file") == true)
        // An OLE compound file, as an encrypted workbook or an old .xls is.
        #expect(
            census([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).first?.hasPrefix(
                Self.unreadable + "it is not an .xlsx file") == true)
        let noWorkbook = try TestWorkbook.zip([("hello.txt", "hello")])
        #expect(census(noWorkbook) == [Self.unreadable + "the part 'xl/workbook.xml' is missing; save the workbook again from Excel"])
    }

    @Test func aDocumentTypeDeclarationIsRefused() async throws {
        let bomb = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>
            """
        var parts = try Self.parts(of: try Self.workbook("census.csv").bytes)
        parts["xl/sharedStrings.xml"] = bomb
        #expect(
            census(try TestWorkbook.zip(parts.sorted { $0.key < $1.key })) == [
                Self.unreadable
                    + "the part 'xl/sharedStrings.xml' holds a document type declaration, which workbooks never have; it is not read"
            ])
    }

    /// `<?pi?>` (a processing instruction without data) once stopped the process inside Foundation's
    /// XMLParser; libxml2's reader gives it as a node, and it is refused there.
    @Test func aProcessingInstructionIsRefused() async throws {
        var parts = try Self.parts(of: try Self.workbook("census.csv").bytes)
        parts["xl/worksheets/data.xml"] = (parts["xl/worksheets/data.xml"] ?? "").replacingOccurrences(
            of: "<sheetData>", with: "<sheetData><?pi?>")
        #expect(
            census(try TestWorkbook.zip(parts.sorted { $0.key < $1.key })) == [
                Self.unreadable
                    + "the part 'xl/worksheets/data.xml' holds a processing instruction (<?…?>), which workbooks never have; it is not read"
            ])
    }

    /// Each part is read by a libxml2 reader of its own, with no lock: sixteen reads at once
    /// give what one read alone gives, and a defect found on one thread stays on that thread.
    @Test func workbooksAreReadOnManyThreadsAtOnce() async throws {
        let bytes = [UInt8](try Self.workbook("census.csv").bytes)
        var parts = try Self.parts(of: bytes)
        parts["xl/worksheets/data.xml"] = String((parts["xl/worksheets/data.xml"] ?? "").dropLast(20))
        let broken = try TestWorkbook.zip(parts.sorted { $0.key < $1.key })
        let alone = try Workbook(bytes: bytes).rows
        #expect(alone.count == Self.csvRows("census.csv").count)
        let results = await withTaskGroup(of: (Bool, [Int: [Int: Workbook.Cell]]?).self) { group in
            for index in 0..<16 {
                group.addTask { (index % 2 == 0, try? Workbook(bytes: index % 2 == 0 ? bytes : broken).rows) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        for (isSound, rows) in results { #expect(isSound ? rows == alone : rows == nil) }
    }

    @Test func malformedXMLAndBadReferencesAreLocated() async throws {
        var parts = try Self.parts(of: try Self.workbook("census.csv").bytes)
        let sheet = parts["xl/worksheets/data.xml"] ?? ""
        parts["xl/worksheets/data.xml"] = String(sheet.dropLast(20))
        let truncated = census(try TestWorkbook.zip(parts.sorted { $0.key < $1.key }))
        #expect(truncated.count == 1)
        #expect(truncated.first?.hasPrefix(Self.unreadable + "the part 'xl/worksheets/data.xml' is not well-formed XML (line 2:") == true)
        parts["xl/worksheets/data.xml"] = sheet.replacingOccurrences(of: "r=\"A2\"", with: "r=\"A0\"")
        #expect(
            census(try TestWorkbook.zip(parts.sorted { $0.key < $1.key })) == [
                Self.unreadable + "the cell reference 'A0' is not a cell from A1 to XFD1048576"
            ])
        parts["xl/worksheets/data.xml"] = sheet.replacingOccurrences(of: "<v>0</v>", with: "<v>99</v>")
        #expect(
            census(try TestWorkbook.zip(parts.sorted { $0.key < $1.key })).first?.hasPrefix(
                Self.unreadable + "the cell refers to shared text number 99") == true)
    }

    @Test func aFirstSheetWithoutItsPartOrNotAWorksheet() async throws {
        var parts = try Self.parts(of: try Self.workbook("census.csv").bytes)
        let relationships = parts["xl/_rels/workbook.xml.rels"] ?? ""
        parts["xl/_rels/workbook.xml.rels"] = relationships.replacingOccurrences(of: "Id=\"rIdData\"", with: "Id=\"rIdOther\"")
        #expect(
            census(try TestWorkbook.zip(parts.sorted { $0.key < $1.key })) == [
                Self.unreadable + "the first sheet, 'Sheet1', points to no part of the workbook; save the workbook again from Excel"
            ])
        parts["xl/_rels/workbook.xml.rels"] = relationships.replacingOccurrences(
            of: "/worksheet\" Target=\"worksheets/data.xml", with: "/chartsheet\" Target=\"worksheets/data.xml")
        #expect(
            census(try TestWorkbook.zip(parts.sorted { $0.key < $1.key })) == [
                Self.unreadable
                    + "the first sheet, 'Sheet1', is not a worksheet (a chart or dialog sheet); expected the table on the first sheet"
            ])
    }

    @Test func aPartThatUnpacksTooFarIsRefused() async throws {
        var parts = try Self.parts(of: try Self.workbook("census.csv").bytes)
        // 65 MiB of spaces compresses to some 65 KiB: a ratio of about 1,000, refused by its directory entry.
        parts["xl/sharedStrings.xml"] = (parts["xl/sharedStrings.xml"] ?? "") + String(repeating: " ", count: 65 << 20)
        let ratio = census(try TestWorkbook.zip(parts.sorted { $0.key < $1.key }))
        #expect(ratio.count == 1)
        #expect(ratio.first?.hasPrefix(Self.unreadable + "the part 'xl/sharedStrings.xml' would unpack to ") == true)
        #expect(ratio.first?.hasSuffix(" times its packed size, which no real workbook does (at most 200); it is not unpacked") == true)
        // Text that packs as real text does (digits and letters from a generator, about 2:1) but unpacks past 64 MiB.
        var generator = SeededGenerator(state: 7)
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz <>/=\"".utf8)
        var bytes = [UInt8](repeating: 0, count: 65 << 20)
        for index in bytes.indices { bytes[index] = alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        parts["xl/sharedStrings.xml"] = (parts["xl/sharedStrings.xml"] ?? "") + String(decoding: bytes, as: UTF8.self)
        #expect(
            census(try TestWorkbook.zip(parts.sorted { $0.key < $1.key })) == [
                Self.unreadable + "the part 'xl/sharedStrings.xml' unpacks to more than 64 MiB; expected a workbook of one table"
            ])
    }

    /// ZIPFoundation 0.9.20's in-memory archive stops the process on an offset past the end of the
    /// file; the directory is checked first.
    @Test func aDirectoryOffsetPastTheEndIsAnError() async throws {
        var bytes = try Self.workbook("census.csv").bytes
        // The end-of-directory record is the last 22 bytes (no comment); its offset field is at +16.
        let end = bytes.count - 22
        #expect(Array(bytes[end..<(end + 4)]) == [0x50, 0x4B, 0x05, 0x06])
        let past = UInt32(bytes.count + 1000)
        for index in 0..<4 { bytes[end + 16 + index] = UInt8(truncatingIfNeeded: past >> (8 * UInt32(index))) }
        #expect(
            census(bytes) == [
                Self.unreadable
                    + "its ZIP directory is damaged, or uses ZIP64 or encryption, which Excel does not use for a table; save the workbook again from Excel"
            ])
    }

    /// ZIPFoundation 0.9.20 on Linux loops for ever on a deflate stream that ends early; it is checked first.
    @Test func aDeflateStreamThatDoesNotEndIsAnError() async throws {
        // A stored deflate block that announces 65,535 bytes and holds 3.
        let data: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00, 0x61, 0x62, 0x63]
        #expect(
            census(Self.zip(name: "xl/workbook.xml", method: 8, data: data, size: 65_535)) == [
                Self.unreadable
                    + "the part 'xl/workbook.xml' is damaged (its checksum or compressed data is wrong); save the workbook again from Excel"
            ])
    }

    /// A ZIP file of one entry written byte by byte (APPNOTE 4.3.7, 4.3.12, 4.3.16), CRC left 0.
    static func zip(name: String, method: UInt16, data: [UInt8], size: UInt32) -> [UInt8] {
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }
        let nameBytes = Array(name.utf8)
        let common =
            le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21) + le32(0) + le32(UInt32(data.count)) + le32(size)
            + le16(UInt16(nameBytes.count)) + le16(0)
        let local = le32(0x0403_4B50) + common + nameBytes + data
        let central = le32(0x0201_4B50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + nameBytes
        let end =
            le32(0x0605_4B50) + le16(0) + le16(0) + le16(1) + le16(1) + le32(UInt32(central.count)) + le32(UInt32(local.count)) + le16(0)
        return local + central + end
    }

    /// Seeded random damage to a good workbook: every outcome is a dataset or located diagnostics, never a crash.
    @Test func damagedWorkbooksNeverCrash() async throws {
        let good = try Self.workbook("census.csv").bytes
        var random = SeededGenerator(state: 14)
        for round in 0..<400 {
            var bytes = good
            for _ in 0...(round % 6) {
                switch random.below(3) {
                case 0: bytes[random.below(bytes.count)] = UInt8(random.below(256))
                case 1: bytes = Array(bytes.prefix(random.below(bytes.count)))
                default:
                    let at = random.below(bytes.count)
                    bytes[at] ^= 0x01
                }
                if bytes.isEmpty { break }
            }
            for line in census(bytes) where line.hasPrefix("error:") {
                #expect(line.hasPrefix("error: small/census.xlsx"), "\(line)")
            }
        }
    }

    /// Seeded random edits to the XML inside a good workbook (the container stays sound, so the
    /// edits reach the XML reader): a dataset or located diagnostics, never a crash.
    @Test func damagedXMLNeverCrashes() async throws {
        let good = try Self.parts(of: try Self.workbook("census.csv").bytes)
        let tokens = [
            "<c r=\"XFD1048576\"><v>1</v></c>", "<c r=\"A1\" t=\"s\"><v>-1</v></c>", "<c t=\"e\"><v>#N/A</v></c>", "<row r=\"0\">",
            "<row>", "</row>", "<c>", "</c>", "<is><t>x</t></is>", "&#0;", "&amp;", "&undefined;", "<![CDATA[x]]>", "<si>", "</si>",
            "<f>1</f>", "t=\"inlineStr\"", "_x0000_", "r=\"AAAA1\"", "\u{0}", "<?pi?>", "<!-- c -->", "<!---->", "<![CDATA[]]>",
            " a=\"\"", " xmlns:q=\"\"", "<q:c>", "</q:c>", " r:id=\"rIdData\"", "<sheet name=\"\" r:id=\"\"/>", "&#xFFFF;", "\u{FEFF}",
        ]
        var random = SeededGenerator(state: 1404)
        for _ in 0..<300 {
            var parts = good
            for part in ["xl/worksheets/data.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
            where random.below(3) == 0 {
                var scalars = Array((parts[part] ?? "").unicodeScalars)
                for _ in 0...random.below(4) where !scalars.isEmpty {
                    let at = random.below(scalars.count)
                    if random.below(2) == 0 {
                        scalars.insert(contentsOf: tokens[random.below(tokens.count)].unicodeScalars, at: at)
                    } else {
                        scalars.removeSubrange(at..<min(scalars.count, at + 1 + random.below(12)))
                    }
                }
                parts[part] = String(String.UnicodeScalarView(scalars))
            }
            for line in census(try TestWorkbook.zip(parts.sorted { $0.key < $1.key })) where line.hasPrefix("error:") {
                #expect(line.hasPrefix("error: small/census.xlsx"), "\(line)")
            }
        }
    }

    /// The parts of a ZIP archive as text.
    static func parts(of bytes: [UInt8]) throws -> [String: String] {
        try ZIPParts.read(bytes)
    }

    // MARK: - Writing

    @Test func writtenWorkbooksReadBackAsWritten() async throws {
        let rows = [
            MonitoringColumn.allCases.map(\.name),
            ["alpha", "yes", "", "<&>\"'", "tab\there", "_x0041_ stays", "bell\u{7}", "ë Ç ш 😀"],
        ]
        let bytes = try WorkbookWriter(sheetName: "2018").workbook(rows: rows)
        #expect(bytes == (try WorkbookWriter(sheetName: "2018").workbook(rows: rows)))
        let parts = try Self.parts(of: bytes)
        #expect(
            Set(parts.keys) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
            ])
        #expect(parts["xl/worksheets/sheet1.xml"]?.contains("&lt;&amp;&gt;&quot;'") == true)
        #expect(parts["xl/worksheets/sheet1.xml"]?.contains("_x005F_x0041_ stays") == true)
        #expect(parts["xl/worksheets/sheet1.xml"]?.contains("bell_x0007_") == true)
        var sources = Fixtures.edition("small")
        sources.monitoring =
            sources.monitoring.filter { $0.path.hasSuffix("2016.csv") } + [SourceFile(path: "small/monitoring/2017.xlsx", bytes: bytes)]
        let lines = diagnostics(sources)
        // The cells come back exactly as written (the loader quotes them in its messages).
        #expect(
            lines.contains(
                "error: small/monitoring/2017.xlsx, sheet '2018', cell D2 (row 2, column 'compensation'): expected one of 'regular', 'irregular', 'none', found '<&>\"''"
            ))
        #expect(
            lines.contains(
                "error: small/monitoring/2017.xlsx, sheet '2018', cell F2 (row 2, column 'meetings'): expected a whole number ≥ 0, found '_x0041_ stays'"
            ))
        #expect(
            lines.contains(
                "error: small/monitoring/2017.xlsx, sheet '2018', cell G2 (row 2, column 'meetings_security'): expected a whole number ≥ 0, found 'bell\u{7}'"
            ))
        #expect(
            lines.contains(
                "error: small/monitoring/2017.xlsx, sheet '2018', cell H2 (row 2, column 'work_plan'): expected one of 'none', 'adopted', 'adopted_minorities', found 'ë Ç ш 😀'"
            ))
    }
}
