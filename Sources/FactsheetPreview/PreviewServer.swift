import FactsheetIO
import FactsheetSupport
import FlyingSocks
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Serves the preview over HTTP/1.1 on 127.0.0.1: the site from memory, and the event stream
/// that makes open pages reload.
///
/// A small server of its own on FlyingSocks' non-blocking sockets and epoll (FlyingFox's HTTP
/// server has no deadline for a request's head, no idle timeout and no cap on connections, and
/// its connection type is internal), so that a busy or hostile client cannot keep a reader out:
///
/// - a request's head must come whole within ``headTimeout`` of the connection opening or of
///   the previous answer (idle kept-alive connections included); past it the connection is
///   closed, with 408 if part of a request had come;
/// - a head may have ``RequestHead/maxBytes`` bytes at most (431 and closed);
/// - writing an answer, or one event of the stream, may take ``writeTimeout`` at most;
/// - at most ``capacity`` connections are open; a new one beyond is always accepted, and the
///   one waiting longest for its request is closed instead (``ConnectionTable``).
public struct PreviewServer: Sendable {
    /// The port when none is given (documented in the README and in `factsheet preview --help`).
    public static let defaultPort: UInt16 = 8017
    /// How long a connection may take to send a whole request head, or stay idle between requests.
    public static let headTimeoutSeconds = 10
    static let headTimeout = Duration.seconds(headTimeoutSeconds)
    /// How long writing one answer or one event may take (a reader that stopped reading).
    public static let writeTimeoutSeconds = 10
    static let writeTimeout = Duration.seconds(writeTimeoutSeconds)
    /// The most connections open at once.
    public static let capacity = 256

    let rebuilder: SiteRebuilder
    let events: ReloadEvents
    let table: ConnectionTable

    public init(rebuilder: SiteRebuilder, events: ReloadEvents) {
        self.rebuilder = rebuilder
        self.events = events
        table = ConnectionTable(capacity: Self.capacityWithinFileLimit())
    }

