import FactsheetInput
import FactsheetPresentation
import FactsheetSite
import FactsheetSupport
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
            throw FileError(
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
        var assets: [String: SourceFile] = [:]
        for name in FileTree.names(in: folder).sorted()
        where !name.hasPrefix(".") && name.lowercased().hasSuffix(".svg") && !isDirectory(folder + "/" + name) {
            assets[name] = try read(folder + "/" + name)
        }
        return EditionSources(
            folder: folder, configuration: try read(folder + "/factsheet.yaml"), municipalities: municipalities,
            census: census, monitoring: monitoring, conflicting: conflicting, assets: assets)
    }

    /// `STEM.csv`, else `STEM.xlsx`; a workbook beside a CSV file is added to `conflicting`.
    private func table(_ stem: String, conflicting: inout [SourceFile]) throws -> SourceFile? {
        let csv = try read(stem + ".csv")
        guard let workbook = try read(stem + ".xlsx") else { return csv }
        guard let csv else { return workbook }
        conflicting.append(workbook)
        return csv
    }

    /// Every language folder below `folder` with its strings file and sheet templates (which of
    /// them an edition publishes is for its configuration to say), and the data package's words.
    public func templates(at folder: String) throws -> TemplateSources {
        guard isDirectory(folder) else {
            throw FileError(
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
        return TemplateSources(folder: folder, languages: languages, dataPackage: try read("\(folder)/\(DataPackageWords.fileName)"))
    }

    /// The file's bytes, or nil when nothing has that name. A file that is not read is returned
    /// refused, with the reason, for the build to report at its path with the other problems:
    /// one larger than ``InputLimits`` allow for its kind (checked before reading), a folder,
    /// named pipe, device or socket (never opened, so never waited on), a link to nothing or
    /// round in a loop, or one the system will not let us read.
    private func read(_ path: String) throws -> SourceFile? {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            return SourceFile(path: path, refused: .unreadable(FileError.reason(errno)))
        }
        if (status.st_mode & S_IFMT) == S_IFLNK {
            guard stat(path, &status) == 0 else {
                switch errno {
                case ELOOP: return SourceFile(path: path, refused: .linkLoop)
                case ENOENT: return SourceFile(path: path, refused: .brokenLink)
                default: return SourceFile(path: path, refused: .unreadable(FileError.reason(errno)))
                }
            }
        }
        if let refusal = Self.refusal(status, path: path) { return SourceFile(path: path, refused: refusal) }
        // Not blocking: should the file have become a pipe since, opening it does not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return SourceFile(path: path, refused: .unreadable(FileError.reason(errno))) }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0 else { return SourceFile(path: path, refused: .unreadable(FileError.reason(errno))) }
        if let refusal = Self.refusal(status, path: path) { return SourceFile(path: path, refused: refusal) }
        // One byte more than the limit is asked for, so that a file grown since is still caught.
        let limit = InputLimits.bytes(forFileNamed: path)
        var bytes = [UInt8](repeating: 0, count: min(Int(status.st_size), limit) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBufferPointer { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                return SourceFile(path: path, refused: .unreadable(FileError.reason(errno)))
            }
            if got == 0 { break }
            count += got
        }
        if count > limit { return SourceFile(path: path, refused: .tooLarge(bytes: max(count, Int(status.st_size)), limit: limit)) }
        bytes.removeSubrange(count...)
        return SourceFile(path: path, bytes: bytes)
    }

    /// Why a file with this status is not read, or nil when it may be.
    private static func refusal(_ status: stat, path: String) -> SourceRefusal? {
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            let limit = InputLimits.bytes(forFileNamed: path)
            return Int(status.st_size) > limit ? .tooLarge(bytes: Int(status.st_size), limit: limit) : nil
        case S_IFDIR: return .notAFile("a folder")
        case S_IFIFO: return .notAFile("a named pipe")
        case S_IFCHR: return .notAFile("a device (character special file)")
        case S_IFBLK: return .notAFile("a device (block special file)")
        case S_IFSOCK: return .notAFile("a socket")
        default: return .notAFile("a special file")
        }
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return files.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
