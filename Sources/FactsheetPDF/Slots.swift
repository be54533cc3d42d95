import Foundation

/// Results by index from several threads, and the first failure.
final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value?]
    private var firstFailure: Error?

    init(count: Int) { stored = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { stored[index] = value } }
    func fail(_ error: Error) { lock.withLock { if firstFailure == nil { firstFailure = error } } }
    var failure: Error? { lock.withLock { firstFailure } }
    var values: [Value?] { lock.withLock { stored } }
}

/// A shared counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// The next number below `limit`, or nil when all are taken.
    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }

    /// Adds one and returns the new value.
    func increment() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
