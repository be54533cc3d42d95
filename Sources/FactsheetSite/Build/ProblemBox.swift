import FactsheetInput
import FactsheetSupport
import Foundation

/// Diagnostics from concurrent work, each kept once.
final class ProblemBox: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<Diagnostic> = []
    private var ordered: [Diagnostic] = []

    func add(_ diagnostics: [Diagnostic]) {
        lock.withLock {
            for diagnostic in diagnostics where seen.insert(diagnostic).inserted { ordered.append(diagnostic) }
        }
    }

    var diagnostics: [Diagnostic] { lock.withLock { ordered.sorted { $0.location < $1.location } } }
}
