import Foundation

/// The preview's open connections: what each is doing, until when it may take, and which to
/// close when there are too many.
///
/// Every connection has a deadline while it waits for a request (the whole head must come within
/// it) and while an answer is being written; a connection past its deadline is ended by cancelling
/// its task. At the cap, a new connection is never refused: the oldest connection still waiting
/// for a request is ended instead (then the oldest event stream, then the oldest answer being
/// written), so connections that send nothing cannot keep a reader out.
final class ConnectionTable: @unchecked Sendable {
    /// What a connection is doing.
    enum Phase: Int, Comparable {
        /// Waiting for a request's head (a new or a kept-alive connection): ended first at the cap.
        case waiting = 0
        /// An event stream that stays open for a page.
        case streaming = 1
        /// An answer being written.
        case answering = 2

        static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
    }

    /// Why a connection was ended from outside.
    enum Ending: Equatable {
        case deadline
        case evicted
    }

    struct Entry {
        var phase: Phase
        /// When the phase began, in table ticks: what "oldest" means.
        var since: UInt64
        var deadline: ContinuousClock.Instant?
        var ending: Ending?
        var task: Task<Void, Never>?
    }

    /// The most connections open at once.
    let capacity: Int
    private let lock = NSLock()
    private var entries: [UInt64: Entry] = [:]
    /// How many entries are not being ended.
    private var live = 0
    private var tick: UInt64 = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// How many connections are open, those being ended included.
    var count: Int { lock.withLock { entries.count } }

    /// Registers a new connection, waiting for its request until `deadline`, and starts its task
    /// with `start` (given the connection's id). Ends one connection if the table is full.
    @discardableResult
    func open(deadline: ContinuousClock.Instant, start: (UInt64) -> Task<Void, Never>) -> UInt64 {
        lock.withLock {
            tick += 1
            let id = tick
            if live >= capacity, let victim = Self.victim(in: entries) {
                end(victim, .evicted)
            }
            entries[id] = Entry(phase: .waiting, since: tick, deadline: deadline)
            live += 1
            entries[id]?.task = start(id)
            return id
        }
    }

    /// The connection to end when the table is full: the one waiting longest for a request, else
    /// the oldest event stream, else the oldest answer being written.
    static func victim(in entries: [UInt64: Entry]) -> UInt64? {
        var best: (id: UInt64, phase: Phase, since: UInt64)?
        for (id, entry) in entries where entry.ending == nil {
            if let current = best, (current.phase, current.since) <= (entry.phase, entry.since) { continue }
            best = (id, entry.phase, entry.since)
        }
        return best?.id
    }

    /// Marks a connection as being ended and cancels its task (with the lock held).
    private func end(_ id: UInt64, _ ending: Ending) {
        guard let entry = entries[id], entry.ending == nil else { return }
        entries[id]?.ending = ending
        live -= 1
        entry.task?.cancel()
    }

    /// A connection's new phase and deadline (nil: none).
    func set(_ id: UInt64, _ phase: Phase, deadline: ContinuousClock.Instant?) {
        lock.withLock {
            guard entries[id] != nil else { return }
            if entries[id]?.phase != phase {
                tick += 1
                entries[id]?.since = tick
                entries[id]?.phase = phase
            }
            entries[id]?.deadline = deadline
        }
    }

    /// Why the connection was ended from outside, if it was.
    func ending(of id: UInt64) -> Ending? {
        lock.withLock { entries[id]?.ending }
    }

    /// Forgets a connection whose socket is closed.
    func remove(_ id: UInt64) {
        lock.withLock {
            if let entry = entries.removeValue(forKey: id), entry.ending == nil { live -= 1 }
        }
    }

    /// Ends every connection past its deadline; returns how many.
    @discardableResult
    func endExpired(at now: ContinuousClock.Instant) -> Int {
        lock.withLock {
            var ended = 0
            for (id, entry) in entries where entry.ending == nil {
                guard let deadline = entry.deadline, deadline <= now else { continue }
                end(id, .deadline)
                ended += 1
            }
            return ended
        }
    }

    /// Ends the connection that ``victim(in:)`` picks (when accepting fails for want of file
    /// descriptors); whether there was one.
    @discardableResult
    func evictOne() -> Bool {
        lock.withLock {
            guard let victim = Self.victim(in: entries) else { return false }
            end(victim, .evicted)
            return true
        }
    }
}
