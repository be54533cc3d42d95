import FactsheetSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One headless Chromium driven through its DevTools protocol over a pipe
/// (`--remote-debugging-pipe`: it reads commands on fd 3 and writes replies and events on fd 4,
/// each a JSON message ended by a NUL byte).
///
/// Calls may come from several threads; each waits for its own reply. A reader thread hands
/// out replies by id and events to whoever waits for them.
public final class DevToolsBrowser: @unchecked Sendable {
    private let process: pid_t
    private let commands: Int32
    private let replies: Int32
    private let lock = NSLock()
    private var nextID = 0
    private var waiting: [Int: Mailbox] = [:]
    private var listeners: [String: Mailbox] = [:]
    private var failure: String?

    /// Starts Chromium with a fresh profile in `profile` (a folder of ours, removed by the caller).
    public init(executable: String, profile: String) throws {
        // A browser that dies must not kill us with SIGPIPE when we write the next command.
        signal(SIGPIPE, SIG_IGN)
        let toBrowser = try Self.pipe()
        let fromBrowser = try Self.pipe()
        var arguments = [
            executable, "--headless", "--disable-gpu", "--remote-debugging-pipe", "--user-data-dir=\(profile)", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--disable-component-update", "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "about:blank",
        ]
        // Chromium refuses to run as root with its sandbox.
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 1) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser.read, 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser.write, 4)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The leader of a process group of its own, with its renderers and helpers in it, killed
        // whole if the command is interrupted.
        // Chromium's own temporary files go into the profile's folder, which is ours to remove.
        mkdir(profile, 0o700)
        let started = Result {
            try ChildProcess.spawn(executable, Array(arguments.dropFirst()), actions: &actions, environment: ["TMPDIR": profile])
        }
        Glibc.close(toBrowser.read)
        Glibc.close(fromBrowser.write)
        guard case .success(let pid) = started else {
            Glibc.close(toBrowser.write)
            Glibc.close(fromBrowser.read)
            throw PDFError("\(executable) could not be started")
        }
        process = pid
        commands = toBrowser.write
        replies = fromBrowser.read
        // The reader holds the browser until Chromium closes its end of the pipe.
        let reader = Thread { self.readReplies() }
        reader.name = "devtools-reader"
        reader.start()
    }

    deinit {
        Glibc.close(commands)
        Glibc.close(replies)
    }

    /// Sends a command and waits for its result; throws the browser's error, or when no reply
    /// came within `timeout` seconds.
    @discardableResult
    public func call(
        _ method: String, _ parameters: [String: Any] = [:], session: String? = nil, timeout: Double = 120
    ) throws -> [String: Any] {
        let mailbox = Mailbox()
        let id: Int = try lock.withLock {
            if let failure { throw PDFError(failure) }
            nextID += 1
            waiting[nextID] = mailbox
            return nextID
        }
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var bytes = try JSONSerialization.data(withJSONObject: message)
        bytes.append(0)
        try lock.withLock { try send(bytes) }
        guard let reply = mailbox.wait(timeout: timeout) else {
            let failure = lock.withLock {
                waiting[id] = nil
                return self.failure
            }
            throw PDFError(
                failure.map { "\($0) before answering \(method)" } ?? "Chromium did not answer \(method) within \(Int(timeout)) s")
        }
        if let error = reply["error"] as? [String: Any] {
            throw PDFError("Chromium: \(method): \(error["message"] as? String ?? "an error without a message")")
        }
        return reply["result"] as? [String: Any] ?? [:]
    }

    /// Starts collecting the events named `method` for `session`; call before the command that
    /// causes them, then ``Mailbox/wait(timeout:until:)``.
    public func listen(_ method: String, session: String) -> Mailbox {
        let mailbox = Mailbox()
        lock.withLock { listeners[session + " " + method] = mailbox }
        return mailbox
    }

    public func stopListening(_ method: String, session: String) {
        lock.withLock { listeners[session + " " + method] = nil }
    }

    /// Closes the browser and waits for it to exit (killing it after a few seconds).
    public func shutDown() {
        _ = try? call("Browser.close", timeout: 5)
        var status: Int32 = 0
        for _ in 0..<500 {
            if waitpid(process, &status, WNOHANG) == process {
                Interruption.shared.forget(group: process)
                return
            }
            usleep(10_000)
        }
        defer { Interruption.shared.forget(group: process) }
        Glibc.kill(-process, SIGKILL)
        waitpid(process, &status, 0)
    }

    /// Kills the browser at once (after an error), with every process it started.
    public func terminate() {
        var status: Int32 = 0
        Glibc.kill(-process, SIGKILL)
        waitpid(process, &status, 0)
        Interruption.shared.forget(group: process)
    }

    private func send(_ bytes: Data) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(commands, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw PDFError("Chromium stopped taking commands (\(String(cString: strerror(errno))))")
                }
                offset += written
            }
        }
    }

    /// Reads NUL-ended messages until the browser closes its end, handing each out.
    private func readReplies() {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var start = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { read(replies, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            let scanFrom = buffer.count
            buffer.append(contentsOf: chunk[0..<count])
            var index = scanFrom
            while let end = buffer[index...].firstIndex(of: 0) {
                deliver(Data(buffer[start..<end]))
                start = end + 1
                index = start
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
        }
        let everyone: [Mailbox] = lock.withLock {
            failure = "Chromium closed the DevTools pipe"
            defer {
                waiting = [:]
                listeners = [:]
            }
            return Array(waiting.values) + Array(listeners.values)
        }
        for mailbox in everyone { mailbox.close() }
    }

    private func deliver(_ data: Data) {
        guard let message = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return }
        if let id = message["id"] as? Int {
            lock.withLock { waiting.removeValue(forKey: id) }?.post(message)
        } else if let method = message["method"] as? String {
            let key = (message["sessionId"] as? String ?? "") + " " + method
            lock.withLock { listeners[key] }?.post(message["params"] as? [String: Any] ?? [:])
        }
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard Glibc.pipe(&ends) == 0 else { throw PDFError("no pipe for Chromium (\(String(cString: strerror(errno))))") }
        // Close-on-exec, so no other child inherits them; and above 4, so that moving them onto
        // fds 3 and 4 in Chromium is always a real dup2 (which clears close-on-exec there).
        let read = fcntl(ends[0], F_DUPFD_CLOEXEC, 10)
        let write = fcntl(ends[1], F_DUPFD_CLOEXEC, 10)
        Glibc.close(ends[0])
        Glibc.close(ends[1])
        return (read, write)
    }

    /// Messages for one waiter: a reply, or the events it listens to.
    public final class Mailbox: @unchecked Sendable {
        private let condition = NSCondition()
        private var messages: [[String: Any]] = []
        private var closed = false

        func post(_ message: [String: Any]) {
            condition.withLock {
                messages.append(message)
                condition.broadcast()
            }
        }

        func close() {
            condition.withLock {
                closed = true
                condition.broadcast()
            }
        }

        /// The first message; nil after `timeout` seconds or when the browser went away.
        func wait(timeout: Double) -> [String: Any]? {
            wait(timeout: timeout) { _ in true }
        }

        /// The first message that `matches`; nil after `timeout` seconds or when the browser went away.
        public func wait(timeout: Double, until matches: ([String: Any]) -> Bool) -> [String: Any]? {
            let deadline = Date(timeIntervalSinceNow: timeout)
            return condition.withLock {
                while true {
                    if let found = messages.first(where: matches) { return found }
                    if closed || !condition.wait(until: deadline) { return messages.first(where: matches) }
                }
            }
        }
    }
}
