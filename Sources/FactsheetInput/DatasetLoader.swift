import Dispatch
import FactsheetSupport
import Foundation

/// The files of one edition as read from an input folder; nil where a file was not found.
public struct EditionSources: Sendable {
    /// Folder name used in messages (`input`).
    public var folder: String
    package var configuration: SourceFile?
    package var municipalities: SourceFile?
    package var census: SourceFile?
    /// Every `*.csv` and `*.xlsx` file in `monitoring/`.
    package var monitoring: [SourceFile]
    /// Workbooks found beside a CSV file of the same name (`census.xlsx` beside `census.csv`): each is an error.
    var conflicting: [SourceFile]
    /// Every SVG file beside `factsheet.yaml`, by file name (`logo.svg`), for `logo:` to name one.
    package var assets: [String: SourceFile]

    public init(
        folder: String, configuration: SourceFile?, municipalities: SourceFile?, census: SourceFile?, monitoring: [SourceFile],
        conflicting: [SourceFile] = [], assets: [String: SourceFile] = [:]
    ) {
        self.folder = folder
        self.configuration = configuration
        self.municipalities = municipalities
        self.census = census
        self.monitoring = monitoring
        self.conflicting = conflicting
        self.assets = assets
    }
}

/// Validates an edition's files into a ``Dataset``, reporting every problem in one run.
public struct DatasetLoader: Sendable {
    /// Upper bound for `women_representatives`: councils have a few dozen members, so a larger
    /// figure is a slip; it also keeps every sum far from overflowing.
    public static let maximumWomenRepresentatives = 1_000
    /// Upper bound for a census population (Kosovo has fewer than two million people).
    public static let maximumPopulation = 10_000_000

    public init() {}

    /// The validated dataset and its warnings, or every error and warning found.
    public func load(_ sources: EditionSources) throws(DiagnosticsError) -> (Dataset, [Diagnostic]) {
        var log = DiagnosticLog()
        let tables = ParsedTables(sources)
        for file in sources.conflicting {
            log.error(.csvAndWorkbook(kept: file.tableStem + ".csv", other: file.fileName), at: SourceLocation(file: file.path))
        }
        let configuration = required(sources.configuration, "factsheet.yaml", in: sources, log: &log)
            .flatMap { ConfigurationLoader(source: $0, assets: sources.assets).load(log: &log) }
        let register = required(sources.municipalities, "municipalities.csv", in: sources, log: &log)
            .flatMap { loadRegister($0, languages: configuration?.languages ?? [], tables: tables, log: &log) }
        let codes = register?.map(\.code) ?? []
        // The census and each year's monitoring file are checked side by side, on every core;
        // messages keep the order of the files: census first, then the years.
        let censusFile = required(sources.census, "census.csv", in: sources, log: &log)

        var monitoring: [Int: [String: MonitoringRecord]] = [:]
        var filesByYear: [Int: SourceFile] = [:]
        for file in sources.monitoring.sorted(by: { $0.path < $1.path }) {
            guard let year = Int(file.tableStem), (1900...2999).contains(year) else {
                log.warning(.monitoringFileName(found: file.fileName), at: SourceLocation(file: file.path))
                continue
            }
            if let kept = filesByYear[year] {
                log.error(
                    .csvAndWorkbook(kept: "monitoring/" + kept.fileName, other: "monitoring/" + file.fileName),
                    at: SourceLocation(file: file.path))
                continue
            }
            filesByYear[year] = file
        }
        let years = configuration?.monitoredYears ?? []
        let files = filesByYear
        let checkedCensus = ConcurrentSlots<([String: [Community: Int]]?, [Diagnostic])>(count: 1)
        let checked = ConcurrentSlots<([String: MonitoringRecord]?, [Diagnostic])>(count: years.count)
        DispatchQueue.concurrentPerform(iterations: years.count + 1) { index in
            if index == years.count {
                var censusLog = DiagnosticLog()
                let census = censusFile.flatMap { loadCensus($0, codes: codes, tables: tables, log: &censusLog) }
                checkedCensus.set(0, (census, censusLog.diagnostics))
                return
            }
            guard let configuration else { return }
            let year = years[index]
            var yearLog = DiagnosticLog()
            guard let file = files[year] else {
                yearLog.error(.monitoringFileMissing(year: year), at: SourceLocation(file: sources.configuration?.path ?? "factsheet.yaml"))
                checked.set(index, (nil, yearLog.diagnostics))
                return
            }
            let records = loadMonitoring(file, year: year, configuration: configuration, register: register, tables: tables, log: &yearLog)
            checked.set(index, (records, yearLog.diagnostics))
        }
        let census = checkedCensus.values[0].flatMap { census, diagnostics in
            log.append(contentsOf: diagnostics)
            return census
        }
        if let configuration {
            for (year, slot) in zip(years, checked.values) {
                guard let (records, diagnostics) = slot else { continue }
                log.append(contentsOf: diagnostics)
                if let records { monitoring[year] = records }
            }
            for (year, file) in filesByYear.sorted(by: { $0.key < $1.key }) where !configuration.monitoredYears.contains(year) {
                log.warning(.monitoringFileNotConfigured(year: year), at: SourceLocation(file: file.path))
            }
        }
        try log.throwIfErrors()
        guard let configuration, let register, let census else { throw DiagnosticsError(log.diagnostics) }
        let dataset = Dataset(configuration: configuration, municipalities: register, census: census, monitoring: monitoring)
        return (dataset, log.diagnostics)
    }

