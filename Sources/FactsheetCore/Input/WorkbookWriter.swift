/// Writes a workbook of one worksheet of text cells: the smallest `.xlsx` that Excel, LibreOffice
/// and other spreadsheet libraries open (content types, package and workbook relationships,
/// workbook, worksheet; text as inline strings, no styles).
///
/// The same rows always give the same bytes: every part carries the same fixed date (``ZIPWriter``).
struct WorkbookWriter: Sendable {
    /// The worksheet's name as Excel shows it on its tab (at most 31 characters, none of `[]:*?/\`).
    var sheetName: String

    init(sheetName: String) {
        self.sheetName = sheetName
    }

    /// The workbook's bytes; `rows[0]` is the header, frozen at the top. Empty strings are empty cells.
    func workbook(rows: [[String]]) throws -> [UInt8] {
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbookPart),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/worksheets/sheet1.xml", worksheet(rows)),
        ]
        return try ZIPWriter.archive(parts.map { (path: $0.0, bytes: Array($0.1.utf8)) })
    }

    private let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"

    private var contentTypes: String {
        declaration
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            + "</Types>"
    }

    private var packageRelationships: String {
        declaration + #"<Relationships xmlns="\#(packageRelationshipsNamespace)">"#
            + #"<Relationship Id="rId1" Type="\#(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"
    }

    private var workbookPart: String {
        declaration + #"<workbook xmlns="\#(main)" xmlns:r="\#(officeRelationships)">"#
            + #"<sheets><sheet name="\#(Self.escaped(sheetName))" sheetId="1" r:id="rId1"/></sheets>"#
            + "</workbook>"
    }

    private var workbookRelationships: String {
        declaration + #"<Relationships xmlns="\#(packageRelationshipsNamespace)">"#
            + #"<Relationship Id="rId1" Type="\#(officeRelationships)/worksheet" Target="worksheets/sheet1.xml"/>"#
            + "</Relationships>"
    }

    private func worksheet(_ rows: [[String]]) -> String {
        let width = rows.map(\.count).max() ?? 0
        var xml = declaration + #"<worksheet xmlns="\#(main)">"#
        if width > 0 && !rows.isEmpty {
            xml += #"<dimension ref="A1:\#(CellReference.name(column: width - 1, row: rows.count))"/>"#
        }
        // The header stays in view while the rows scroll.
        xml +=
            #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        if width > 0 { xml += #"<cols><col min="1" max="\#(width)" width="24" customWidth="1"/></cols>"# }
        xml += "<sheetData>"
        for (index, row) in rows.enumerated() {
            xml += #"<row r="\#(index + 1)">"#
            for (column, text) in row.enumerated() where !text.isEmpty {
                let reference = CellReference.name(column: column, row: index + 1)
                xml += #"<c r="\#(reference)" t="inlineStr"><is><t xml:space="preserve">\#(Self.escaped(text))</t></is></c>"#
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// Text for XML content or a quoted attribute: `& < > "` as entities; characters XML 1.0 cannot
    /// hold (control characters) and a literal `_xHHHH_` as the workbook escapes `_xHHHH_`.
    static func escaped(_ text: String) -> String {
        var result = ""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "_"
            where index + 6 < scalars.count && scalars[index + 1] == "x" && scalars[index + 6] == "_"
                && scalars[(index + 2)..<(index + 6)].allSatisfy({ $0.properties.isASCIIHexDigit }):
                result += "_x005F_"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "_x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + "_"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

/// The ZIP library made no bytes for a workbook it had written.
struct WorkbookWriterError: Error {}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
