import Foundation

extension SourceFile {
    /// Whether the file is an Excel workbook, by its name.
    package var isWorkbook: Bool { path.lowercased().hasSuffix(".xlsx") }

    /// The file name without `.csv` or `.xlsx` (`2017`).
    var tableStem: String {
        let name = fileName
        for suffix in [".csv", ".xlsx"] where name.lowercased().hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }
}

extension CSVTable {
    /// Reads a workbook's first worksheet as a table: the header from row 1, one row per later
    /// row with anything in it. Formula errors are reported, each at its cell, and leave no table.
    static func readWorkbook(_ source: SourceFile, log: inout DiagnosticLog) -> CSVTable? {
        guard source.isReadable(log: &log) else { return nil }
        let workbook: Workbook
        do {
            workbook = try Workbook(bytes: source.bytes)
        } catch {
            log.error(.unreadableWorkbook(error), at: SourceLocation(file: source.path))
            return nil
        }
        let sheet = workbook.sheetNames.first ?? ""
        if workbook.sheetNames.count > 1 {
            log.warning(
                .otherWorksheetsIgnored(read: sheet, ignored: Array(workbook.sheetNames.dropFirst())), at: SourceLocation(file: source.path)
            )
        }
        func fields(_ cells: [Int: Workbook.Cell]) -> [String] {
            guard let width = cells.keys.max().map({ $0 + 1 }) else { return [] }
            var fields = [String](repeating: "", count: width)
            for (column, cell) in cells {
                if case .text(let text) = cell { fields[column] = text.trimmingSpaces }
            }
            return fields
        }
        let header = fields(workbook.rows[1] ?? [:])
        guard !workbook.rows.isEmpty else {
            log.error(.emptyFile, at: SourceLocation(file: source.path, sheet: sheet))
            return nil
        }
        var table = CSVTable(file: source.path, header: header, rows: [], sheet: sheet)
        var rows: [Row] = []
        var broken = false
        for (number, cells) in workbook.rows.sorted(by: { $0.key < $1.key }) {
            // Cells holding no value, left to right; their locations are made only for them.
            let failed = cells.filter { if case .text = $0.value { false } else { true } }.sorted { $0.key < $1.key }
            for (column, cell) in failed {
                switch cell {
                case .text: continue
                case .error(let code): log.error(.formulaError(code), at: table.location(row: number, position: column))
                case .formulaWithoutValue: log.error(.formulaWithoutValue, at: table.location(row: number, position: column))
                }
                broken = true
            }
            guard number > 1 else { continue }
            let row = fields(cells)
            if row.allSatisfy(\.isEmpty) { continue }
            rows.append(Row(number: number, fields: row))
        }
        if broken { return nil }
        table = CSVTable(file: source.path, header: header, rows: rows, sheet: sheet)
        return table.withinLimits(log: &log)
    }

    /// The location of a cell by its position in the row (0-based), named by its header.
    func location(row: Int, position: Int) -> SourceLocation {
        let column = position < header.count && !header[position].isEmpty ? header[position] : nil
        return SourceLocation(
            file: file, row: row, column: column, sheet: sheet, cell: sheet == nil ? nil : CellReference.name(column: position, row: row))
    }
}
