import FactsheetCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads an edition folder and a templates folder into the core's source values.
public struct InputReader {
    let files = FileManager.default

    public init() {}

    public func edition(at folder: String) throws -> EditionSources {
        guard isDirectory(folder) else {
            throw ReadError("input folder '\(folder)' not found; expected factsheet.yaml, municipalities.csv, census.csv and monitoring/ (or .xlsx workbooks)")
        }
        let monitoringFolder = folder + "/monitoring"
        let names = (try? files.contentsOfDirectory(atPath: monitoringFolder)) ?? []
        let monitoring = try names.filter { $0.lowercased().hasSuffix(".csv") || $0.lowercased().hasSuffix(".xlsx") }.sorted()
            .compactMap { try read(monitoringFolder + "/" + $0) }
        var conflicting: [SourceFile] = []
        let municipalities = try table(folder + "/municipalities", conflicting: &conflicting)
        let census = try table(folder + "/census", conflicting: &conflicting)
        return EditionSources(
            folder: folder, configuration: try read(folder + "/factsheet.yaml"), municipalities: municipalities,
            census: census, monitoring: monitoring, conflicting: conflicting)
    }

    /// `STEM.csv`, else `STEM.xlsx`; a workbook beside a CSV file is added to `conflicting`.
    private func table(_ stem: String, conflicting: inout [SourceFile]) throws -> SourceFile? {
        let csv = try read(stem + ".csv")
        guard let workbook = try read(stem + ".xlsx") else { return csv }
        guard let csv else { return workbook }
        conflicting.append(workbook)
        return csv
    }

    public func templates(at folder: String) throws -> TemplateSources {
        guard isDirectory(folder) else {
            throw ReadError("templates folder '\(folder)' not found; expected sq/\(SheetKind.national.fileName) and en/\(SheetKind.national.fileName)")
        }
        var files: [SheetKind: [Language: SourceFile]] = [:]
        for kind in SheetKind.allCases {
            for language in Language.allCases {
                files[kind, default: [:]][language] = try read("\(folder)/\(language.rawValue)/\(kind.fileName)")
            }
        }
        return TemplateSources(folder: folder, files: files)
    }

    /// The file's bytes, or nil when it does not exist.
    private func read(_ path: String) throws -> SourceFile? {
        guard files.fileExists(atPath: path) else { return nil }
        guard let data = files.contents(atPath: path) else { throw ReadError("\(path): cannot be read") }
        return SourceFile(path: path, bytes: Array(data))
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return files.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// A file-system problem, with a message for the user.
public struct ReadError: LocalizedError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
}

/// Writes a build into a staging folder beside the output and swaps it in only when complete,
/// so a failed, interrupted or concurrent build never leaves a half-written output folder.
///
/// The swap is one `renameat2(RENAME_EXCHANGE)` call where the kernel offers it (Linux ≥ 3.15),
/// otherwise two renames; a lock file beside the output serialises builds that run at once.
public struct OutputWriter {
    let folder: String
    let files = FileManager.default

    public init(folder: String) {
        self.folder = folder
    }

    /// Replaces the output folder with what `build` writes into the staging folder it is given.
    ///
    /// If `build` throws, the staging folder is removed and the output is left as it was. Files
    /// already in the output that the build did not make are carried over, not deleted; their
    /// relative paths are returned so the caller can say so.
    @discardableResult
    public func replace(building build: (URL) async throws -> Void) async throws -> [String] {
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try files.createDirectory(at: parent, withIntermediateDirectories: true)
        let name = target.lastPathComponent
        let lock = try FileLock(path: parent.appendingPathComponent(".\(name).lock").path)
        defer { lock.unlock() }
        removeAbandonedStaging(in: parent, name: name)

        let staging = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        FileTree.remove(staging.path)
        try files.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            try await build(staging)
            var kept: [String] = []
            if files.fileExists(atPath: target.path) {
                let built = Set(FileTree.files(in: staging.path))
                for path in FileTree.files(in: target.path).sorted() where !built.contains(path) {
                    let destination = staging.appendingPathComponent(path)
                    try files.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try files.copyItem(at: target.appendingPathComponent(path), to: destination)
                    kept.append(path)
                }
                try exchange(staging, target)
                // The staging folder now holds the previous output.
                FileTree.remove(staging.path)
            } else {
                try files.moveItem(at: staging, to: target)
            }
            return kept
        } catch {
            FileTree.remove(staging.path)
            throw error
        }
    }

