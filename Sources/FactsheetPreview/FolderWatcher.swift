import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches folders and everything below them with Linux's inotify, and reports each burst of
/// saves once.
///
/// An editor's save is often several events (write a temporary file, rename it over the old one,
/// remove a backup); events closer together than the quiet period count as one change. A burst
/// also waits for the files created or written to in it to be closed, and a little for files
/// that went away in it to come back, so a half-saved file is not built while it is being
/// written. A file written in several goes (half, a pause, the rest) or written and left open
/// makes a burst for every write after the wait, so the last build always reads the file as the
/// last write left it. Only files
/// the build reads are watched for (`.csv`, `.xlsx`, `.yaml`, `.yml`, `.md`, `.svg`) and folders appearing or going,
/// so editors' swap and backup files do not cause rebuilds. New subfolders are watched as they
/// appear; symbolic links to folders are not followed.
public final class FolderWatcher: @unchecked Sendable {
    /// Extensions of the files a change to which can change the site.
    static let watchedExtensions: Set<String> = ["csv", "xlsx", "yaml", "yml", "md", "svg"]

    private let roots: [String]
    private let quietPeriod: Int32
    private let descriptor: Int32
    /// Watched folder by watch descriptor; touched only by the watching thread after start.
    private var folders: [Int32: String] = [:]

    /// Starts watching `roots` (which need not exist yet).
    ///
    /// - Parameter quietPeriod: milliseconds without an event that end a burst of events.
    public init(roots: [String], quietPeriod: Int32 = 10) throws {
        self.roots = roots
        self.quietPeriod = quietPeriod
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw WatchError("cannot watch folders for changes: \(String(cString: strerror(errno)))")
        }
        addWatches()
    }

    deinit {
        close(descriptor)
    }

    /// Each burst of changes, as the changed paths (sorted, without repeats); runs until the
    /// process ends. Call once.
    public func changes() -> AsyncStream<[String]> {
        // A burst that comes while the previous one is still being built is kept (one at most):
        // the build after it reads every file anyway.
        let (stream, continuation) = AsyncStream<[String]>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let thread = Thread { [self] in
            while true {
                let burst = nextBurst()
                if !burst.isEmpty { continuation.yield(burst) }
            }
        }
        thread.name = "factsheet preview watcher"
        thread.start()
        return stream
    }

    /// Blocks until a relevant event comes, then collects events until none has come for the quiet
    /// period, every file created or written to in the burst has been closed (an editor that
    /// writes a file slowly is waited for, up to ``longestWaitForWriting`` milliseconds) and every
    /// file that went away has come back (a rename over it that is late, up to
    /// ``longestWaitForReturn``; after that it was deleted for good). A burst of events that do
    /// not stop (a file written to without pause) ends after ``longestBurst``; the events after
    /// it make the next one.
    private func nextBurst() -> [String] {
        var burst = Burst()
        wait(milliseconds: -1)
        let began = ContinuousClock.now
        var waited: Int32 = 0
        readEvents(into: &burst)
        while true {
            // Events are read only when there are some: reading blocks until the next one.
            if wait(milliseconds: quietPeriod) {
                readEvents(into: &burst)
                if ContinuousClock.now - began < Self.longestBurst { continue }
                break
            }
            waited += quietPeriod
            let writing = !burst.writing.isEmpty && waited < Self.longestWaitForWriting
            let returning = !burst.gone.isEmpty && waited < Self.longestWaitForReturn
            if !writing && !returning { break }
        }
        if burst.folderChanged { addWatches() }
        return burst.changed.sorted()
    }

    /// How long a burst lasts at most while events keep coming.
    static let longestBurst = Duration.seconds(2)
    /// How long a burst waits at most for files created or written in it to be closed, in milliseconds.
    static let longestWaitForWriting: Int32 = 1000
    /// How long a burst waits at most for a file that went away to come back, in milliseconds.
    static let longestWaitForReturn: Int32 = 100

    /// The events of one burst.
    private struct Burst {
        var changed = Set<String>()
        /// Files created and not closed yet.
        var writing = Set<String>()
        /// Files deleted or renamed away that have not come back.
        var gone = Set<String>()
        var folderChanged = false
    }

    /// Whether an event is ready within `milliseconds` (-1: wait as long as it takes).
    @discardableResult
    private func wait(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready >= 0 { return ready > 0 }
            if errno != EINTR { return false }
        }
    }

    /// Reads the events waiting (without blocking once `wait` said some are there).
    private func readEvents(into burst: inout Burst) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return }
        var offset = 0
        // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }
        let header = 16
        while offset + header <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                (
                    raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                    raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                    Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                )
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += header + length
            let folder = folders[watch]
            if mask & UInt32(IN_IGNORED) != 0 {
                folders.removeValue(forKey: watch)
            }
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                burst.folderChanged = true
                burst.changed.insert("(many files)")
                continue
            }
            guard let folder else { continue }
            let path = name.isEmpty ? folder : folder + "/" + name
            if mask & UInt32(IN_ISDIR) != 0 || mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                burst.folderChanged = true
                burst.changed.insert(path)
            } else if Self.matters(name) {
                burst.changed.insert(path)
                if mask & UInt32(IN_CREATE | IN_MODIFY) != 0 {
                    // Created or written to: waited for until it is closed.
                    burst.writing.insert(path)
                    burst.gone.remove(path)
                } else if mask & UInt32(IN_MOVED_TO) != 0 {
                    burst.gone.remove(path)
                } else if mask & UInt32(IN_CLOSE_WRITE) != 0 {
                    burst.writing.remove(path)
                } else if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 {
                    burst.writing.remove(path)
                    burst.gone.insert(path)
                }
            }
        }
    }

    /// Whether a change to a file of this name can change the site.
    static func matters(_ name: String) -> Bool {
        guard !name.hasPrefix("."), let dot = name.lastIndex(of: ".") else { return false }
        return watchedExtensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// Watches every folder below the roots that is not watched yet (a folder watched again
    /// keeps its watch).
    private func addWatches() {
        let mask = UInt32(
            IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)
        var pending = roots
        while let folder = pending.popLast() {
            var status = stat()
            guard lstat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { continue }
            let watch = inotify_add_watch(descriptor, folder, mask | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW))
            if watch >= 0 { folders[watch] = folder }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                pending.append(folder + "/" + name)
            }
        }
    }
}

/// The watcher could not start.
public struct WatchError: LocalizedError {
    public let message: String
    init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
}
