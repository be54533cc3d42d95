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

    /// Every language folder below `folder` with its strings file and sheet templates; which
    /// of them an edition publishes is for its configuration to say.
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
        return TemplateSources(folder: folder, languages: languages)
    }

    /// The file's bytes, or nil when it does not exist.
    private func read(_ path: String) throws -> SourceFile? {
        guard files.fileExists(atPath: path) else { return nil }
        guard let data = files.contents(atPath: path) else { throw FileError("\(path): cannot be read") }
        return SourceFile(path: path, bytes: Array(data))
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return files.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
