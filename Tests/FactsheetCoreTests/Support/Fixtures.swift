import FactsheetCore
import Foundation

/// Reads test editions and templates from `Tests/FactsheetCoreTests/Fixtures` and the repository.
enum Fixtures {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let fixturesFolder = testsFolder.appendingPathComponent("Fixtures")
    static let repositoryFolder = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    static func file(_ url: URL, as path: String) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return SourceFile(path: path, bytes: Array(data))
    }

    /// A fixture edition (`small`, `other`) or, with `repository: true`, the shipped `input/`.
    static func edition(_ name: String, repository: Bool = false) -> EditionSources {
        let folder = repository ? repositoryFolder.appendingPathComponent(name) : fixturesFolder.appendingPathComponent(name)
        let monitoringFolder = folder.appendingPathComponent("monitoring")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: monitoringFolder.path)) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
        return EditionSources(
            folder: name,
            configuration: file(folder.appendingPathComponent("factsheet.yaml"), as: "\(name)/factsheet.yaml"),
            municipalities: file(folder.appendingPathComponent("municipalities.csv"), as: "\(name)/municipalities.csv"),
            census: file(folder.appendingPathComponent("census.csv"), as: "\(name)/census.csv"),
            monitoring: names.compactMap { file(monitoringFolder.appendingPathComponent($0), as: "\(name)/monitoring/\($0)") })
    }

    /// The fixture templates or, with `repository: true`, the shipped `Templates/`.
    static func templates(repository: Bool = false) -> TemplateSources {
        let folder = repository ? repositoryFolder.appendingPathComponent("Templates") : fixturesFolder.appendingPathComponent("templates")
        let name = repository ? "Templates" : "templates"
        var files: [SheetKind: [Language: SourceFile]] = [:]
        for kind in SheetKind.allCases {
            for language in Language.allCases {
                let path = "\(language.rawValue)/\(kind.fileName)"
                files[kind, default: [:]][language] = file(folder.appendingPathComponent(path), as: "\(name)/\(path)")
            }
        }
        return TemplateSources(folder: name, files: files)
    }

    static func dataset(_ name: String) throws -> Dataset {
        try DatasetLoader().load(edition(name)).0
    }

    /// Replaces one file of an edition with `text`, for tests of bad input.
    static func edition(_ name: String, replacing path: String, with text: String) -> EditionSources {
        var sources = edition(name)
        let file = SourceFile(path: "\(name)/\(path)", text: text)
        switch path {
        case "factsheet.yaml": sources.configuration = file
        case "municipalities.csv": sources.municipalities = file
        case "census.csv": sources.census = file
        default:
            sources.monitoring.removeAll { $0.path == file.path }
            sources.monitoring.append(file)
        }
        return sources
    }

    /// The text of a monitoring file of the `small` edition.
    static func text(_ name: String, _ path: String) -> String {
        let data = FileManager.default.contents(atPath: fixturesFolder.appendingPathComponent("\(name)/\(path)").path) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

extension DiagnosticsError {
    /// Each diagnostic as the CLI prints it.
    var lines: [String] { diagnostics.map(\.description) }
}
