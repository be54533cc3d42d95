import FactsheetFigures
import FactsheetInput
import FactsheetPresentation
import Foundation

/// `data/datapackage.json`: a Frictionless Data Package (https://specs.frictionlessdata.io/data-package/)
/// describing every data file the build writes under `data/`, so that tools can read and check
/// them (`frictionless validate data/datapackage.json`).
///
/// Each chart's CSV is a tabular data resource whose Table Schema comes from the chart
/// catalogue (``ChartDataSchema``); `indicators.json` and the input files' Table Schemas are JSON
/// resources. Every resource carries its size and SHA-256, worked out from the very files the
/// build writes (``DataFiles``), so a file changed after the build fails validation. The
/// per-municipality files (`data/municipalities/CODE/CHART.csv`) are not resources of their own:
/// each holds rows of a Kosovo-wide file that is one, whose description names the pattern.
/// Keys are written in a fixed order; the same build gives the same bytes.
struct DataPackage {
    let figures: Figures
    /// Its words (`Templates/datapackage.yaml`).
    let words: DataPackageWords
    /// The strings of the edition's language that is the words' language, when it is built in
    /// it: the notice on illustrative editions is theirs, as the pages print it.
    let sameLanguage: LanguageStrings?
    /// The publication date the pages print (from `published:` or `SOURCE_DATE_EPOCH`).
    let published: DateComponents?
    /// Whether the build writes the per-municipality data files.
    let municipalFiles: Bool
    /// The files it describes, as the build writes them.
    let files: DataFiles

    var configuration: EditionConfiguration { figures.configuration }
    var text: DataPackageText { DataPackageText(words: words, configuration: configuration) }

    /// The descriptor as JSON, two spaces of indentation, a final line break.
    func json() -> String {
        descriptor.text(indent: "") + "\n"
    }

    var descriptor: JSONValue {
        var entries: [(String, JSONValue)] = [
            ("profile", .string("data-package")),
            ("name", .string(Self.name(edition: configuration.edition))),
            ("title", .string(text.title())),
            ("description", .string(description)),
        ]
        if let siteURL = configuration.siteURL { entries.append(("homepage", .string(siteURL))) }
        if let created { entries.append(("created", .string(created))) }
        if let licence = configuration.licence {
            let fields: [(String, JSONValue)] = [("name", licence.name), ("path", licence.path), ("title", licence.title)].compactMap {
                key, value in value.map { (key, JSONValue.string($0)) }
            }
            entries.append(("licenses", .array([.object(fields)])))
        }
        entries.append(
            (
                "sources",
                .array([.object([("title", .string(text.source(publisher: publisher)))])])
            ))
        if let publisher {
            entries.append(
                ("contributors", .array([.object([("title", .string(publisher)), ("role", .string(words.text(.publisherRole)))])])))
        }
        entries.append(("resources", .array(resources)))
        return .object(entries)
    }

    /// `mcsc-fact-sheet-EDITION`, lower case: letters, digits, `.` and `_` of the edition kept,
    /// every other run of characters one `-` (Data Package names are `[-a-z0-9._/]`).
    static func name(edition: String) -> String {
        var slug = ""
        for character in edition.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "_") {
                slug.append(character)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "mcsc-fact-sheet" : "mcsc-fact-sheet-" + slug
    }

    /// The notice first on illustrative editions, as the pages print it.
    var description: String {
        let about = text.description()
        switch configuration.dataStatus {
        case .official:
            return about
        case .illustrative:
            let notice = sameLanguage.map { $0[.illustrativeTitle] + " " + $0[.illustrativeText] } ?? words.text(.illustrativeNotice)
            return notice + " " + about
        }
    }

    /// The publication date as an RFC 3339 date-time at midnight UTC (a Data Package's `created`).
    var created: String? {
        guard let published, let year = published.year, let month = published.month, let day = published.day else { return nil }
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
        return "\(year)-\(two(month))-\(two(day))T00:00:00Z"
    }

    /// The publisher's name in the words' language, else in the official language, else in the first language that has one.
    var publisher: String? {
        let keys = [words.language] + [configuration.officialLanguage?.key].compactMap { $0 } + configuration.languages.map(\.key)
        return keys.lazy.compactMap { configuration.publisher[$0] }.first
    }

    var resources: [JSONValue] {
        var resources: [JSONValue] = []
        for (chart, file) in files.charts {
            var description = text.chartDescription(chart)
            if municipalFiles && chart.sheet == .municipality { description += " " + text.municipalFiles(chart) }
            resources.append(
                resource(
                    file, name: chart.rawValue, tabular: true,
                    title: text.chartTitle(chart),
                    description: description, schema: ChartDataSchema(chart, text).json))
        }
        resources.append(
            resource(
                files.indicators, name: "indicators", tabular: false,
                title: words.text(.indicatorsTitle), description: words.text(.indicatorsDescription)))
        for (table, file) in zip(InputTable.allCases, files.schemas) {
            resources.append(
                resource(
                    file, name: "schema-\(table.rawValue)", tabular: false, title: text.inputSchemaTitle(table),
                    description: words.text(.inputSchemaDescription)))
        }
        return resources
    }

    private func resource(_ file: BuiltFile, name: String, tabular: Bool, title: String, description: String, schema: JSONValue? = nil)
        -> JSONValue
    {
        let entry = ManifestEntry(path: file.path, bytes: file.bytes)
        var entries: [(String, JSONValue)] = [
            ("name", .string(name)),
            ("path", .string(SitePath.inDataFolder(file.path))),
            ("profile", .string(tabular ? "tabular-data-resource" : "data-resource")),
            ("title", .string(title)),
            ("description", .string(description)),
            ("format", .string(tabular ? "csv" : "json")),
            ("mediatype", .string(tabular ? "text/csv" : "application/json")),
            ("encoding", .string("utf-8")),
            ("bytes", .int(entry.size)),
            ("hash", .string("sha256:" + entry.sha256)),
        ]
        if let schema { entries.append(("schema", schema)) }
        return .object(entries)
    }
}

/// The Kosovo-wide data files of a build: `indicators.json`, the input files' Table Schemas
/// and each chart's CSV, made once, written and described by the data package.
struct DataFiles: Sendable {
    let indicators: BuiltFile
    /// In ``InputTable``'s order.
    let schemas: [BuiltFile]
    /// Each chart's CSV, in ``ChartID``'s order.
    let charts: [(chart: ChartID, file: BuiltFile)]

    init(_ figures: Figures, words: DataPackageWords) {
        indicators = BuiltFile(path: SitePath.indicators, contents: figures.indicators.json())
        schemas = TableSchema.files(languages: figures.configuration.languages, words: words)
        charts = ChartID.allCases.map { ($0, ChartDataFiles.file($0, figures)) }
    }

    /// Every file, in the order they are written.
    var all: [BuiltFile] {
        [indicators] + schemas + charts.map(\.file)
    }
}