    private func required(_ file: SourceFile?, _ name: String, in sources: EditionSources, log: inout DiagnosticLog) -> SourceFile? {
        if file == nil {
            let workbook = name.hasSuffix(".csv") ? " or \(name.dropLast(4)).xlsx" : ""
            log.error(
                .missingFile(expected: "\(sources.folder)/\(name)\(workbook) (see the README's input format)"),
                at: SourceLocation(file: "\(sources.folder)/\(name)"))
        }
        return file
    }

    // MARK: - Register

    /// The register, with a name for every language of `languages` (the `name_<key>` columns;
    /// other `name_…` columns are kept for languages an edition may add later).
    package func loadRegister(_ source: SourceFile, languages: [Language], tables: ParsedTables, log: inout DiagnosticLog)
        -> [Municipality]?
    {
        guard let table = tables.table(for: source, log: &log) else { return nil }
        let errorsBefore = log.errorCount
        let nameKeys = ColumnLayout<MunicipalityColumn>.keys(of: .names, in: table.header)
        for language in languages where !nameKeys.contains(language.key) {
            log.error(.nameColumnMissing(language: language.key), at: SourceLocation(file: table.file, row: 1))
        }
        let columns = ColumnLayout<MunicipalityColumn>(table: table, log: &log)
        guard log.errorCount == errorsBefore else { return nil }
        if table.rows.isEmpty {
            log.error(.noDataRows, at: SourceLocation(file: table.file))
            return nil
        }
        // Every municipality is a sheet in every language: the register's size is the build's.
        if table.rows.count > InputLimits.municipalities {
            log.error(.tooManyRows(count: table.rows.count, limit: InputLimits.municipalities), at: SourceLocation(file: table.file))
            return nil
        }
        let printed = Set(languages.map(\.key))
        func at(_ row: CSVTable.Row, _ column: String) -> SourceLocation { table.location(row: row.number, column: column) }
        var seen: [String: Int] = [:]
        var register: [Municipality] = []
        for row in table.rows {
            let code = columns.value(.code, in: row)
            let codeType = MunicipalityColumn.code.valueType
            if code.isEmpty {
                log.error(.missingValue(expected: codeType.expectedInEmptyCell), at: at(row, MunicipalityColumn.code.name))
            } else if !code.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) {
                log.error(.invalidValue(expected: codeType.expected, found: code), at: at(row, MunicipalityColumn.code.name))
            } else if let first = seen[code] {
                log.error(.duplicateRow(key: code, firstRow: first), at: at(row, MunicipalityColumn.code.name))
            }
            seen[code] = seen[code] ?? row.number
            var names: [String: String] = [:]
            for key in columns.keys(of: .names) {
                let name = columns.value(.names, key: key, in: row)
                if name.isEmpty {
                    if printed.contains(key) {
                        log.error(
                            .missingValue(expected: "the municipality's name as printed"), at: at(row, MunicipalityColumn.name(key)))
                    }
                    continue
                }
                names[key] = name
            }
            let region = columns.value(.region, in: row)
            register.append(Municipality(code: code, names: names, region: region.isEmpty ? nil : region))
        }
        return register
    }

    // MARK: - Census

    func loadCensus(_ source: SourceFile, codes: [String], tables: ParsedTables, log: inout DiagnosticLog) -> [String: [Community: Int]]? {
        guard let table = tables.table(for: source, log: &log) else { return nil }
        let errorsBefore = log.errorCount
        let columns = ColumnLayout<CensusColumn>(table: table, log: &log)
        guard log.errorCount == errorsBefore else { return nil }
        if table.rows.isEmpty {
            // No rows at all would silently leave every council "not assessed".
            log.error(.noDataRows, at: SourceLocation(file: table.file))
            return nil
        }
        let known = Set(codes)
        var census: [String: [Community: Int]] = [:]
        struct Key: Hashable { let code: String, community: Community }
        var firstRow: [Key: Int] = [:]
        guard let populationLimit = Self.limit(of: CensusColumn.population) else { return nil }
        for row in table.rows {
            func at(_ column: CensusColumn) -> SourceLocation { table.location(row: row.number, column: column.name) }
            let code = columns.value(.municipality, in: row)
            let municipalityOK = checkMunicipality(code, known: known, codes: codes, at: at(.municipality), log: &log)
            let community = parseCommunity(columns.value(.community, in: row), at: at(.community), log: &log)
            let population = parseCount(
                columns.value(.population, in: row), required: CensusColumn.population.requirement == .always,
                limit: populationLimit, at: at(.population), log: &log)
            guard municipalityOK, let community, let population else { continue }
            let key = Key(code: code, community: community)
            if let first = firstRow[key] {
                log.error(
                    .duplicateRow(key: "\(code), \(community.rawValue)", firstRow: first),
                    at: at(.community))
                continue
            }
            firstRow[key] = row.number
            census[code, default: [:]][community] = population
        }
        return census
    }

    // MARK: - Monitoring

    func loadMonitoring(
        _ source: SourceFile, year: Int, configuration: EditionConfiguration, register: [Municipality]?, tables: ParsedTables,
        log: inout DiagnosticLog
    ) -> [String: MonitoringRecord]? {
        guard let table = tables.table(for: source, log: &log) else { return nil }
        let errorsBefore = log.errorCount
        let columns = ColumnLayout<MonitoringColumn>(table: table, log: &log)
        guard log.errorCount == errorsBefore else { return nil }
        if table.rows.isEmpty {
            log.error(.noDataRows, at: SourceLocation(file: table.file))
            return nil
        }
        let codes = register?.map(\.code) ?? []
        let known = Set(codes)
        let establishment = configuration.establishmentYears.contains(year)
        let period = configuration.periods.first { $0.year == year }
        let performance = period != nil
        // One meeting a day at most, over the months the year's figures cover: meeting sums stay
        // far below overflow whatever the number of municipalities.
        let meetingDays =
            period.map { ($0.days, CountLimit.daysIn(year: year, firstMonth: $0.firstMonth, lastMonth: $0.lastMonth)) }
            ?? (Period.days(year: year), CountLimit.daysIn(year: year, firstMonth: 1, lastMonth: 12))
        var records: [String: MonitoringRecord] = [:]
        for row in table.rows {
            func at(_ column: MonitoringColumn) -> SourceLocation { table.location(row: row.number, column: column.name) }
            func value(_ column: MonitoringColumn) -> String { columns.value(column, in: row) }
            func required(_ column: MonitoringColumn) -> Bool {
                column.requirement.isRequired(establishmentYear: establishment, performancePeriod: performance)
            }

            let code = value(.municipality)
            let codeOK = checkMunicipality(code, known: known, codes: codes, at: at(.municipality), log: &log)
            if codeOK, let existing = records[code] {
                log.error(.duplicateRow(key: code, firstRow: existing.row), at: at(.municipality))
                continue
            }
            let mcscText = value(.mcsc).lowercased()
            let yesNo = MonitoringColumn.mcsc.valueType.expected
            guard mcscText == "yes" || mcscText == "no" else {
                if mcscText.isEmpty && MonitoringColumn.figures.allSatisfy({ value($0).isEmpty }) {
                    // A row not filled in yet, as `factsheet new-edition` writes them.
                    log.error(.rowNotFilledIn(expected: yesNo), at: at(.mcsc))
                } else if mcscText.isEmpty {
                    log.error(.missingValue(expected: yesNo), at: at(.mcsc))
                } else {
                    log.error(.invalidValue(expected: yesNo, found: value(.mcsc)), at: at(.mcsc))
                }
                // The row is there (no "no row" warning for it); the error stops the build.
                if codeOK { records[code] = MonitoringRecord(municipality: code, row: row.number, hasMCSC: false) }
                continue
            }
            if mcscText == "no" {
                for column in MonitoringColumn.figures where !value(column).isEmpty {
                    log.error(.figuresWithoutMCSC(found: value(column)), at: at(column))
                }
                if codeOK { records[code] = MonitoringRecord(municipality: code, row: row.number, hasMCSC: false) }
                continue
            }
            func count(_ column: MonitoringColumn) -> Int? {
                // Every column read here is declared a count (the loader's tests read each one).
                guard let limit = Self.limit(of: column, meetingDays: meetingDays) else { return nil }
                return parseCount(value(column), required: required(column), limit: limit, at: at(column), log: &log)
            }
            func choice<Choice: RawRepresentable & CaseIterable>(_ column: MonitoringColumn, _ type: Choice.Type) -> Choice?
            where Choice.RawValue == String {
                parseChoice(value(column), type, required: required(column), at: at(column), log: &log)
            }
            var record = MonitoringRecord(municipality: code, row: row.number, hasMCSC: true)
            for column in MonitoringColumn.allCases {
                switch column {
                case .municipality, .mcsc:
                    continue  // read above
                case .womenRepresentatives:
                    record.womenRepresentatives = count(column)
                case .compensation:
                    record.compensation = choice(column, Compensation.self)
                case .communitiesRepresented:
                    for part in value(column).split(whereSeparator: { $0 == ";" || $0 == "," }) {
                        let text = String(part).trimmingSpaces
                        if text.isEmpty { continue }
                        if let community = parseCommunity(text, at: at(column), log: &log) {
                            record.communitiesRepresented.insert(community)
                        }
                    }
                case .meetings:
                    record.meetings = count(column)
                case .meetingsSecurity:
                    record.meetingsSecurity = count(column)
                    if let meetings = record.meetings, let security = record.meetingsSecurity, security > meetings {
                        log.error(.securityAboveMeetings(security: security, meetings: meetings), at: at(column))
                    }
                case .workPlan:
                    record.workPlan = choice(column, WorkPlan.self)
                }
            }
            if codeOK { records[code] = record }
        }
        for code in codes where records[code] == nil && !code.isEmpty {
            log.warning(.municipalityNotMonitored(code: code), at: SourceLocation(file: table.file))
        }
        return records
    }

    // MARK: - Cells

    private func checkMunicipality(
        _ code: String, known: Set<String>, codes: [String], at location: @autoclosure () -> SourceLocation, log: inout DiagnosticLog
    ) -> Bool {
        if code.isEmpty {
            log.error(.missingValue(expected: ColumnValueType.municipality.expectedInEmptyCell), at: location())
            return false
        }
        if known.contains(code) { return true }
        if !codes.isEmpty {
            let place = location()
            // The suggestion compares with every code: only for a message that will be listed.
            let suggestion = log.lists(.error, in: place.file) ? Suggestion.closest(to: code, in: codes) : nil
            log.error(.unknownMunicipality(found: code, suggestion: suggestion), at: place)
        }
        return false
    }

    private func parseCommunity(_ text: String, at location: @autoclosure () -> SourceLocation, log: inout DiagnosticLog) -> Community? {
        if text.isEmpty {
            log.error(.missingValue(expected: ColumnValueType.community.expectedInEmptyCell), at: location())
            return nil
        }
        if let community = Community(rawValue: text.lowercased()) { return community }
        log.error(
            .unknownCommunity(found: text, suggestion: Suggestion.closest(to: text, in: Community.allCases.map(\.rawValue))), at: location()
        )
        return nil
    }

    /// The bound of a count column, and why: its fixed one, or `meetingDays` (the days the year's
    /// file covers) for a meeting count. Nil for a column that is not a count.
    static func limit(of column: some InputColumn, meetingDays: (Int, CountLimit)? = nil) -> (Int, CountLimit)? {
        guard case .count(let maximum) = column.valueType else { return nil }
        switch maximum {
        case .fixed(let bound, let reason): return (bound, reason)
        case .meetingDays: return meetingDays
        }
    }

    /// A whole number from 0 to `limit`; empty is nil, and an error when `required`.
    private func parseCount(
        _ text: String, required: Bool, limit: (Int, CountLimit), at location: @autoclosure () -> SourceLocation, log: inout DiagnosticLog
    ) -> Int? {
        let expected = ColumnValueType.count(.fixed(limit.0, limit.1)).expected
        if text.isEmpty {
            if required { log.error(.missingValue(expected: expected), at: location()) }
            return nil
        }
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            log.error(.invalidValue(expected: expected, found: text), at: location())
            return nil
        }
        // Digits only: a value Int cannot hold is past every limit too.
        guard let value = Int(text), value <= limit.0 else {
            log.error(.countAboveLimit(found: text, limit: limit.0, reason: limit.1), at: location())
            return nil
        }
        return value
    }

    private func parseChoice<Choice: RawRepresentable & CaseIterable>(
        _ text: String, _ type: Choice.Type, required: Bool, at location: @autoclosure () -> SourceLocation, log: inout DiagnosticLog
    ) -> Choice? where Choice.RawValue == String {
        func expected() -> String { ColumnValueType.choice(Choice.allCases.map(\.rawValue)).expected }
        if text.isEmpty {
            if required { log.error(.missingValue(expected: expected()), at: location()) }
            return nil
        }
        guard let choice = Choice(rawValue: text.lowercased()) else {
            log.error(.invalidValue(expected: expected(), found: text), at: location())
            return nil
        }
        return choice
    }
}

/// Every CSV file of an edition, parsed on all cores before validation starts.
package struct ParsedTables: @unchecked Sendable {
    private let parsed: [String: (CSVTable?, [Diagnostic])]

    package init(_ sources: EditionSources) {
        let files = [sources.municipalities, sources.census].compactMap { $0 } + sources.monitoring
        let results = ConcurrentSlots<(CSVTable?, [Diagnostic])>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            var log = DiagnosticLog()
            let table = CSVTable.read(files[index], log: &log)
            results.set(index, (table, log.diagnostics))
        }
        var parsed: [String: (CSVTable?, [Diagnostic])] = [:]
        for (file, result) in zip(files, results.values) { parsed[file.path] = result ?? (nil, []) }
        self.parsed = parsed
    }

    /// The parsed table of `source`, with its reading problems added to `log`.
    func table(for source: SourceFile, log: inout DiagnosticLog) -> CSVTable? {
        guard let (table, diagnostics) = parsed[source.path] else { return CSVTable.read(source, log: &log) }
        log.append(contentsOf: diagnostics)
        return table
    }
}
