import Foundation

/// Results of concurrent work, one slot per job, each written once under a lock.
final class ConcurrentSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    /// Every slot, nil where no job wrote.
    var values: [Value?] { lock.withLock { slots } }
}

/// A thread-safe running total.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    func add(_ amount: Int) { lock.withLock { total += amount } }
    var value: Int { lock.withLock { total } }
}

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

/// The first error thrown by concurrent work.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    func record(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }
    var first: (any Error)? { lock.withLock { error } }
}

/// Hands out 0, 1, 2 … below a bound, once each, to tasks that share the work.
final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let bound: Int

    init(below bound: Int) { self.bound = bound }

    func take() -> Int? {
        lock.withLock {
            guard next < bound else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
