import FactsheetInput
import FactsheetSite
import FactsheetSupport
import Foundation

/// One line of the error page and the terminal: a located problem worded as `factsheet check` words it.
public struct PreviewProblem: Sendable, Hashable {
    public var severity: Severity
    /// `input/monitoring/2016.csv, row 7, column 'meetings'`; empty when the problem is not in a file.
    public var location: String
    public var message: String

    public init(_ diagnostic: Diagnostic) {
        severity = diagnostic.severity
        location = diagnostic.location.description
        message = diagnostic.problem.message
    }

    /// A problem outside the files' contents, such as a folder that cannot be read.
    public init(error message: String) {
        severity = .error
        location = ""
        self.message = message
    }

    /// Any error as a sentence, never a Swift value: an error's own words when it has them
    /// (the reader's ``FactsheetIO/FileError``), otherwise a plain statement.
    static func sentence(_ error: any Error) -> String {
        if let error = error as? LocalizedError, let description = error.errorDescription, !description.isEmpty {
            return description
        }
        return "the input or templates folder could not be read"
    }

    /// The line `factsheet check` prints: `error: LOCATION: MESSAGE`.
    public var description: String {
        location.isEmpty ? "\(severity.rawValue): \(message)" : "\(severity.rawValue): \(location): \(message)"
    }

    /// Errors first, each group in the order of its locations, as `factsheet check` prints them.
    static func ordered(_ diagnostics: [Diagnostic]) -> [PreviewProblem] {
        diagnostics
            .sorted { ($0.severity == .error ? 0 : 1, $0.location) < ($1.severity == .error ? 0 : 1, $1.location) }
            .map(PreviewProblem.init)
    }
}
