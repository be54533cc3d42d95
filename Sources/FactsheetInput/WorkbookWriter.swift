import FactsheetSupport

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
            + #"<sheets><sheet name="\#(Escaping.ooxml(sheetName))" sheetId="1" r:id="rId1"/></sheets>"#
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
                xml += #"<c r="\#(reference)" t="inlineStr"><is><t xml:space="preserve">\#(Escaping.ooxml(text))</t></is></c>"#
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }
}

/// The ZIP library made no bytes for a workbook it had written.
struct WorkbookWriterError: Error {}
