import Foundation
import Yams

/// The next year's edition made from this year's: the configuration moved on, the register,
/// census and logo copied as they are, the monitoring files of the years it still names
/// copied, and one empty monitoring file per new year, a row per municipality of the register,
/// to fill in.
public struct NextEdition: Sendable {
    /// How the new monitoring files are written.
    public enum Format: String, Sendable, CaseIterable {
        case csv, xlsx
    }

    /// One file of the new edition folder.
    public struct File: Sendable, Hashable {
        /// Relative path with `/` separators (`monitoring/2018.xlsx`).
        public var path: String
        public var bytes: [UInt8]
    }

    /// The new edition's files, `factsheet.yaml` first.
    public let files: [File]
    /// The years given new, empty monitoring files.
    public let newYears: [Int]
    /// The years of the old edition that the new one no longer names (their files are not copied).
    public let droppedYears: [Int]
    /// Warnings about the old edition that did not stop the new one.
    public let warnings: [Diagnostic]

    /// Makes the edition after the one in `sources`, ending with `year` (by default the year after
    /// its last); new monitoring files in `format` (by default the format of its last monitoring file).
    public init(from sources: EditionSources, year: Int? = nil, format: Format? = nil) throws(DiagnosticsError) {
        var log = DiagnosticLog()
        guard let configurationFile = sources.configuration else {
            log.error(
                .missingFile(expected: "\(sources.folder)/factsheet.yaml"), at: SourceLocation(file: "\(sources.folder)/factsheet.yaml"))
            throw DiagnosticsError(log.diagnostics)
        }
        let configuration = ConfigurationLoader(source: configurationFile, assets: sources.assets).load(log: &log)
        let noTables = ParsedTables(
            EditionSources(folder: sources.folder, configuration: nil, municipalities: nil, census: nil, monitoring: []))
        var register: [Municipality]?
        if let file = sources.municipalities {
            register = DatasetLoader().loadRegister(file, languages: configuration?.languages ?? [], tables: noTables, log: &log)
        } else {
            log.error(
                .missingFile(expected: "\(sources.folder)/municipalities.csv or municipalities.xlsx"),
                at: SourceLocation(file: "\(sources.folder)/municipalities.csv"))
        }
        if sources.census == nil {
            log.error(
                .missingFile(expected: "\(sources.folder)/census.csv or census.xlsx"),
                at: SourceLocation(file: "\(sources.folder)/census.csv"))
        }
        try log.throwIfErrors()
        guard let configuration, let register, let census = sources.census, let municipalities = sources.municipalities,
            let last = configuration.monitoredYears.last
        else { throw DiagnosticsError(log.diagnostics) }

        let target = year ?? last + 1
        guard target > last else {
            log.error(.nextEditionYear(found: target, last: last), at: SourceLocation(file: configurationFile.path))
            throw DiagnosticsError(log.diagnostics)
        }
        let offset = target - last
        let years = configuration.establishmentYears.map { $0 + offset }
        let periods = configuration.periods.map { period in
            let year = period.year + offset
            // A year the old edition already reported on keeps its months and note; a new year runs January–December.
            return configuration.periods.first { $0.year == year } ?? Period(year: year)
        }
        var monitoringByYear: [Int: SourceFile] = [:]
        for file in sources.monitoring.sorted(by: { $0.path < $1.path }) {
            if let year = Int(file.tableStem), monitoringByYear[year] == nil { monitoringByYear[year] = file }
        }
        let newYears = Array(Set(years + periods.map(\.year))).sorted()
        let format = format ?? (monitoringByYear[last]?.isWorkbook == true ? .xlsx : .csv)

        var files: [File] = []
        let text: String
        do {
            text = try Self.configurationText(
                configurationFile, edition: String(target), years: years, periods: periods,
                newYears: newYears.filter { monitoringByYear[$0] == nil },
                format: format)
        } catch {
            log.error(.yamlSyntax("\(error)"), at: SourceLocation(file: configurationFile.path))
            throw DiagnosticsError(log.diagnostics)
        }
        files.append(File(path: "factsheet.yaml", bytes: Array(text.utf8)))
        files.append(File(path: municipalities.fileName, bytes: municipalities.bytes))
        files.append(File(path: census.fileName, bytes: census.bytes))
        if let logo = configuration.logo, let file = sources.assets[logo.fileName] {
            files.append(File(path: file.fileName, bytes: file.bytes))
        }
        var added: [Int] = []
        for year in newYears {
            if let old = monitoringByYear[year] {
                files.append(File(path: "monitoring/" + old.fileName, bytes: old.bytes))
                continue
            }
            added.append(year)
            let rows = [MonitoringColumn.allCases.map(\.name)] + register.map { Self.blankRow(code: $0.code) }
            switch format {
            case .csv:
                let csv = rows.map { $0.joined(separator: ",") + "\n" }.joined()
                files.append(File(path: "monitoring/\(year).csv", bytes: Array(csv.utf8)))
            case .xlsx:
                do {
                    files.append(
                        File(path: "monitoring/\(year).xlsx", bytes: try WorkbookWriter(sheetName: String(year)).workbook(rows: rows)))
                } catch {
                    log.error(
                        .writeFailed("the workbook could not be put together in memory"),
                        at: SourceLocation(file: "monitoring/\(year).xlsx"))
                    throw DiagnosticsError(log.diagnostics)
                }
            }
        }
        self.files = files
        self.newYears = added
        self.droppedYears = configuration.monitoredYears.filter { !newYears.contains($0) }
        self.warnings = log.warnings
    }