    /// Swaps two folders atomically where the kernel can; otherwise with two renames.
    private func exchange(_ a: URL, _ b: URL) throws {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        let renameExchange: UInt32 = 1 << 1
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") {
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            if renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0 { return }
        }
        let aside = a.deletingLastPathComponent().appendingPathComponent(a.lastPathComponent + ".swap")
        try files.moveItem(at: b, to: aside)
        do {
            try files.moveItem(at: a, to: b)
        } catch {
            try? files.moveItem(at: aside, to: b)
            throw error
        }
        try files.moveItem(at: aside, to: a)
    }

    /// Removes staging folders left by builds that were killed (their process no longer runs).
    private func removeAbandonedStaging(in parent: URL, name: String) {
        let prefix = ".\(name).staging-"
        for entry in (try? files.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            let pid = Int32(entry.dropFirst(prefix.count).prefix { $0.isNumber }) ?? 0
            if pid > 0 && kill(pid, 0) == 0 && pid != getpid() { continue }
            FileTree.remove(parent.appendingPathComponent(entry).path)
        }
    }
}

/// Walks and removes folder trees with POSIX calls: an output folder holds tens of thousands of
/// files, and FileManager's enumerator and `removeItem` take several times longer on them.
enum FileTree {
    /// Relative paths of everything below `folder` that is not a folder (symbolic links are not
    /// followed), in no particular order; empty when `folder` cannot be read.
    static func files(in folder: String) -> [String] {
        var result: [String] = []
        walk(folder, prefix: "", into: &result)
        return result
    }

    private static func walk(_ folder: String, prefix: String, into result: inout [String]) {
        for (name, isFolder) in entries(of: folder) {
            if isFolder {
                walk(folder + "/" + name, prefix: prefix + name + "/", into: &result)
            } else {
                result.append(prefix + name)
            }
        }
    }

    /// The entries of `folder` (not `.` and `..`), each with whether it is a folder.
    private static func entries(of folder: String) -> [(String, Bool)] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var result: [(String, Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var status = stat()
                isFolder = lstat(folder + "/" + name, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            }
            result.append((name, isFolder))
        }
        return result
    }

    /// Deletes `path` and everything below it, the folders at its top level side by side;
    /// what cannot be deleted stays.
    static func remove(_ path: String) {
        let top = entries(of: path)
        DispatchQueue.concurrentPerform(iterations: top.count) { index in
            let (name, isFolder) = top[index]
            if isFolder { removeTree(path + "/" + name) } else { unlink(path + "/" + name) }
        }
        if rmdir(path) != 0 && errno == ENOTDIR { unlink(path) }
    }

    private static func removeTree(_ folder: String) {
        let list = entries(of: folder)
        // Files are unlinked relative to their open folder, which spares the kernel walking
        // the whole path again for each of them.
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        for (name, isFolder) in list {
            if isFolder {
                removeTree(folder + "/" + name)
            } else if descriptor >= 0 {
                unlinkat(descriptor, name, 0)
            } else {
                unlink(folder + "/" + name)
            }
        }
        if descriptor >= 0 { close(descriptor) }
        rmdir(folder)
    }
}

/// An exclusive `flock` on a file, held until ``unlock()`` or process exit.
struct FileLock {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ReadError("\(path): cannot create the lock file (\(String(cString: strerror(errno))))") }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw ReadError("\(path): cannot lock (\(String(cString: strerror(errno))))") }
        }
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Writes each file into a folder as soon as the build makes it, from any thread.
///
/// Plain POSIX `open`/`write`: the build writes thousands of small files, and Foundation's
/// `Data.write` costs several times more per file.
public final class DirectorySink: BuildSink, @unchecked Sendable {
    let folder: URL
    private let folderPath: String
    private let lock = NSLock()
    /// Open descriptors of the folders made so far, by path.
    private var folders: [String: Int32] = [:]

    public init(folder: URL) {
        self.folder = folder
        self.folderPath = folder.path
    }

    deinit {
        for descriptor in folders.values { close(descriptor) }
    }

    public func write(_ file: BuiltFile) throws {
        let path = folderPath + "/" + file.path
        let slash = path.lastIndex(of: "/") ?? path.startIndex
        let directory = String(path[..<slash])
        let name = String(path[path.index(after: slash)...])
        // Each folder is made and opened once; files are created relative to it, which spares
        // the kernel walking the whole path for each of thousands of files.
        var folderDescriptor = lock.withLock { folders[directory] }
        if folderDescriptor == nil {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let opened = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard opened >= 0 else { throw ReadError("\(directory): cannot be opened (\(String(cString: strerror(errno))))") }
            folderDescriptor = lock.withLock {
                if let existing = folders[directory] {
                    close(opened)
                    return existing
                }
                folders[directory] = opened
                return opened
            }
        }
        let descriptor = openat(folderDescriptor ?? AT_FDCWD, name, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ReadError("\(path): cannot be written (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        try file.bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ReadError("\(path): cannot be written (\(String(cString: strerror(errno))))")
                }
                offset += written
            }
        }
    }
}

/// Drops every file: `factsheet check` renders everything and writes nothing.
public struct DiscardingSink: BuildSink {
    public init() {}
    public func write(_ file: BuiltFile) throws {}
}

/// Finds programs on the PATH (Chromium for PDFs; cmark-gfm and Hugo for the benchmark).
public enum Executable {
    /// The first of `names` found in a PATH folder, as a full path, or nil.
    public static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in names {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}
