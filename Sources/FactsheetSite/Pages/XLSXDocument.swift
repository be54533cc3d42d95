import FactsheetInput
import FactsheetSupport

/// A workbook of text and whole numbers as an `.xlsx` package, written for people who read it
/// with a screen reader as much as for those who read it on screen: each worksheet holds at
/// most one table, marked as an Excel table (`xl/tables/tableN.xml`) so that its header row is
/// announced; no merged cells; numbers stored as numbers with a number format; empty cells
/// left out; links between worksheets; the title and language in the document properties.
///
/// The same document always gives the same bytes: nothing reads the clock (the date in the
/// properties is the one given), and every ZIP entry carries the same fixed date.
struct XLSXDocument: Sendable {
    /// One cell: its content and how it looks.
    enum Cell: Sendable, Hashable {
        /// Nothing: no `<c>` element is written.
        case empty
        case text(String)
        /// Text that wraps within its column (long sentences).
        case paragraph(String)
        /// The worksheet's title (bold, larger), in A1.
        case title(String)
        /// A heading above the text it names (bold).
        case heading(String)
        /// A whole number, stored as a number (`t="n"`) with a thousands format.
        case number(Int)
        /// A link to cell A1 of another worksheet of the workbook, showing `text`.
        case link(String, sheet: String)
    }

    struct Worksheet: Sendable {
        /// The name on the tab: at most 31 characters, none of `[]:*?/\` (checked where it is read).
        var name: String
        /// Rows from row 1; a row may be shorter than others.
        var rows: [[Cell]]
        /// The Excel table: its name (letters, digits and `_`, unique in the workbook) and the
        /// 0-based index of its header row; it covers that row to the last, and the header's columns.
        var table: (name: String, headerRow: Int)?
        /// Each column's width in characters, column A first.
        var widths: [Double]
    }

    /// The title of the document properties.
    var title: String
    /// Who made it (the document properties' creator), when known.
    var creator: String?
    /// The BCP 47 tag of the text.
    var language: String
    /// The date of creation and modification in the document properties (year, month, day).
    var date: (year: Int, month: Int, day: Int)?
    var sheets: [Worksheet]

