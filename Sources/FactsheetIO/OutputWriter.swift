import Dispatch
import FactsheetSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why the command will not build into the output folder it was given; nothing was touched.
public struct OutputRefusal: LocalizedError, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
}

/// The output folder a build may replace, checked before anything is written.
///
/// Refused: a path that is a file (or a link to one); the input or templates folder, a folder
/// inside either or one containing either; a folder that holds files and was not made by
/// `factsheet` (no manifest of ours), unless `force`.
public struct OutputTarget: Sendable {
    /// The path as the user gave it, for messages.
    public let requested: String
    /// Absolute, with every symbolic link of the part that exists resolved: the folder the
    /// build replaces (a link to a folder is followed, never replaced by a folder).
    public let path: String
    /// Relative paths listed in the manifest of the folder's previous build: files `factsheet`
    /// made, which a new build may replace or remove. Empty when there was none.
    public var madeByUs: Set<String> { previous?.paths ?? [] }
    /// The folder's previous build, as its manifest describes it; nil when it has none.
    public let previous: PreviousOutput?
    /// The folder exists, holds files and has no manifest of ours; only allowed with `force`.
    public let foreign: Bool
    /// Files the build did not make may be overwritten by files of the same path.
    public let force: Bool

    /// Checks `output` against the input and templates folders; throws without touching anything.
    public init(_ output: String, input: String, templates: String, force: Bool) throws(OutputRefusal) {
        guard !output.isEmpty else { throw OutputRefusal("--output: expected a folder path, found an empty one") }
        let path = Self.canonical(output)
        for (role, folder) in [("input", input), ("templates", templates)] {
            let other = Self.canonical(folder)
            if path == other {
                throw OutputRefusal("\(output): this is the \(role) folder; the output must be a folder of its own (nothing was written)")
            }
            if Self.folder(other, contains: path) {
                throw OutputRefusal(
                    "\(output): this is inside the \(role) folder \(folder)/; the output must be a folder of its own (nothing was written)")
            }
            if Self.folder(path, contains: other) {
                throw OutputRefusal(
                    "\(output): this folder holds the \(role) folder \(folder)/, which a build would replace; choose a folder of its own (nothing was written)"
                )
            }
        }
        try self.init(canonical: path, requested: output, force: force)
    }

    /// Looks at what is at `path` (already canonical) now.
    private init(canonical path: String, requested output: String, force: Bool) throws(OutputRefusal) {
        requested = output
        self.path = path
        self.force = force
        var status = stat()
        guard stat(path, &status) == 0 else {
            if lstat(path, &status) == 0 {
                throw OutputRefusal("\(output): a symbolic link to nothing; expected a folder (nothing was written)")
            }
            previous = nil
            foreign = false
            return
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw OutputRefusal("\(output): this is a file, not a folder; give --output a folder (nothing was written)")
        }
        let names = FileTree.names(in: path)
        if let listed = PreviousOutput(folder: path) {
            previous = listed
            foreign = false
        } else {
            previous = nil
            foreign = !names.isEmpty
            if foreign && !force {
                let sample = names.sorted().prefix(3).joined(separator: ", ")
                throw OutputRefusal(
                    "\(output): this folder holds files that factsheet did not make (\(sample)\(names.count > 3 ? ", …" : "")) and no manifest.json of ours; "
                        + "give an empty or new folder, or add --force to build into it (its files are kept) (nothing was written)")
            }
        }
    }

    /// The same target as it is now: another build may have changed the folder since the check.
    func again() throws(OutputRefusal) -> OutputTarget {
        try OutputTarget(canonical: path, requested: requested, force: force)
    }

    /// Whether `inner` lies below `outer` (both canonical).
    public static func folder(_ outer: String, contains inner: String) -> Bool {
        outer == "/" || inner.hasPrefix(outer + "/")
    }

    /// `path` made absolute, `.` and `..` folded, symbolic links resolved as far as the path exists.
    public static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [String] = []
        for part in absolute.split(separator: "/") where part != "." {
            parts.append(String(part))
        }
        // The longest prefix that exists, resolved by the kernel; the rest folded by hand.
        for count in stride(from: parts.count, through: 0, by: -1) {
            let prefix = "/" + parts[..<count].joined(separator: "/")
            guard let resolved = realpath(prefix, nil) else { continue }
            defer { free(resolved) }
            var result = String(cString: resolved).split(separator: "/").map(String.init)
            for part in parts[count...] {
                if part == ".." {
                    if !result.isEmpty { result.removeLast() }
                } else {
                    result.append(part)
                }
            }
            return "/" + result.joined(separator: "/")
        }
        return absolute
    }
}

/// What replacing the output did besides writing the build.
public struct OutputReport: Sendable {
    /// Files in the folder that the build did not make, carried over as they were.
    public var kept: [String] = []
    /// Files an earlier build made that this one does not (a municipality that left the
    /// register, PDFs of an earlier `--pdf` build): removed with the rest of the old output.
    public var removed: [String] = []
    /// Files the build did not make that it replaced, allowed by `force`.
    public var overwritten: [String] = []
}

/// Writes a build into a staging folder beside the output and swaps it in only when complete,
/// so a failed, interrupted or concurrent build never leaves a half-written output folder.
///
/// The swap is one `renameat2(RENAME_EXCHANGE)` call where the kernel offers it (Linux ≥ 3.15),
/// otherwise two renames. Builds into the same parent folder take turns through an `flock` on
/// that folder itself, so no lock file is left anywhere. The staging folder is removed when the
/// build fails or the process is interrupted (SIGINT, SIGTERM, SIGHUP); one left by a process
/// killed outright (SIGKILL) is removed by the next build beside it.
public struct OutputWriter {
    let target: OutputTarget
    let files = FileManager.default