    /// A new year's row to fill in: the municipality's code, every other cell empty.
    static func blankRow(code: String) -> [String] {
        MonitoringColumn.allCases.map { column in
            switch column {
            case .municipality: code
            case .mcsc, .womenRepresentatives, .compensation, .communitiesRepresented, .meetings, .meetingsSecurity, .workPlan: ""
            }
        }
    }

    /// The old `factsheet.yaml` with `edition`, `establishment.years` and `performance.periods`
    /// moved on and `published` taken out; every other setting kept as it was (comments are not).
    static func configurationText(
        _ source: SourceFile, edition: String, years: [Int], periods: [Period], newYears: [Int], format: Format
    ) throws -> String {
        let text = String(decoding: source.bytes, as: UTF8.self)
        guard var root = try Yams.compose(yaml: text)?.mapping else { throw WorkbookWriterError() }
        func number(_ value: Int) -> Node { Node(String(value), Tag(.int)) }
        root["edition"] = Node(edition, Tag(.str), .doubleQuoted)
        root["published"] = nil
        if var establishment = root["establishment"]?.mapping {
            establishment["years"] = .sequence(Node.Sequence(years.map(number), Tag(.seq), .flow))
            root["establishment"] = .mapping(establishment)
        }
        if var performance = root["performance"]?.mapping {
            // A period the old edition had is kept as it was written (months, note and all).
            let written = performance["periods"]?.sequence.map(Array.init) ?? []
            let list = periods.map { period -> Node in
                if let old = written.first(where: { $0.mapping?["year"]?.int == period.year }) { return old }
                let pairs: [(Node, Node)] = [
                    (Node("year"), number(period.year)), (Node("first_month"), number(period.firstMonth)),
                    (Node("last_month"), number(period.lastMonth)),
                ]
                return .mapping(Node.Mapping(pairs, Tag(.map), .flow))
            }
            performance["periods"] = .sequence(Node.Sequence(list, Tag(.seq), .block))
            root["performance"] = .mapping(performance)
        }
        let body = try Yams.serialize(node: .mapping(root), allowUnicode: true)
        let files = newYears.map { "monitoring/\($0).\(format.rawValue)" }.joined(separator: ", ")
        let header = """
            # Made by `factsheet new-edition` from \(source.path). Before building, check:
            # - edition and data_status; `published` was taken out: add it when the edition is published;
            # - establishment.years and performance.periods: a new year's period runs January–December
            #   (shorten last_month if the monitoring covered less, and add a note per language if it needs one);
            # - fill in \(files.isEmpty ? "the monitoring files" : files): one row per municipality,
            #   its cells empty; `factsheet check` names every cell still to fill in.

            """
        return header + body
    }
}
