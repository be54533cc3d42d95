import Foundation

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

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
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: monitoringFolder.path)) ?? []).filter { $0.hasSuffix(".csv") }
            .sorted()
        return EditionSources(
            folder: name,
            configuration: file(folder.appendingPathComponent("factsheet.yaml"), as: "\(name)/factsheet.yaml"),
            municipalities: file(folder.appendingPathComponent("municipalities.csv"), as: "\(name)/municipalities.csv"),
            census: file(folder.appendingPathComponent("census.csv"), as: "\(name)/census.csv"),
            monitoring: names.compactMap { file(monitoringFolder.appendingPathComponent($0), as: "\(name)/monitoring/\($0)") })
    }

    /// The fixture templates or, with `repository: true`, the shipped `Templates/`: every
    /// language folder with its strings file and sheet templates.
    static func templates(repository: Bool = false) -> TemplateSources {
        let folder = repository ? repositoryFolder.appendingPathComponent("Templates") : fixturesFolder.appendingPathComponent("templates")
        let name = repository ? "Templates" : "templates"
        var languages: [String: LanguageSources] = [:]
        for key in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(key).path, isDirectory: &isFolder),
                isFolder.boolValue
            else { continue }
            var sheets: [SheetKind: SourceFile] = [:]
            for kind in SheetKind.allCases {
                sheets[kind] = file(folder.appendingPathComponent("\(key)/\(kind.fileName)"), as: "\(name)/\(key)/\(kind.fileName)")
            }
            let strings = file(folder.appendingPathComponent("\(key)/strings.yaml"), as: "\(name)/\(key)/strings.yaml")
            languages[key] = LanguageSources(strings: strings, sheets: sheets)
        }
        // The data package's words are the shipped file's in both folders (the fixtures keep no copy).
        let words = file(repositoryFolder.appendingPathComponent("Templates/datapackage.yaml"), as: "\(name)/datapackage.yaml")
        return TemplateSources(folder: name, languages: languages, dataPackage: words)
    }

    /// The shipped `Templates/datapackage.yaml`, loaded.
    static let dataPackageWords: DataPackageWords = {
        var log = DiagnosticLog()
        let source = file(repositoryFolder.appendingPathComponent("Templates/datapackage.yaml"), as: "Templates/datapackage.yaml")
        return DataPackageWords.load(source!, log: &log)!
    }()

    /// The languages the repository ships, in the sample edition's order.
    static let shippedLanguages = ["sq", "sr", "en"]

    /// A shipped language's format and words, from `Templates/<key>/strings.yaml`.
    static func format(_ key: String) -> LanguageFormat {
        var log = DiagnosticLog()
        let path = repositoryFolder.appendingPathComponent("Templates/\(key)/strings.yaml")
        guard let source = file(path, as: "Templates/\(key)/strings.yaml"),
            let strings = LanguageStringsLoader(source: source, language: Language(key)).load(log: &log)
        else {
            preconditionFailure("Templates/\(key)/strings.yaml does not load: \(log.diagnostics)")
        }
        return LanguageFormat(Language(key), strings: strings)
    }

    static let sq = format("sq")
    static let sr = format("sr")
    static let en = format("en")

    static func dataset(_ name: String, repository: Bool = false) throws -> Dataset {
        try DatasetLoader().load(edition(name, repository: repository)).0
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
