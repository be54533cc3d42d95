import Foundation

/// The first worksheet of an Excel workbook (`.xlsx`), read as the cells' texts.
///
/// Follows the Office Open XML spreadsheet format (ECMA-376): the first worksheet is the first
/// `<sheet>` of the workbook part, found through its relationships; cells hold numbers, shared
/// strings (`t="s"`), inline strings (`t="inlineStr"`), formula results (`t="str"`, `t="e"` for an
/// error) or booleans. Formulas are read through the result Excel saved with them.
struct Workbook {
    /// A cell's content as the table sees it.
    enum Cell: Equatable {
        case text(String)
        /// A formula error such as `#REF!`.
        case error(String)
        /// A formula without a saved result.
        case formulaWithoutValue
    }

    /// Names of every sheet in workbook order; the first is the one read.
    let sheetNames: [String]
    /// Non-empty cells by row number (1-based) and column index (0-based, A = 0).
    let rows: [Int: [Int: Cell]]

    /// At most this many cells, counting the empty ones between filled ones in a row.
    static let maximumCells = 4_000_000
    static let maximumColumns = 16_384
    static let maximumRows = 1_048_576

    init(bytes: [UInt8]) throws(WorkbookDefect) {
        let package = try WorkbookPackage(bytes: bytes)
        let rootRelationships = try package.relationships(of: "")
        let workbookPart =
            rootRelationships.first { $0.type.hasSuffix("/officeDocument") && !$0.isExternal }?.target ?? "xl/workbook.xml"
        let relationships = try package.relationships(of: workbookPart)

        // The sheets in workbook order, each with its relationship id.
        var sheets: [(name: String, id: String)] = []
        let reader = WorkbookXMLReader()
        reader.didStart = { element, attributes in
            if element == "sheet" { sheets.append((attributes["name"] ?? "", attributes["id"] ?? "")) }
        }
        try reader.parse(try package.data(of: workbookPart), part: workbookPart)
        guard let first = sheets.first else { throw .noWorksheet }
        guard let relationship = relationships.first(where: { $0.id == first.id }) else { throw .sheetWithoutPart(first.name) }
        guard relationship.type.hasSuffix("/worksheet"), !relationship.isExternal else { throw .firstSheetNotWorksheet(first.name) }

        let stringsPart =
            relationships.first { $0.type.hasSuffix("/sharedStrings") && !$0.isExternal }?.target
            ?? (package.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil)
        var strings: [String] = []
        if let stringsPart { strings = try Self.sharedStrings(try package.data(of: stringsPart), part: stringsPart) }
        sheetNames = sheets.map(\.name)
        rows = try Self.cells(try package.data(of: relationship.target), part: relationship.target, sharedStrings: strings)
    }

    // MARK: - Shared strings

    /// The texts of `<si>` items in order; rich-text runs are joined, phonetic guides (`<rPh>`) left out.
    static func sharedStrings(_ data: Data, part: String) throws(WorkbookDefect) -> [String] {
        var strings: [String] = []
        var current = ""
        var inItem = false
        var inText = false
        var phoneticDepth = 0
        let reader = WorkbookXMLReader()
        reader.didStart = { element, _ in
            switch element {
            case "si":
                inItem = true
                current = ""
            case "t": inText = true
            case "rPh": phoneticDepth += 1
            default: break
            }
        }
        reader.didEnd = { element in
            switch element {
            case "si":
                inItem = false
                strings.append(current.decodingWorkbookEscapes)
            case "t": inText = false
            case "rPh": phoneticDepth -= 1
            default: break
            }
        }
        reader.didFindText = { text in
            if inItem && inText && phoneticDepth == 0 { current += text }
        }
        try reader.parse(data, part: part)
        return strings
    }

    // MARK: - Cells

