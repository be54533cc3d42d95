import Foundation

/// Results of concurrent work, one slot per job, each written once under a lock, and the first
/// failure any job met.
public final class ConcurrentSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    private var firstFailure: (any Error)?

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    public func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    /// Every slot, nil where no job wrote.
    public var values: [Value?] { lock.withLock { slots } }

    /// Records `error` unless a job failed before.
    public func fail(_ error: any Error) { lock.withLock { if firstFailure == nil { firstFailure = error } } }

    /// The first failure recorded, if any.
    public var failure: (any Error)? { lock.withLock { firstFailure } }
}

/// The first error thrown by concurrent work.
public final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    public init() {}

    public func record(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }
    public var first: (any Error)? { lock.withLock { error } }
}

/// Hands out 0, 1, 2 … below a bound, once each, to tasks that share the work; and counts the
/// jobs done.
public final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var finished = 0
    private let bound: Int

    public init(below bound: Int) { self.bound = bound }

    /// The next index, or nil when every one is taken.
    public func take() -> Int? {
        lock.withLock {
            guard next < bound else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// Counts one job done and returns how many are.
    public func finish() -> Int {
        lock.withLock {
            finished += 1
            return finished
        }
    }
}

/// Lines on standard error: messages, and progress lines that name the program.
public enum Console {
    public static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    @Sendable public static func progress(_ text: String) {
        line("factsheet: \(text)")
    }
}
