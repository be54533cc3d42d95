import CSV
import Foundation

/// A file's contents as read from disk, named the way the user would name it.
public struct SourceFile: Sendable, Hashable {
    /// The path shown in messages (`input/monitoring/2016.csv`).
    package var path: String
    package var bytes: [UInt8]
    /// Why the reader left the file unread (its bytes are then empty): reading it would be
    /// reported as this error.
    var refusal: SourceRefusal?

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// A file at `path` that the reader did not read, for the reason given.
    public init(path: String, refused refusal: SourceRefusal) {
        self.path = path
        self.bytes = []
        self.refusal = refusal
    }

    /// Whether the file's bytes may be read; if the reader refused it, records why in `log`.
    func isReadable(log: inout DiagnosticLog) -> Bool {
        guard let refusal else { return true }
        log.error(.fileRefused(refusal), at: SourceLocation(file: path))
        return false
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The last path component (`2016.csv`).
    package var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// Why a file of the input or the templates was not read.
public enum SourceRefusal: Sendable, Hashable {
    /// Larger than ``InputLimits`` allow for its kind (both in bytes).
    case tooLarge(bytes: Int, limit: Int)
    /// A folder, a named pipe, a device or a socket where a file belongs ("a folder").
    case notAFile(String)
    case linkLoop
    case brokenLink
    /// The system's reason in words ("permission denied").
    case unreadable(String)
}

/// How large each kind of input file may be, checked before it is read, so that no file can
/// take the memory or the time of a build (the README's table of limits says the same).
public enum InputLimits {
    /// A CSV table: 16 MiB holds some 250,000 monitoring rows.
    public static let csvBytes = 16 << 20
    /// A workbook, compressed (its parts have limits of their own once unpacked).
    public static let workbookBytes = 16 << 20
    /// `factsheet.yaml`, `strings.yaml` and the Markdown templates.
    public static let textBytes = 1 << 20
    /// Columns in a table's header: the data contract has a dozen.
    public static let columns = 200
    /// Characters in one cell: names, codes and numbers are short.
    public static let cellCharacters = 2_000
    /// Municipalities in the register: each is a sheet in every language (the benchmark builds 10,000).
    public static let municipalities = 20_000
    /// Levels of sections nested in a template.
    public static let nesting = 64
    /// Levels of nesting in a YAML file, counted generously (each space of indentation is one).
    public static let yamlNesting = 200

    /// The limit for the file named `name`, by its extension.
    public static func bytes(forFileNamed name: String) -> Int {
        let lower = name.lowercased()
        if lower.hasSuffix(".csv") { return csvBytes }
        if lower.hasSuffix(".xlsx") { return workbookBytes }
        // Larger than a logo may be, so that one a little too large gets the logo's own message.
        if lower.hasSuffix(".svg") { return 8 * LogoSanitiser.sizeLimit }
        return textBytes
    }
}

extension SourceFile {
    /// The contents as UTF-8 text without a byte-order mark, or a diagnostic naming the first bad line.
    package func text(log: inout DiagnosticLog) -> String? {
        guard isReadable(log: &log) else { return nil }
        var bytes = self.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // The standard library's validation is fast; the line of a bad byte is looked for only on failure.
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .emptyInput:
                break loop
            case .error:
                let line = bytes[bytes.startIndex..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                log.error(.notUTF8(line: line, spreadsheet: path.lowercased().hasSuffix(".csv")), at: SourceLocation(file: path))
                return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A CSV file, or a workbook's first worksheet, split into a header and rows, each row knowing
/// its spreadsheet row number.
///
/// Accepts what Excel writes: UTF-8 with or without BOM, CRLF line ends, `,` or `;` as delimiter;
/// or the workbook itself (`.xlsx`, read by `readWorkbook` in `CSVTable+Workbook.swift`).
package struct CSVTable {
    struct Row {
        /// Spreadsheet row number, 1-based, the header being row 1.
        let number: Int
        let fields: [String]
    }

    let file: String
    /// Column names as written, trimmed.
    package let header: [String]
    let rows: [Row]
    /// The worksheet's name when the table comes from a workbook; locations then name the cell.
    var sheet: String? = nil

    /// Reads `source` as CSV, or as a workbook when it is one; on failure records why and returns nil.
    package static func read(_ source: SourceFile, log: inout DiagnosticLog) -> CSVTable? {
        if source.isWorkbook { return readWorkbook(source, log: &log) }
        let location = SourceLocation(file: source.path)
        guard let text = source.text(log: &log) else { return nil }
        if text.allSatisfy({ $0.isWhitespace }) {
            log.error(.emptyFile, at: location)
            return nil
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let delimiter: UnicodeScalar =
            firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        // Fields are trimmed of spaces and tabs. Without any `"` in the file, trimming each field
        // here gives the same fields as CSV.swift's own trimming, which calls Foundation's
        // `trimmingCharacters` on every field and costs more than the rest of the reading.
        let quoted = text.utf8.contains(UInt8(ascii: "\""))
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: quoted, delimiter: delimiter)
        } catch {
            log.error(.unreadableCSV, at: location)
            return nil
        }
        var records: [[String]] = []
        while let record = reader.next() { records.append(quoted ? record : record.map(\.trimmingSpaces)) }
        if reader.error != nil {
            log.error(.unreadableCSV, at: location)
            return nil
        }
        guard let header = records.first else {
            log.error(.emptyFile, at: location)
            return nil
        }
        var rows: [Row] = []
        for (index, fields) in records.enumerated().dropFirst() {
            // Blank lines and rows of empty cells (Excel leaves them) carry nothing.
            if fields.allSatisfy(\.isEmpty) { continue }
            rows.append(Row(number: index + 1, fields: fields))
        }
        return CSVTable(file: source.path, header: header.map(\.trimmingSpaces), rows: rows).withinLimits(log: &log)
    }

    /// The table, or nil when its header has more columns or a cell more characters than
    /// ``InputLimits`` allow (each such cell an error at its place).
    func withinLimits(log: inout DiagnosticLog) -> CSVTable? {
        var within = true
        if header.count > InputLimits.columns {
            log.error(.tooManyColumns(count: header.count, limit: InputLimits.columns), at: location(row: 1))
            within = false
        }
        for (number, fields) in [(1, header)] + rows.map({ ($0.number, $0.fields) }) {
            // `utf8.count` first: it is cheap, and no text has more characters than bytes.
            for (position, field) in fields.enumerated() where field.utf8.count > InputLimits.cellCharacters {
                let characters = field.count
                guard characters > InputLimits.cellCharacters else { continue }
                log.error(
                    .cellTooLong(characters: characters, limit: InputLimits.cellCharacters), at: location(row: number, position: position))
                within = false
            }
        }
        return within ? self : nil
    }

    func location(row: Int, column: String) -> SourceLocation {
        guard sheet != nil, let position = header.firstIndex(where: { $0.lowercased() == column.lowercased() }) else {
            return SourceLocation(file: file, row: row, column: column, sheet: sheet)
        }
        return location(row: row, position: position)
    }

    /// The location of a whole row (or of the file when `row` is nil), with the worksheet's name.
    func location(row: Int?) -> SourceLocation {
        SourceLocation(file: file, row: row, sheet: sheet)
    }
}

/// A table's header matched against the columns its schema declares (``InputColumn``).
///
/// Cells are read through the typed column, so a column the schema does not declare cannot be
/// read at all (it would otherwise read as empty in every row).
struct ColumnLayout<Column: InputColumn> {
    /// Position of each declared column that the header has, by its lower-case header.
    private var index: [String: Int] = [:]
    /// The keys of each family's columns that the header has, in header order (`sq` of `name_sq`).
    private var keys: [Column: [String]] = [:]

    /// Matches `table`'s header (case-insensitively) against `Column`'s cases.
    ///
    /// Missing columns that every file must have are errors; unknown ones are warnings; both
    /// name the file and row 1.
    init(table: CSVTable, log: inout DiagnosticLog) {
        for (position, name) in table.header.enumerated() {
            let key = name.lowercased()
            let headerLocation =
                table.sheet == nil ? SourceLocation(file: table.file, row: 1, column: name) : table.location(row: 1, position: position)
            guard let (column, member) = Self.column(named: key) else {
                if !name.isEmpty { log.warning(.unknownColumn(name), at: headerLocation) }
                continue
            }
            if index[key] != nil {
                log.error(.duplicateColumn(name), at: headerLocation)
                continue
            }
            index[key] = position
            if let member { keys[column, default: []].append(member) }
        }
        for column in Column.allCases where column.isRequiredInHeader && index[column.name] == nil {
            log.error(.missingColumn(column.name, found: table.header.filter { !$0.isEmpty }), at: table.location(row: 1))
        }
        let width = table.header.count
        for row in table.rows where row.fields.count > width && row.fields[width...].contains(where: { !$0.isEmpty }) {
            log.error(.extraFields(count: row.fields.count, header: width), at: table.location(row: row.number))
        }
    }

    /// The declared column a lower-case header names, with the key when it is a family's member.
    private static func column(named header: String) -> (Column, String?)? {
        for column in Column.allCases {
            if column.isFamily {
                if header.hasPrefix(column.name) && header.count > column.name.count {
                    return (column, String(header.dropFirst(column.name.count)))
                }
            } else if header == column.name {
                return (column, nil)
            }
        }
        return nil
    }

    /// The keys of `family`'s columns in `header` (`["sq", "en"]` for `name_sq`, `name_en`), in
    /// header order, each once: what ``keys(of:)`` gives once the layout is made.
    static func keys(of family: Column, in header: [String]) -> [String] {
        var seen: Set<String> = []
        return header.compactMap { name in
            guard let (column, key) = column(named: name.lowercased()), column == family, let key, seen.insert(key).inserted
            else { return nil }
            return key
        }
    }

    /// The keys of `family`'s columns that the header has, in header order.
    func keys(of family: Column) -> [String] { keys[family] ?? [] }

    /// The trimmed value of `column` in `row` (of its member `key` for a family), empty when the
    /// row is short or the header lacks the column.
    func value(_ column: Column, key: String = "", in row: CSVTable.Row) -> String {
        guard let position = index[column.name + key], position < row.fields.count else { return "" }
        return row.fields[position]
    }
}

extension String {
    /// The text without spaces and tabs at its ends (Foundation's `.whitespaces`, as CSV.swift
    /// trims), returned as it is when neither end has any: the common case, checked cheaply.
    var trimmingSpaces: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        func mayBeSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.value <= 0x20 || scalar.value >= 0x7F }
        guard mayBeSpace(first) || mayBeSpace(last) else { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
