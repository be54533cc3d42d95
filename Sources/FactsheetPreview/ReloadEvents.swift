import Foundation

/// The Server-Sent Events stream every open page listens to: on connecting and after every
/// rebuild it sends the site's version (`data: VERSION`), and a comment every few seconds so
/// that connections of closed tabs are noticed and dropped.
public final class ReloadEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var listeners: [UInt64: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextID: UInt64 = 0

    public init() {}

    /// How many pages listen right now.
    public var count: Int { lock.withLock { listeners.count } }

    /// A new listener's stream of event bytes, starting with `version`.
    func subscribe(current version: String) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = lock.withLock {
            nextID += 1
            listeners[nextID] = continuation
            return nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.lock.withLock { self?.listeners.removeValue(forKey: id) }
        }
        // The browser retries a lost connection after 1 s (a restarted preview is found again).
        continuation.yield(Array("retry: 1000\ndata: \(version)\n\n".utf8))
        return stream
    }

    /// Tells every page the site's new version.
    public func publish(version: String) {
        send(Array("data: \(version)\n\n".utf8))
    }

    /// A comment line, which pages ignore; writing it finds the connections of closed tabs.
    func keepAlive() {
        send(Array(": keep-alive\n\n".utf8))
    }

    private func send(_ bytes: [UInt8]) {
        let all = lock.withLock { Array(listeners.values) }
        for listener in all { listener.yield(bytes) }
    }
}