    /// ``capacity``, or fewer if the process may not open that many files: the soft limit on
    /// open files is first raised to the hard one, and 64 descriptors are left for the rest
    /// (the build reads files, the watcher, the listening socket).
    static func capacityWithinFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return capacity }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        guard limit.rlim_cur != rlim_t.max else { return capacity }
        return max(16, min(capacity, Int(clamping: limit.rlim_cur) - 64))
    }

    /// The server could not listen.
    public struct ListenError: LocalizedError {
        /// The system's reason in words ("address already in use").
        public let reason: String
        public var errorDescription: String? { reason }
    }

    /// Starts listening on 127.0.0.1 only and returns the port (the one asked for, or the one
    /// the system chose for port 0); the server then runs until the process ends.
    public func start(port: UInt16) async throws -> UInt16 {
        let pool = SocketPool<ePoll>.ePoll(maxEvents: 256)
        let listener: AsyncSocket
        let bound: UInt16
        do {
            try await pool.prepare()
            let socket = try Socket(domain: AF_INET, type: .stream)
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port))
            try socket.listen(maxPendingConnection: SOMAXCONN)
            guard case .ip4(_, let actual) = try socket.sockname() else { throw SocketError.unsupportedAddress }
            bound = actual
            listener = try AsyncSocket(socket: socket, pool: pool)
        } catch SocketError.failed(_, let code, _) {
            throw ListenError(reason: FileError.reason(code))
        } catch {
            throw ListenError(reason: "the socket could not be opened")
        }
        Task.detached { try? await pool.run() }
        let server = self
        Task.detached { await server.accept(on: listener, pool: pool) }
        // Deadlines are checked five times a second; comments every 10 s find the connections of
        // pages that were closed without a word.
        let table = self.table
        Task.detached {
            while true {
                try? await Task.sleep(for: .milliseconds(200))
                table.endExpired(at: .now)
            }
        }
        let events = self.events
        Task.detached {
            while true {
                try? await Task.sleep(for: .seconds(10))
                events.keepAlive()
            }
        }
        return bound
    }

    /// Accepts connections for as long as the process runs. When no file descriptor is left,
    /// one connection is ended to make room (as at the cap) and accepting goes on.
    private func accept(on listener: AsyncSocket, pool: SocketPool<ePoll>) async {
        let noDelay = BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY)
        while true {
            let client: AsyncSocket
            do {
                client = try await listener.accept()
            } catch SocketError.failed(_, let code, _) where [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(code) {
                // Out of file descriptors (below the cap when the limit is low): the oldest idle
                // connection makes room, and its descriptor is free a moment later.
                if !table.evictOne() { try? await Task.sleep(for: .milliseconds(10)) }
                try? await Task.sleep(for: .milliseconds(1))
                continue
            } catch {
                // A connection reset before it was accepted, or the like: the next one.
                try? await Task.sleep(for: .milliseconds(1))
                continue
            }
            try? client.socket.setValue(true, for: noDelay)
            table.open(deadline: .now + Self.headTimeout) { id in
                Task { await serve(client, id: id, pool: pool) }
            }
        }
    }

    /// One connection: requests one after another (kept alive), until the client closes it, an
    /// answer closes it, a deadline passes or the cap ends it.
    private func serve(_ socket: AsyncSocket, id: UInt64, pool: SocketPool<ePoll>) async {
        defer {
            try? socket.close()
            table.remove(id)
        }
        var buffer: [UInt8] = []
        var firstRequest = true
        while true {
            if !firstRequest { table.set(id, .waiting, deadline: .now + Self.headTimeout) }
            firstRequest = false
            let end: Int?
            do {
                end = try await readHead(from: socket, pool: pool, into: &buffer)
            } catch {
                // A request cut off by its deadline is told why, in one attempt that never waits.
                if table.ending(of: id) == .deadline && !buffer.isEmpty {
                    _ = try? socket.socket.write(Data(PreviewAnswer.timedOut.bytes(sendsBody: true)))
                }
                return
            }
            table.set(id, .answering, deadline: .now + Self.writeTimeout)
            guard let end else {
                _ = try? await socket.write(Data(PreviewAnswer.headTooLarge.bytes(sendsBody: true)))
                return
            }
            let answer: PreviewAnswer
            var sendsBody = true
            do {
                let head = try RequestHead.parse(buffer[..<end])
                answer = PreviewAnswer.to(head, site: rebuilder.site)
                sendsBody = head.method != "HEAD"
            } catch RequestHead.Failure.unsupportedVersion {
                answer = .unsupportedVersion
            } catch {
                answer = .malformed
            }
            buffer.removeFirst(end)
            if answer.isEventStream && sendsBody {
                await stream(answer, on: socket, id: id)
                return
            }
            do {
                try await socket.write(Data(answer.bytes(sendsBody: sendsBody)))
            } catch {
                return
            }
            if answer.closes || answer.isEventStream { return }
        }
    }

    /// Reads until `buffer` starts with a whole request head and returns where it ends; nil if
    /// the head grew past ``RequestHead/maxBytes`` without ending. Empty lines before a request
    /// line are dropped. Throws when the connection closes or its task is cancelled.
    private func readHead(from socket: AsyncSocket, pool: SocketPool<ePoll>, into buffer: inout [UInt8]) async throws -> Int? {
        var searched = 0
        while true {
            if searched == 0, let start = buffer.firstIndex(where: { $0 != 0x0D && $0 != 0x0A }) {
                buffer.removeFirst(start)
            } else if searched == 0 {
                buffer.removeAll()
            }
            if let end = RequestHead.end(in: buffer, from: searched) {
                return end <= RequestHead.maxBytes ? end : nil
            }
            if buffer.count >= RequestHead.maxBytes { return nil }
            searched = buffer.count
            buffer += try await read(from: socket, pool: pool)
        }
    }

    /// What has come on the socket, up to 16 KiB at a time (FlyingSocks' `AsyncSocket.read` takes
    /// 4 KiB at most, which made a head of 16 KiB four trips through the socket pool); waits for
    /// it if nothing has. Throws when the connection closes or the task is cancelled.
    private func read(from socket: AsyncSocket, pool: SocketPool<ePoll>) async throws -> [UInt8] {
        while true {
            try Task.checkCancellation()
            do {
                return try socket.socket.read(atMost: 16 * 1024)
            } catch SocketError.blocked {
                try await pool.suspendSocket(socket.socket, untilReadyFor: .read)
            }
        }
    }

    /// The event stream: its head, then every event, until the page closes the connection (or
    /// sends anything more), a write takes too long, or the cap ends it.
    private func stream(_ answer: PreviewAnswer, on socket: AsyncSocket, id: UInt64) async {
        table.set(id, .streaming, deadline: .now + Self.writeTimeout)
        guard (try? await socket.write(Data(answer.bytes(sendsBody: false)))) != nil else { return }
        table.set(id, .streaming, deadline: nil)
        let events = self.events.subscribe(current: rebuilder.site.version)
        let table = self.table
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                _ = try? await socket.read(atMost: 1)
            }
            group.addTask {
                for await event in events {
                    table.set(id, .streaming, deadline: .now + Self.writeTimeout)
                    guard (try? await socket.write(Data(event))) != nil else { return }
                    table.set(id, .streaming, deadline: nil)
                }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