    /// The `.xlsx` package's bytes. Each worksheet's cells are let go once its part is written,
    /// so that a large workbook does not hold its cells and its parts at once.
    consuming func bytes() throws -> [UInt8] {
        var parts: [(path: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(packageRelationships.utf8)),
            ("docProps/core.xml", Array(coreProperties.utf8)),
            ("xl/workbook.xml", Array(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8)),
            ("xl/styles.xml", Array(Self.styles.utf8)),
        ]
        var tableNumber = 0
        for index in sheets.indices {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheets[index], selected: index == 0)))
            if let table = sheets[index].table {
                tableNumber += 1
                parts.append(
                    (
                        "xl/worksheets/_rels/sheet\(index + 1).xml.rels",
                        Array(
                            (Self.declaration + #"<Relationships xmlns="\#(Self.packageRelationshipsNamespace)">"#
                                + #"<Relationship Id="rId1" Type="\#(Self.officeRelationships)/table" Target="../tables/table\#(tableNumber).xml"/>"#
                                + "</Relationships>").utf8)
                    ))
                parts.append(("xl/tables/table\(tableNumber).xml", Array(tablePart(sheets[index], table, number: tableNumber).utf8)))
            }
            sheets[index].rows = []
        }
        return try ZIPWriter.archive(parts)
    }

    // MARK: - Package

    private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    private var contentTypes: String {
        var xml =
            Self.declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="\#(Self.spreadsheetML).sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="\#(Self.spreadsheetML).styles+xml"/>"#
            + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        for index in sheets.indices {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(index + 1).xml" ContentType="\#(Self.spreadsheetML).worksheet+xml"/>"#
        }
        for number in stride(from: 1, through: sheets.filter { $0.table != nil }.count, by: 1) {
            xml += #"<Override PartName="/xl/tables/table\#(number).xml" ContentType="\#(Self.spreadsheetML).table+xml"/>"#
        }
        return xml + "</Types>"
    }

    private var packageRelationships: String {
        Self.declaration + #"<Relationships xmlns="\#(Self.packageRelationshipsNamespace)">"#
            + #"<Relationship Id="rId1" Type="\#(Self.officeRelationships)/officeDocument" Target="xl/workbook.xml"/>"#
            + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
            + "</Relationships>"
    }

    private var coreProperties: String {
        var xml =
            Self.declaration
            + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(Escaping.ooxml(title))</dc:title>"
        if let creator { xml += "<dc:creator>\(Escaping.ooxml(creator))</dc:creator>" }
        xml += "<dc:language>\(Escaping.ooxml(language))</dc:language>"
        if let date {
            let stamp = "\(Self.digits(date.year, 4))-\(Self.digits(date.month, 2))-\(Self.digits(date.day, 2))T00:00:00Z"
            xml += #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:created>"#
            xml += #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:modified>"#
        }
        return xml + "</cp:coreProperties>"
    }

    private var workbook: String {
        var xml =
            Self.declaration + #"<workbook xmlns="\#(Self.main)" xmlns:r="\#(Self.officeRelationships)">"#
            + #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (index, sheet) in sheets.enumerated() {
            xml += #"<sheet name="\#(Escaping.ooxml(sheet.name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return xml + "</sheets></workbook>"
    }

    private var workbookRelationships: String {
        var xml = Self.declaration + #"<Relationships xmlns="\#(Self.packageRelationshipsNamespace)">"#
        for index in sheets.indices {
            xml +=
                #"<Relationship Id="rId\#(index + 1)" Type="\#(Self.officeRelationships)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        xml +=
            #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(Self.officeRelationships)/styles" Target="styles.xml"/>"#
        return xml + "</Relationships>"
    }

    // MARK: - Styles

    /// The cell formats, by their index in `cellXfs`.
    private enum Style: Int {
        case plain = 0
        case title, heading, number, link, paragraph, header
    }

    /// Arial throughout (a plain sans-serif, as the guidance asks); the title 14 pt bold, headings
    /// and table headers bold, links underlined in blue; numbers as `#,##0` (built-in format 3);
    /// long text wrapped and aligned to the top. Built-in cell styles name the title "Heading 1",
    /// the headings "Heading 2" and the links "Hyperlink".
    private static let styles =
        declaration + #"<styleSheet xmlns="\#(main)">"#
        + #"<fonts count="4">"#
        + #"<font><sz val="11"/><name val="Arial"/><family val="2"/></font>"#
        + #"<font><b/><sz val="14"/><name val="Arial"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Arial"/><family val="2"/></font>"#
        + #"<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Arial"/><family val="2"/></font>"#
        + "</fonts>"
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="4">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" applyFont="1"/>"#
        + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" applyFont="1"/>"#
        + #"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" applyFont="1"/>"#
        + "</cellStyleXfs>"
        + #"<cellXfs count="7">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="1" applyFont="1"/>"#
        + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="2" applyFont="1"/>"#
        + #"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="3" applyFont="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
        + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
        + "</cellXfs>"
        + #"<cellStyles count="4">"#
        + #"<cellStyle name="Normal" xfId="0" builtinId="0"/>"#
        + #"<cellStyle name="Heading 1" xfId="1" builtinId="16"/>"#
        + #"<cellStyle name="Heading 2" xfId="2" builtinId="17"/>"#
        + #"<cellStyle name="Hyperlink" xfId="3" builtinId="8"/>"#
        + "</cellStyles>"
        + #"<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>"#
        + "</styleSheet>"

    // MARK: - Worksheets

    /// A worksheet's XML as UTF-8 bytes, written straight into one buffer: the municipal tables
    /// of a large edition are tens of megabytes, which strings joined cell by cell (and copied
    /// into bytes after) made several times over.
    private func worksheet(_ sheet: Worksheet, selected: Bool) -> [UInt8] {
        let width = max(1, sheet.rows.map(\.count).max() ?? 1)
        var head = Self.declaration + #"<worksheet xmlns="\#(Self.main)" xmlns:r="\#(Self.officeRelationships)">"#
        head += #"<dimension ref="A1:\#(CellReference.name(column: width - 1, row: max(1, tableEnd(sheet))))"/>"#
        let view = selected ? #"<sheetView tabSelected="1" workbookViewId="0"/>"# : #"<sheetView workbookViewId="0"/>"#
        head += "<sheetViews>" + view + "</sheetViews>"
        head += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !sheet.widths.isEmpty {
            head += "<cols>"
            for (index, characters) in sheet.widths.enumerated() {
                head += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(Self.width(characters))" customWidth="1"/>"#
            }
            head += "</cols>"
        }
        head += "<sheetData>"
        var xml = XMLBytes(capacity: head.utf8.count + sheet.rows.count * 64 * width)
        xml.append(head)
        // Column letters once per sheet rather than once per cell.
        let letters = (0..<width).map { Array(CellReference.letters(column: $0).utf8) }
        var links: [(reference: String, sheet: String, text: String)] = []
        let headerRow = sheet.table?.headerRow
        for (index, row) in sheet.rows.enumerated() {
            let number = index + 1
            xml.raw(#"<row r=""#)
            xml.integer(number)
            xml.raw(#"">"#)
            for (column, cell) in row.enumerated() {
                switch cell {
                case .empty: continue
                case .number(let value):
                    xml.cellStart(letters[column], number, style: Style.number.rawValue)
                    xml.raw(#"" t="n"><v>"#)
                    xml.integer(value)
                    xml.raw("</v></c>")
                case .text(let text):
                    xml.textCell(letters[column], number, text, style: (index == headerRow ? Style.header : .plain).rawValue)
                case .paragraph(let text): xml.textCell(letters[column], number, text, style: Style.paragraph.rawValue)
                case .title(let text): xml.textCell(letters[column], number, text, style: Style.title.rawValue)
                case .heading(let text): xml.textCell(letters[column], number, text, style: Style.heading.rawValue)
                case .link(let text, let target):
                    xml.textCell(letters[column], number, text, style: Style.link.rawValue)
                    links.append((CellReference.name(column: column, row: number), target, text))
                }
            }
            xml.raw("</row>")
        }
        var tail = "</sheetData>"
        if !links.isEmpty {
            tail += "<hyperlinks>"
            for link in links {
                let location = "'" + link.sheet.replacingOccurrences(of: "'", with: "''") + "'!A1"
                tail +=
                    #"<hyperlink ref="\#(link.reference)" location="\#(Escaping.ooxml(location))" display="\#(Escaping.ooxml(link.text))"/>"#
            }
            tail += "</hyperlinks>"
        }
        tail += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        if sheet.table != nil { tail += #"<tableParts count="1"><tablePart r:id="rId1"/></tableParts>"# }
        xml.append(tail + "</worksheet>")
        return xml.bytes
    }

    /// The last row (1-based) the sheet's table covers, or its last row: a table with no data
    /// rows still covers one (empty) row under its header, as Excel requires.
    private func tableEnd(_ sheet: Worksheet) -> Int {
        guard let table = sheet.table else { return sheet.rows.count }
        return max(sheet.rows.count, table.headerRow + 2)
    }

    private func tablePart(_ sheet: Worksheet, _ table: (name: String, headerRow: Int), number: Int) -> String {
        let header = table.headerRow < sheet.rows.count ? sheet.rows[table.headerRow] : []
        let first = CellReference.name(column: 0, row: table.headerRow + 1)
        let last = CellReference.name(column: max(0, header.count - 1), row: tableEnd(sheet))
        let reference = "\(first):\(last)"
        var xml =
            Self.declaration
            + #"<table xmlns="\#(Self.main)" id="\#(number)" name="\#(Escaping.ooxml(table.name))" displayName="\#(Escaping.ooxml(table.name))" ref="\#(reference)" totalsRowShown="0">"#
            + #"<autoFilter ref="\#(reference)"/><tableColumns count="\#(header.count)">"#
        for (index, name) in Self.columnNames(header).enumerated() {
            xml += #"<tableColumn id="\#(index + 1)" name="\#(Escaping.ooxml(name))"/>"#
        }
        return xml
            + #"</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>"#
    }

    /// A table's column names: each header cell's text, made unique as Excel requires (a second
    /// `Minimum` becomes `Minimum2`, as Excel itself names it), `Column3` for a header cell that
    /// holds no text.
    static func columnNames(_ header: [Cell]) -> [String] {
        var used = Set<String>()
        return header.enumerated().map { index, cell in
            var name: String
            switch cell {
            case .text(let text), .paragraph(let text), .title(let text), .heading(let text), .link(let text, _): name = text
            case .number(let value): name = String(value)
            case .empty: name = ""
            }
            if name.isEmpty { name = "Column\(index + 1)" }
            let base = name
            var suffix = 2
            while used.contains(name.lowercased()) {
                name = base + String(suffix)
                suffix += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    /// A column width as Excel stores it: characters of the default font plus padding, to
    /// two decimals.
    private static func width(_ characters: Double) -> String {
        let hundredths = Int((characters + 0.71) * 100 + 0.5)
        return "\(hundredths / 100).\(digits(hundredths % 100, 2))"
    }

    private static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }
}

/// A worksheet's XML as it is written: markup of ours as it is, text escaped as
/// ``Escaping/ooxml(_:)`` escapes it.
private struct XMLBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Markup of ours made at run time (the sheet's start and end).
    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A whole number in decimal, as `String(value)` writes it.
    mutating func integer(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            // The magnitude as unsigned, so that Int.min has one too.
            digits(value.magnitude)
        } else {
            digits(UInt(value))
        }
    }

    private mutating func digits(_ value: UInt) {
        if value >= 10 { digits(value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// `<c r="B12" s="3`: the caller closes the style's quote.
    mutating func cellStart(_ letters: [UInt8], _ row: Int, style: Int) {
        raw(#"<c r=""#)
        bytes.append(contentsOf: letters)
        integer(row)
        raw(#"" s=""#)
        integer(style)
    }

    /// A cell of inline text.
    mutating func textCell(_ letters: [UInt8], _ row: Int, _ text: String, style: Int) {
        cellStart(letters, row, style: style)
        raw(#"" t="inlineStr"><is><t xml:space="preserve">"#)
        escaped(text)
        raw("</t></is></c>")
    }

    /// ``Escaping/ooxml(_:)``, written onto the end of the bytes.
    mutating func escaped(_ text: String) {
        Escaping.appendOOXML(text, to: &bytes)
    }

}
