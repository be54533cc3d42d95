import FactsheetCore
import Foundation

/// Reads an edition folder and a templates folder into the core's source values.
struct InputReader {
    let files = FileManager.default

    func edition(at folder: String) throws -> EditionSources {
        guard isDirectory(folder) else {
            throw ReadError("input folder '\(folder)' not found; expected factsheet.yaml, municipalities.csv, census.csv and monitoring/")
        }
        let monitoringFolder = folder + "/monitoring"
        let names = (try? files.contentsOfDirectory(atPath: monitoringFolder)) ?? []
        let monitoring = try names.filter { $0.lowercased().hasSuffix(".csv") }.sorted()
            .compactMap { try read(monitoringFolder + "/" + $0) }
        return EditionSources(
            folder: folder, configuration: try read(folder + "/factsheet.yaml"), municipalities: try read(folder + "/municipalities.csv"),
            census: try read(folder + "/census.csv"), monitoring: monitoring)
    }

    func templates(at folder: String) throws -> TemplateSources {
        guard isDirectory(folder) else {
            throw ReadError("templates folder '\(folder)' not found; expected sq/\(TemplateSources.fileName) and en/\(TemplateSources.fileName)")
        }
        var byLanguage: [Language: SourceFile] = [:]
        for language in Language.allCases {
            byLanguage[language] = try read("\(folder)/\(language.rawValue)/\(TemplateSources.fileName)")
        }
        return TemplateSources(folder: folder, byLanguage: byLanguage)
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

struct ReadError: LocalizedError {
    let message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}

/// Writes a build into a staging folder beside the output and swaps it in only when complete,
/// so a failed or interrupted build leaves the previous output as it was.
struct OutputWriter {
    let folder: String
    let files = FileManager.default

    /// Replaces the output folder with `built`.
    ///
    /// Files already in the folder that the build does not make are carried over, not deleted;
    /// their relative paths are returned so the caller can say so.
    @discardableResult
    func replace(with built: [BuiltFile]) throws -> [String] {
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let token = "\(ProcessInfo.processInfo.processIdentifier)"
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).staging-\(token)")
        let previous = parent.appendingPathComponent(".\(target.lastPathComponent).previous-\(token)")
        try? files.removeItem(at: staging)
        try files.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            for file in built {
                let url = staging.appendingPathComponent(file.path)
                try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
            var kept: [String] = []
            if files.fileExists(atPath: target.path) {
                let made = Set(built.map(\.path))
                for path in try existingFiles(in: target) where !made.contains(path) {
                    let destination = staging.appendingPathComponent(path)
                    try files.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try files.copyItem(at: target.appendingPathComponent(path), to: destination)
                    kept.append(path)
                }
                try files.moveItem(at: target, to: previous)
                do {
                    try files.moveItem(at: staging, to: target)
                } catch {
                    try? files.moveItem(at: previous, to: target)
                    throw error
                }
                try? files.removeItem(at: previous)
            } else {
                try files.moveItem(at: staging, to: target)
            }
            return kept
        } catch {
            try? files.removeItem(at: staging)
            throw error
        }
    }

    /// Relative paths of the regular files below `folder`, sorted.
    private func existingFiles(in folder: URL) throws -> [String] {
        guard let enumerator = files.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if files.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted()
    }
}