    /// The non-empty cells of a worksheet part by row and column.
    static func cells(_ data: Data, part: String, sharedStrings: [String]) throws(WorkbookDefect) -> [Int: [Int: Cell]] {
        var rows: [Int: [Int: Cell]] = [:]
        var inSheetData = false
        var row = 0
        var column = -1
        // The cell being read.
        var reference: String?
        var type = ""
        var value = ""
        var inline = ""
        var hasFormula = false
        var hasValue = false
        var inValue = false
        var inInline = false
        var inText = false
        var phoneticDepth = 0
        var slots = 0
        var widest: [Int: Int] = [:]

        let reader = WorkbookXMLReader()
        reader.didStart = { [unowned reader] element, attributes in
            switch element {
            case "sheetData":
                inSheetData = true
            case "row" where inSheetData:
                if let text = attributes["r"] {
                    guard let number = Int(text), (1...maximumRows).contains(number) else {
                        reader.stop = .badCellReference(text)
                        return
                    }
                    row = number
                } else {
                    row += 1
                }
                column = -1
            case "dimension":
                // The range the worksheet says it uses: one of a million rows is refused before its cells are read.
                let corners = (attributes["ref"] ?? "").split(separator: ":").compactMap { CellReference.parse(String($0)) }
                if let first = corners.first, let last = corners.last,
                    (abs(last.0 - first.0) + 1) * (abs(last.1 - first.1) + 1) > maximumCells
                {
                    reader.stop = .tooManyCells(limit: maximumCells)
                }
            case "c" where inSheetData:
                reference = attributes["r"]
                if let text = reference {
                    guard let (parsedColumn, parsedRow) = CellReference.parse(text) else {
                        reader.stop = .badCellReference(text)
                        return
                    }
                    column = parsedColumn
                    row = parsedRow
                } else {
                    column += 1
                    guard column < maximumColumns else {
                        reader.stop = .badCellReference(CellReference.name(column: column, row: row))
                        return
                    }
                }
                if row == 0 { row = 1 }
                type = attributes["t"] ?? "n"
                value = ""
                inline = ""
                hasFormula = false
                hasValue = false
            case "v":
                inValue = true
                hasValue = true
            case "f": hasFormula = true
            case "is": inInline = true
            case "t": inText = true
            case "rPh": phoneticDepth += 1
            default: break
            }
        }
        reader.didEnd = { [unowned reader] element in
            switch element {
            case "sheetData": inSheetData = false
            case "v": inValue = false
            case "is": inInline = false
            case "t": inText = false
            case "rPh": phoneticDepth -= 1
            case "c" where inSheetData:
                let cell: Cell
                switch type {
                case "s":
                    let trimmed = value.trimmingSpaces
                    if trimmed.isEmpty {
                        cell = hasFormula ? .formulaWithoutValue : .text("")
                    } else {
                        guard let index = Int(trimmed), sharedStrings.indices.contains(index) else {
                            reader.stop = .sharedStringMissing(index: Int(trimmed) ?? -1, count: sharedStrings.count)
                            return
                        }
                        cell = .text(sharedStrings[index])
                    }
                case "inlineStr":
                    cell = .text(inline.decodingWorkbookEscapes)
                case "e":
                    let code = value.trimmingSpaces
                    cell = code.isEmpty ? .formulaWithoutValue : .error(code)
                case "b":
                    cell = value.isEmpty ? .text("") : .text(value.trimmingSpaces == "1" ? "TRUE" : "FALSE")
                case "str", "d":
                    cell = .text(value.decodingWorkbookEscapes)
                default:  // "n": a number
                    cell = .text(Self.numberText(value))
                }
                if hasFormula && !hasValue && type != "inlineStr" {
                    rows[row, default: [:]][column] = .formulaWithoutValue
                } else if cell != .text("") {
                    rows[row, default: [:]][column] = cell
                } else {
                    return
                }
                let width = column + 1
                if width > widest[row, default: 0] {
                    slots += width - widest[row, default: 0]
                    widest[row] = width
                    if slots > maximumCells { reader.stop = .tooManyCells(limit: maximumCells) }
                }
            default: break
            }
        }
        reader.didFindText = { text in
            if inValue {
                value += text
            } else if inInline && inText && phoneticDepth == 0 {
                inline += text
            }
        }
        try reader.parse(data, part: part)
        return rows
    }

    /// A number as the table shows it: a whole number without decimals (`7.0` → `7`), anything
    /// else as stored (`7.5`), so that a message shows what the cell holds.
    static func numberText(_ stored: String) -> String {
        let text = stored.trimmingSpaces
        // Digits alone are a whole number already, written as it is (the common case).
        if !text.isEmpty && text.utf8.count < 16 && text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return text.utf8.count > 1 && text.utf8.first == UInt8(ascii: "0") ? String(Int64(text) ?? 0) : text
        }
        guard let number = Double(text), number.isFinite, number == number.rounded(), abs(number) < 9_007_199_254_740_992 else {
            return text
        }
        return String(Int64(number))
    }
}
