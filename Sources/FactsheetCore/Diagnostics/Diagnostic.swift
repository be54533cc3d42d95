/// Where a problem was found: a file, and within it a spreadsheet cell or a text position.
public struct SourceLocation: Sendable, Hashable, Comparable {
    /// The file as the user names it (`input/monitoring/2016.csv`).
    public var file: String
    /// Spreadsheet row, 1-based, header = row 1 (CSV files only).
    public var row: Int?
    /// Column name as written in the header (CSV files only).
    public var column: String?
    /// 1-based line of a text file (YAML, templates).
    var line: Int?
    /// 1-based column of a text file.
    var character: Int?
    /// Worksheet name, for a workbook (`.xlsx`): only its first worksheet is read.
    var sheet: String?
    /// Cell reference in a workbook (`F7`), shown with the row and the column's name.
    var cell: String?

    init(
        file: String, row: Int? = nil, column: String? = nil, line: Int? = nil, character: Int? = nil, sheet: String? = nil,
        cell: String? = nil
    ) {
        self.file = file
        self.row = row
        self.column = column
        self.line = line
        self.character = character
        self.sheet = sheet
        self.cell = cell
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.row ?? 0, a.line ?? 0, a.character ?? 0, a.column ?? "")
            < (b.file, b.row ?? 0, b.line ?? 0, b.character ?? 0, b.column ?? "")
    }
}

/// How serious a diagnostic is: errors stop the build, warnings do not.
public enum Severity: String, Sendable, Hashable {
    case error
    case warning
}

/// One located problem in the input or the templates.
public struct Diagnostic: Sendable, Hashable, Error {
    public var severity: Severity
    public var location: SourceLocation
    public var problem: Problem

    init(_ severity: Severity, at location: SourceLocation, _ problem: Problem) {
        self.severity = severity
        self.location = location
        self.problem = problem
    }
}

/// Every diagnostic of a failed build; thrown when at least one of them is an error.
public struct DiagnosticsError: Error, Sendable {
    public var diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Collects diagnostics while a stage runs, so that every problem is reported in one run.
struct DiagnosticLog: Sendable {
    private(set) var diagnostics: [Diagnostic] = []

    init() {}

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// How many errors so far; compare before and after a step to see whether it added any.
    var errorCount: Int { diagnostics.count { $0.severity == .error } }

    mutating func error(_ problem: Problem, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, at: location, problem))
    }

    mutating func warning(_ problem: Problem, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, at: location, problem))
    }

    mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    /// Throws every diagnostic collected so far if any of them is an error.
    func throwIfErrors() throws(DiagnosticsError) {
        if hasErrors { throw DiagnosticsError(diagnostics) }
    }

    /// The warnings collected so far.
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
