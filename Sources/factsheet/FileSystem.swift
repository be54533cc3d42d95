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

    func replace(with built: [BuiltFile]) throws {
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
            if files.fileExists(atPath: target.path) {
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
        } catch {
            try? files.removeItem(at: staging)
            throw error
        }
    }
}
