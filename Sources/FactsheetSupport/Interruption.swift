import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What an interruption (Ctrl-C, `kill`, a closed terminal) must undo before the process ends:
/// the child processes it started (Chromium, qpdf) are killed with their own children, its
/// temporary folders and the staging folder are removed, then it exits with 128 + the signal's
/// number as a shell would report it.
///
/// Shared by the modules that start processes or make folders (``FactsheetIO``, the PDF printer),
/// so that one handler knows all of them.
public final class Interruption: @unchecked Sendable {
    public static let shared = Interruption()
    private let lock = NSLock()
    private var staging: String?
    private var folders: Set<String> = []
    /// Process groups of the children started, each led by the child itself.
    private var groups: Set<pid_t> = []
    private var stopping = false
    private var sources: [DispatchSourceSignal] = []

    private init() {
        let queue = DispatchQueue(label: "factsheet.interruption")
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in self.interrupted(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// The folder to remove on interruption, or nil for none.
    public func clean(_ path: String?) {
        lock.withLock { staging = path }
    }

    /// Also removes `path` (a temporary folder) on interruption, until ``forget(folder:)``.
    public func remove(folder path: String) {
        lock.withLock { _ = folders.insert(path) }
    }

    public func forget(folder path: String) {
        lock.withLock { _ = folders.remove(path) }
    }

    /// Kills the process group `group` (a child started as the leader of its own group, so that
    /// its own children go with it) on interruption, until ``forget(group:)``.
    public func kill(group: pid_t) {
        lock.withLock { _ = groups.insert(group) }
    }

    /// Runs `start`, which starts a child as the leader of its own process group and returns a
    /// result with the group (nil if it did not start), and registers the group as
    /// ``kill(group:)`` does, all under one lock: an interruption comes before or after, never
    /// between the start and the registration.
    public func starting(_ start: () -> (Int32, pid_t?)) -> Int32 {
        lock.withLock {
            let (result, group) = start()
            if let group { groups.insert(group) }
            return result
        }
    }

    public func forget(group: pid_t) {
        lock.withLock { _ = groups.remove(group) }
    }

    /// Runs `work` (the swap of the folders) whole: an interruption waits until it is done, and
    /// then removes what the staging folder holds by then (the previous output).
    public func uninterrupted<T>(_ work: () throws -> T) rethrows -> T {
        try lock.withLock(work)
    }

    /// Whether the process is being interrupted: writers stop making files and folders.
    public var isStopping: Bool {
        lock.withLock { stopping }
    }

    private func interrupted(_ number: Int32) {
        // The lock is never given back: the process ends here, and no swap may start meanwhile.
        lock.lock()
        stopping = true
        // Children first, so that none writes into a folder being removed.
        for group in groups { Glibc.kill(-group, SIGKILL) }
        for group in groups { while waitpid(group, nil, 0) < 0 && errno == EINTR {} }
        for path in folders.sorted() + (staging.map { [$0] } ?? []) {
            // A worker may be in the middle of writing a file: remove, let it finish, remove again.
            for _ in 0..<5 where access(path, F_OK) == 0 {
                FileTree.remove(path)
                usleep(5_000)
            }
        }
        _exit(128 + number)
    }
}