    public init(target: OutputTarget) {
        self.target = target
    }

    /// The staging folder this process builds in, beside the output: a message that names a file
    /// in it names the same file of the output with `shownAs`.
    public var stagingPath: String {
        let output = URL(fileURLWithPath: target.path)
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())").path
    }

    /// `message` with the staging folder's path written as the output's, as the user named it.
    public func shownAs(_ message: String) -> String {
        message.replacingOccurrences(of: stagingPath, with: shownName)
    }

    /// The output folder as the user named it, without a trailing `/`, for messages.
    private var shownName: String {
        target.requested.hasSuffix("/") ? String(target.requested.dropLast()) : target.requested
    }

    /// Replaces the output folder with what `build` writes into the staging folder it is given,
    /// through the sink it is given: one that links the files of the previous build that stay the same.
    ///
    /// If `build` throws, the staging folder is removed and the output is left as it was. Files in
    /// the output that no build of ours made are carried over; one the build would write over is
    /// an ``OutputRefusal`` unless the target allows `force`.
    public func replace(building build: (URL, DirectorySink) async throws -> Void) async throws -> OutputReport {
        let target = URL(fileURLWithPath: self.target.path)
        let parent = target.deletingLastPathComponent()
        try FileSystem.makeFolders(parent.path)
        let name = target.lastPathComponent
        let lock = try FolderLock(path: parent.path)
        defer { lock.unlock() }
        removeAbandonedStaging(in: parent, name: name)
        // Checked again under the lock: another build may have changed the folder meanwhile.
        let current = try self.target.again()

        let staging = URL(fileURLWithPath: stagingPath)
        // Before the folder exists, so that no moment is left where an interruption leaves it.
        Interruption.shared.clean(staging.path)
        FileTree.remove(staging.path)
        guard mkdir(staging.path, 0o755) == 0 else {
            throw FileError.system(parent.path, "written (a staging folder for the build could not be made in it)", code: errno)
        }
        defer {
            FileTree.remove(staging.path)
            Interruption.shared.clean(nil)
        }
        let shown = shownName
        try await build(staging, DirectorySink(folder: staging, previous: current.previous, shownAs: shown))
        var report = OutputReport()
        if files.fileExists(atPath: target.path) {
            let built = Set(FileTree.files(in: staging.path))
            var conflicts: [String] = []
            let madeByUs = current.madeByUs
            for path in FileTree.files(in: target.path).sorted() {
                if madeByUs.contains(path) {
                    if !built.contains(path) { report.removed.append(path) }
                } else if built.contains(path) {
                    conflicts.append(path)
                } else {
                    try carry(target.appendingPathComponent(path), to: staging.appendingPathComponent(path), shown: shown + "/" + path)
                    report.kept.append(path)
                }
            }
            if !conflicts.isEmpty && !current.force {
                let sample = conflicts.prefix(3).joined(separator: ", ")
                throw OutputRefusal(
                    "\(self.target.requested): the build would overwrite \(conflicts.count) file\(conflicts.count == 1 ? "" : "s") that factsheet did not make "
                        + "(\(sample)\(conflicts.count > 3 ? ", …" : "")); move \(conflicts.count == 1 ? "it" : "them") away or add --force (nothing was written)"
                )
            }
            report.overwritten = conflicts
            try Interruption.shared.uninterrupted { try exchange(staging, target, shown: shown) }
            // The staging folder now holds the previous output; the deferred removal deletes it.
        } else {
            try FileSystem.rename(staging.path, to: target.path, shown: shown)
        }
        return report
    }

    /// Puts a file of the old output into the new one: a hard link (no copy of the bytes, and a
    /// symbolic link stays a link), or a copy where the file system cannot link.
    private func carry(_ source: URL, to destination: URL, shown: String) throws {
        try FileSystem.makeFolders(destination.deletingLastPathComponent().path, shown: (shown as NSString).deletingLastPathComponent)
        if linkat(AT_FDCWD, source.path, AT_FDCWD, destination.path, 0) == 0 { return }
        do {
            try files.copyItem(at: source, to: destination)
        } catch {
            throw FileError.describing(error, path: shown, action: "carried over into the new output")
        }
    }

    /// Swaps two folders atomically where the kernel can; otherwise with two renames.
    private func exchange(_ a: URL, _ b: URL, shown: String) throws {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        let renameExchange: UInt32 = 1 << 1
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") {
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            if renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0 { return }
        }
        let aside = a.deletingLastPathComponent().appendingPathComponent(a.lastPathComponent + ".swap")
        try FileSystem.rename(b.path, to: aside.path, shown: shown)
        do {
            try FileSystem.rename(a.path, to: b.path, shown: shown)
        } catch {
            _ = Glibc.rename(aside.path, b.path)
            throw error
        }
        try FileSystem.rename(aside.path, to: a.path, shown: shown)
    }

    /// Removes staging folders left by builds that were killed (their process no longer runs).
    private func removeAbandonedStaging(in parent: URL, name: String) {
        let prefix = ".\(name).staging-"
        for entry in FileTree.names(in: parent.path) where entry.hasPrefix(prefix) {
            let pid = Int32(entry.dropFirst(prefix.count).prefix { $0.isNumber }) ?? 0
            if pid > 0 && kill(pid, 0) == 0 && pid != getpid() { continue }
            FileTree.remove(parent.appendingPathComponent(entry).path)
        }
    }
}

/// An exclusive `flock` on a folder itself (no lock file), held until ``unlock()`` or process exit.
struct FolderLock {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileError("\(path): could not be opened to take turns with other builds: \(FileError.reason(errno))")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw FileError("\(path): could not be locked to take turns with other builds: \(FileError.reason(errno))")
            }
        }
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
