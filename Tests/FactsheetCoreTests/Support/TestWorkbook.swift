import Foundation
import ZIPFoundation

/// Builds `.xlsx` files for tests from XML written here by hand, independently of the project's
/// own `WorkbookWriter`: shared and inline strings, numbers, formulas, several sheets.
struct TestWorkbook {
    enum Cell {
        case empty
        /// A number cell; `stored` is the text of `<v>` (`7`, `7.0`, `7.5`).
        case number(String)
        /// Text in the shared-strings part.
        case shared(String)
        /// Text in the shared-strings part as rich-text runs (joined when read).
        case rich([String])
        case inline(String)
        /// A formula with the result Excel saved with it.
        case formula(String, cached: String)
        case formulaText(String, cached: String)
        /// A formula whose saved result is an error such as `#REF!`.
        case formulaError(String, code: String)
        case formulaWithoutValue(String)
        /// An empty cell that only carries a style, as Excel leaves below a table.
        case styled
    }

    struct Sheet {
        var name: String
        var rows: [[Cell]]
    }

    /// The first is the one the reader must take; its part is stored under a name other than `sheet1.xml`.
    var sheets: [Sheet]
    /// Spreadsheet elements written with an `x:` prefix, as some libraries do.
    var prefixed = false
    /// Rows and cells written without `r` attributes (the format allows it).
    var withoutReferences = false

    func bytes() throws -> [UInt8] {
        var strings: [String] = []
        func sharedIndex(_ xml: String) -> Int {
            if let index = strings.firstIndex(of: xml) { return index }
            strings.append(xml)
            return strings.count - 1
        }
        let p = prefixed ? "x:" : ""
        let namespace = prefixed ? "xmlns:x" : "xmlns"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts: [(String, String)] = []
        var sheetEntries = ""
        var relationships = ""
        var overrides = ""
        for (index, sheet) in sheets.enumerated() {
            let part = index == 0 ? "worksheets/data.xml" : "worksheets/sheet\(index).xml"
            let id = index == 0 ? "rIdData" : "rId\(index + 10)"
            sheetEntries += "<\(p)sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"\(id)\"/>"
            relationships += "<Relationship Id=\"\(id)\" Type=\"\(rel)/worksheet\" Target=\"\(part)\"/>"
            overrides +=
                "<Override PartName=\"/xl/\(part)\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(p)worksheet \(namespace)=\"\(main)\"><\(p)sheetData>"
            for (rowIndex, row) in sheet.rows.enumerated() {
                let number = rowIndex + 1
                xml += withoutReferences ? "<\(p)row>" : "<\(p)row r=\"\(number)\">"
                for (column, cell) in row.enumerated() {
                    let reference = withoutReferences ? "" : " r=\"\(Self.column(column))\(number)\""
                    switch cell {
                    case .empty: if withoutReferences { xml += "<\(p)c/>" }
                    case .number(let stored): xml += "<\(p)c\(reference)><\(p)v>\(stored)</\(p)v></\(p)c>"
                    case .shared(let text):
                        xml += "<\(p)c\(reference) t=\"s\"><\(p)v>\(sharedIndex("<\(p)t>\(Self.escape(text))</\(p)t>"))</\(p)v></\(p)c>"
                    case .rich(let runs):
                        let item =
                            runs.map {
                                "<\(p)r><\(p)rPr><\(p)b/></\(p)rPr><\(p)t xml:space=\"preserve\">\(Self.escape($0))</\(p)t></\(p)r>"
                            }.joined()
                            + "<\(p)rPh sb=\"0\" eb=\"1\"><\(p)t>フリガナ</\(p)t></\(p)rPh>"
                        xml += "<\(p)c\(reference) t=\"s\"><\(p)v>\(sharedIndex(item))</\(p)v></\(p)c>"
                    case .inline(let text):
                        xml += "<\(p)c\(reference) t=\"inlineStr\"><\(p)is><\(p)t>\(Self.escape(text))</\(p)t></\(p)is></\(p)c>"
                    case .formula(let formula, let cached):
                        xml += "<\(p)c\(reference)><\(p)f>\(Self.escape(formula))</\(p)f><\(p)v>\(cached)</\(p)v></\(p)c>"
                    case .formulaText(let formula, let cached):
                        xml +=
                            "<\(p)c\(reference) t=\"str\"><\(p)f>\(Self.escape(formula))</\(p)f><\(p)v>\(Self.escape(cached))</\(p)v></\(p)c>"
                    case .formulaError(let formula, let code):
                        xml += "<\(p)c\(reference) t=\"e\"><\(p)f>\(Self.escape(formula))</\(p)f><\(p)v>\(code)</\(p)v></\(p)c>"
                    case .formulaWithoutValue(let formula):
                        xml += "<\(p)c\(reference)><\(p)f>\(Self.escape(formula))</\(p)f></\(p)c>"
                    case .styled:
                        xml += "<\(p)c\(reference) s=\"1\"/>"
                    }
                }
                xml += "</\(p)row>"
            }
            xml += "</\(p)sheetData></\(p)worksheet>"
            parts.append(("xl/" + part, xml))
        }
        let sharedXML =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(p)sst \(namespace)=\"\(main)\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
            + strings.map { "<\(p)si>\($0)</\(p)si>" }.joined() + "</\(p)sst>"
        parts.append(("xl/sharedStrings.xml", sharedXML))
        relationships += "<Relationship Id=\"rIdStrings\" Type=\"\(rel)/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
        parts.append(
            (
                "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(relationships)</Relationships>"
            ))
        parts.append(
            (
                "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(p)workbook \(namespace)=\"\(main)\" xmlns:r=\"\(rel)\"><\(p)sheets>\(sheetEntries)</\(p)sheets></\(p)workbook>"
            ))
        parts.append(
            (
                "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ))
        parts.append(
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\(overrides)</Types>"
            ))
        return try Self.zip(parts)
    }

    /// A ZIP archive of the given parts (deflated), in memory.
    static func zip(_ parts: [(String, String)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        return Array(archive.data ?? Data())
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;"
        )
        .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `0` → `A`, `25` → `Z`, `26` → `AA`.
    static func column(_ index: Int) -> String {
        index < 26 ? String(UnicodeScalar(UInt8(65 + index))) : column(index / 26 - 1) + column(index % 26)
    }
}

/// Reads the parts of a ZIP archive back as text, to look inside a workbook.
enum ZIPParts {
    static func read(_ bytes: [UInt8]) throws -> [String: String] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return parts
    }
}
