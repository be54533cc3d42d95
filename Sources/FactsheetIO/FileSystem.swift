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
            throw ReadError(
                "input folder '\(folder)' not found; expected factsheet.yaml, municipalities.csv, census.csv and monitoring/ (or .xlsx workbooks)"
            )
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

    /// Every language folder below `folder` with its strings file and sheet templates; which
    /// of them an edition publishes is for its configuration to say.
    public func templates(at folder: String) throws -> TemplateSources {
        guard isDirectory(folder) else {
            throw ReadError(
                "templates folder '\(folder)' not found; expected one folder per language (sq/, en/ …) with \(SheetKind.national.fileName), \(SheetKind.municipality.fileName) and \(LanguageSources.stringsFileName)"
            )
        }
        var languages: [String: LanguageSources] = [:]
        for name in FileTree.names(in: folder).sorted() where !name.hasPrefix(".") && isDirectory("\(folder)/\(name)") {
            var sheets: [SheetKind: SourceFile] = [:]
            for kind in SheetKind.allCases {
                sheets[kind] = try read("\(folder)/\(name)/\(kind.fileName)")
            }
            languages[name] = LanguageSources(strings: try read("\(folder)/\(name)/\(LanguageSources.stringsFileName)"), sheets: sheets)
        }
        return TemplateSources(folder: folder, languages: languages)
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

    /// The names of the entries of `folder` (not `.` and `..`); empty when it cannot be read.
    static func names(in folder: String) -> [String] {
        entries(of: folder).map(\.0)
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
            // Files go into folders opened before; only a new folder could bring back a staging
            // folder that an interruption is removing, so this waits for the process to end.
            guard !Interruption.shared.isStopping else { throw ReadError("\(directory): the build was interrupted") }
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
