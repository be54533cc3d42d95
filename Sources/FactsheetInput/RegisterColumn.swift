import Foundation

/// A column added to the register, every other cell left as it was: the `name_<key>` column of
/// a new language, filled with another language's names.
package enum RegisterColumn {
    /// The CSV file's bytes with the column `name` inserted after the last `name_…` column (at
    /// the end when there is none), each row's cell a copy of its cell in the column `copying`
    /// as written (quotes included). Every other byte stays: the BOM, the delimiter (`,` or `;`),
    /// quoting, line ends, blank lines. Nil when the header has no column `copying`.
    package static func csv(_ bytes: [UInt8], adding name: String, copying: String) -> [UInt8]? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let firstLine = bytes[start...].prefix { $0 != 0x0A && $0 != 0x0D }
        let delimiter: UInt8 =
            firstLine.filter { $0 == UInt8(ascii: ";") }.count > firstLine.filter { $0 == UInt8(ascii: ",") }.count
            ? UInt8(ascii: ";") : UInt8(ascii: ",")
        let records = Self.records(bytes, from: start, delimiter: delimiter)
        guard let header = records.first else { return nil }
        let names = header.fields.map { Self.unquoted(Array(bytes[$0])).lowercased() }
        guard let source = names.firstIndex(of: copying.lowercased()) else { return nil }
        let position = (names.lastIndex { $0.hasPrefix(MunicipalityColumn.names.name) } ?? names.count - 1) + 1
        var output = Array(bytes[..<start])
        var copied = start
        for (index, record) in records.enumerated() {
            // Blank lines are kept blank: the reader skips them.
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            let cell = index == 0 ? Array(name.utf8) : (source < record.fields.count ? Array(bytes[record.fields[source]]) : [])
            if position < record.fields.count {
                let at = record.fields[position].lowerBound
                output += bytes[copied..<at] + cell + [delimiter]
                copied = at
            } else {
                let at = record.fields.last?.upperBound ?? record.end
                let padding = [UInt8](repeating: delimiter, count: position - record.fields.count + 1)
                output += bytes[copied..<at] + padding + cell
                copied = at
            }
        }
        return output + bytes[copied...]
    }

    /// A workbook register with the column added as ``csv(_:adding:copying:)`` adds it, written
    /// anew by ``WorkbookWriter`` as one worksheet (the first one's name) of text cells: every
    /// cell's value as the reader reads it stays in its row and, right of the new column, moves
    /// one column right. Formatting and other worksheets are not kept. Nil when the workbook
    /// cannot be read or its header has no column `copying`.
    package static func workbook(_ bytes: [UInt8], adding name: String, copying: String) -> [UInt8]? {
        guard let workbook = try? Workbook(bytes: bytes), let header = workbook.rows[1] else { return nil }
        var text: [Int: [Int: String]] = [:]
        for (number, cells) in workbook.rows {
            for (column, cell) in cells {
                guard case .text(let value) = cell else { return nil }
                text[number, default: [:]][column] = value
            }
        }
        let names = header.keys.sorted().map { ($0, text[1]?[$0]?.trimmingSpaces.lowercased() ?? "") }
        guard let source = names.first(where: { $0.1 == copying.lowercased() })?.0 else { return nil }
        let position = (names.last { $0.1.hasPrefix(MunicipalityColumn.names.name) }?.0 ?? (names.last?.0 ?? -1)) + 1
        let last = workbook.rows.keys.max() ?? 1
        var rows: [[String]] = []
        for number in 1...last {
            guard let cells = text[number], !cells.isEmpty else {
                rows.append([])
                continue
            }
            let width = max((cells.keys.max() ?? 0) + 1, position)
            var row = (0..<width).map { cells[$0] ?? "" }
            row.insert(number == 1 ? name : cells[source] ?? "", at: position)
            while row.last == "" { row.removeLast() }
            rows.append(row)
        }
        return try? WorkbookWriter(sheetName: workbook.sheetNames.first ?? "Sheet1").workbook(rows: rows)
    }

    /// One CSV record: the byte range of each field (quotes included) and where its line ends.
    struct Record {
        var fields: [Range<Int>]
        var end: Int
    }

    /// The records from `start`, splitting on `delimiter` and line ends outside quotes.
    static func records(_ bytes: [UInt8], from start: Int, delimiter: UInt8) -> [Record] {
        var records: [Record] = []
        var index = start
        while index < bytes.count {
            var fields: [Range<Int>] = []
            var fieldStart = index
            var quoted = false
            while index < bytes.count {
                let byte = bytes[index]
                if quoted {
                    if byte == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            index += 1
                        } else {
                            quoted = false
                        }
                    }
                } else if byte == UInt8(ascii: "\"") {
                    quoted = true
                } else if byte == delimiter {
                    fields.append(fieldStart..<index)
                    fieldStart = index + 1
                } else if byte == 0x0A || byte == 0x0D {
                    break
                }
                index += 1
            }
            fields.append(fieldStart..<index)
            records.append(Record(fields: fields, end: index))
            if index < bytes.count && bytes[index] == 0x0D { index += 1 }
            if index < bytes.count && bytes[index] == 0x0A { index += 1 }
        }
        return records
    }

    /// A header cell's text: without its quotes, `""` read as `"`, spaces trimmed.
    private static func unquoted(_ field: [UInt8]) -> String {
        var text = String(decoding: field, as: UTF8.self).trimmingSpaces
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return text.trimmingSpaces
    }
}
