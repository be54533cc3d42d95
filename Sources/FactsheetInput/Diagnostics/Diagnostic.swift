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

    package init(
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

    package init(_ severity: Severity, at location: SourceLocation, _ problem: Problem) {
        self.severity = severity
        self.location = location
        self.problem = problem
    }
}

/// Every diagnostic of a failed build; thrown when at least one of them is an error.
public struct DiagnosticsError: Error, Sendable {
    public var diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// How many errors there are, those a summary counts too.
    public var errorCount: Int {
        diagnostics.reduce(0) { total, diagnostic in
            guard diagnostic.severity == .error else { return total }
            if case .moreProblems(let count) = diagnostic.problem { return total + count }
            return total + 1
        }
    }

    /// The diagnostics in the order to show them: errors first, each file's by position, and
    /// each file's summary of those not kept after the ones kept.
    public var ordered: [Diagnostic] {
        diagnostics.sorted { a, b in
            func rank(_ d: Diagnostic) -> (Int, String, Int) {
                (d.severity == .error ? 0 : 1, d.location.file, d.problem.isSummary ? 1 : 0)
            }
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            return a.location < b.location
        }
    }
}

/// Collects diagnostics while a stage runs, so that every problem is reported in one run.
///
/// At most ``perFile`` errors and as many warnings are kept for each file; past that, one
/// diagnostic per file and severity counts the rest ("and 1,999,982 more errors in this file"),
/// so a file of millions of bad rows costs neither memory nor a screen of messages.
package struct DiagnosticLog: Sendable {
    /// How many errors, and how many warnings, are kept for one file; the README says so.
    static let perFile = 50

    package private(set) var diagnostics: [Diagnostic] = []
    /// Errors added so far, those counted in a summary too.
    package private(set) var errorCount = 0
    /// Diagnostics kept by file and severity.
    private var kept: [Key: Int] = [:]
    /// Where the summary of the diagnostics not kept stands in `diagnostics`, by file and severity.
    private var summaries: [Key: Int] = [:]

    private struct Key: Hashable, Sendable {
        let file: String
        let severity: Severity
    }

    package init() {}

    package var hasErrors: Bool { errorCount > 0 }

    /// Whether one more diagnostic of `severity` in `file` would be listed rather than only
    /// counted: work that only makes a message better (a suggestion) can be skipped otherwise.
    func lists(_ severity: Severity, in file: String) -> Bool {
        kept[Key(file: file, severity: severity), default: 0] < Self.perFile
    }

    package mutating func error(_ problem: Problem, at location: SourceLocation) {
        add(Diagnostic(.error, at: location, problem))
    }

    package mutating func warning(_ problem: Problem, at location: SourceLocation) {
        add(Diagnostic(.warning, at: location, problem))
    }

    package mutating func append(contentsOf other: [Diagnostic]) {
        for diagnostic in other { add(diagnostic) }
    }

    private mutating func add(_ diagnostic: Diagnostic) {
        let key = Key(file: diagnostic.location.file, severity: diagnostic.severity)
        let more: Int
        if case .moreProblems(let count) = diagnostic.problem {
            more = count
        } else if kept[key, default: 0] < Self.perFile {
            kept[key, default: 0] += 1
            diagnostics.append(diagnostic)
            if diagnostic.severity == .error { errorCount += 1 }
            return
        } else {
            more = 1
        }
        if diagnostic.severity == .error { errorCount += more }
        if let index = summaries[key], case .moreProblems(let count) = diagnostics[index].problem {
            diagnostics[index].problem = .moreProblems(count: count + more)
        } else {
            summaries[key] = diagnostics.count
            diagnostics.append(Diagnostic(diagnostic.severity, at: SourceLocation(file: key.file), .moreProblems(count: more)))
        }
    }

    /// Throws every diagnostic collected so far if any of them is an error.
    package func throwIfErrors() throws(DiagnosticsError) {
        if hasErrors { throw DiagnosticsError(diagnostics) }
    }

    /// The warnings collected so far.
    package var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
