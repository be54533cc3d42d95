import Crypto
import Foundation

/// The two kinds of sheet, each with its template file and the charts it may place.
public enum SheetKind: String, Sendable, CaseIterable, Hashable {
    /// The Kosovo-wide fact sheet (`Templates/LANG/factsheet.md`); required in every language.
    case national = "factsheet"
    /// One sheet per municipality (`Templates/LANG/municipality.md`); optional as a whole.
    case municipality

    public var fileName: String { rawValue + ".md" }

    public var chartIDs: [String] {
        switch self {
        case .national: SheetViewModel.chartIDs
        case .municipality: MunicipalityViewModel.chartIDs
        }
    }
}

/// Where each page of the site lives, relative to the output folder.
public enum SitePath {
    public static let languageChoice = "index.html"
    public static let manifest = "manifest.json"
    public static let indicators = "data/indicators.json"

    public static func national(_ language: Language) -> String { "\(language.rawValue)/index.html" }
    public static func sheets(_ language: Language) -> String { "\(language.rawValue)/sheets.html" }
    public static func municipality(_ code: String, _ language: Language) -> String {
        "\(language.rawValue)/municipalities/\(code).html"
    }
    public static func chartData(_ id: String) -> String { "data/charts/\(id).csv" }

    /// The same page in every language, by path.
    public static func alternates(_ path: (Language) -> String) -> [Language: String] {
        Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, path($0)) })
    }

    /// The link from the page at `from` to the file at `to`, both relative to the output folder.
    public static func link(from: String, to: String) -> String {
        let depth = from.split(separator: "/").count - 1
        return String(repeating: "../", count: depth) + to
    }
}

/// What identifies a build: the generator, the input files and the publication date.
public struct Provenance: Sendable, Hashable {
    /// The generator's version, printed on every page.
    public static let generatorVersion = "factsheet 0.2.0"

    /// First 12 hex digits of the SHA-256 over every input file (names and bytes, sorted by name).
    public let inputHash: String
    /// The publication date (year, month, day), from the configuration or `SOURCE_DATE_EPOCH`.
    public let published: DateComponents?

    init(sources: EditionSources, published: DateComponents?) {
        var files = [sources.configuration, sources.municipalities, sources.census].compactMap { $0 } + sources.monitoring
        files.sort { $0.path < $1.path }
        var hasher = SHA256()
        let prefix = sources.folder + "/"
        for file in files {
            let name = file.path.hasPrefix(prefix) ? String(file.path.dropFirst(prefix.count)) : file.path
            hasher.update(data: Array(name.utf8) + [0] + Array(String(file.bytes.count).utf8) + [0])
            hasher.update(data: file.bytes)
        }
        inputHash = String(Manifest.hex(hasher.finalize()).prefix(12))
        self.published = published
    }

    /// The date as the language writes it: `15 dhjetor 2017`, `15 December 2017`.
    func publishedText(_ format: LanguageFormat) -> String? {
        guard let day = published?.day, let month = published?.month, let year = published?.year else { return nil }
        return "\(day) \(format.month(month)) \(year)"
    }

    /// Year, month and day of a Unix time in UTC (for `SOURCE_DATE_EPOCH`).
    public static func date(fromEpoch seconds: Int) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

/// One file of a build: its path, size and SHA-256.
public struct ManifestEntry: Sendable, Hashable {
    public let path: String
    public let size: Int
    public let sha256: String

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.size = bytes.count
        self.sha256 = Manifest.hex(SHA256.hash(data: bytes))
    }
}

/// `manifest.json`: every file of the build with its SHA-256, so an archive can check its copy.
public enum Manifest {
    /// The manifest for `entries` (the manifest itself left out), sorted by path.
    public static func json(entries: [ManifestEntry], provenance: Provenance) -> String {
        var out = "{\n  \"files\": {\n"
        let sorted = entries.filter { $0.path != SitePath.manifest }.sorted { $0.path < $1.path }
        out += sorted.map { entry in
            "    \(JSONText.string(entry.path)): {\"bytes\": \(entry.size), \"sha256\": \"\(entry.sha256)\"}"
        }.joined(separator: ",\n")
        out += "\n  },\n"
        out += "  \"generator\": \(JSONText.string(Provenance.generatorVersion)),\n"
        out += "  \"input_sha256_prefix\": \(JSONText.string(provenance.inputHash))\n}\n"
        return out
    }

    /// Lower-case hexadecimal, two digits per byte.
    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The numbers behind every chart as CSV, for people who want to reuse them.
public enum ChartDataFiles {
    /// One CSV per chart, language-neutral: codes, years and period ids rather than labels.
    static func files(dataset: Dataset, indicators: Indicators) -> [BuiltFile] {
        let configuration = dataset.configuration
        let years = configuration.establishmentYears.map(String.init)
        let periods = configuration.periods.map(\.id)
        func value(_ id: IndicatorID, _ period: String) -> String {
            indicators.value(id, period).map { String($0.value) } ?? ""
        }
        func byYear(_ ids: [IndicatorID]) -> [[String]] {
            [["year"] + ids.map(\.rawValue)] + years.map { year in [year] + ids.map { value($0, year) } }
        }
        func byPeriod(_ id: IndicatorID) -> [[String]] {
            [["period", "first_month", "last_month", id.rawValue]]
                + configuration.periods.map { [$0.id, String($0.firstMonth), String($0.lastMonth), value(id, $0.id)] }
        }
        func byMunicipality(_ id: IndicatorID) -> [[String]] {
            var rows = [["municipality", "period", id.rawValue]]
            for municipality in dataset.municipalities {
                for period in periods {
                    if case .sum(let contributions)? = indicators.value(id, period)?.detail, let amount = contributions[municipality.code] {
                        rows.append([municipality.code, period, String(amount)])
                    }
                }
            }
            return rows
        }
        var municipalWomen = [["municipality", "year", "women_representatives"]]
        var municipalMeetings = [["municipality", "period", "meetings", "meetings_security"]]
        for municipality in dataset.municipalities {
            for year in configuration.establishmentYears {
                if let record = dataset.council(of: municipality.code, in: year) {
                    municipalWomen.append([municipality.code, String(year), record.womenRepresentatives.map(String.init) ?? ""])
                }
            }
            for period in configuration.periods {
                if let record = dataset.council(of: municipality.code, in: period.year) {
                    municipalMeetings.append([
                        municipality.code, period.id, record.meetings.map(String.init) ?? "", record.meetingsSecurity.map(String.init) ?? "",
                    ])
                }
            }
        }
        let tables: [(String, [[String]])] = [
            ("women_representatives", byYear([.womenRepresentatives])),
            ("regular_compensation", byYear([.regularCompensation])),
            ("missing_representatives", byYear([.missingRepresentativesAll, .missingRepresentativesThreshold])),
            ("meetings_held", byMunicipality(.meetingsHeld)),
            ("mcscs_discussing_security", byPeriod(.mcscsDiscussingSecurity)),
            ("work_plan_minorities", byPeriod(.workPlanMinorities)),
            ("meetings_on_security", byMunicipality(.meetingsOnSecurity)),
            ("municipality_women", municipalWomen),
            ("municipality_meetings", municipalMeetings),
        ]
        return tables.map { id, rows in BuiltFile(path: SitePath.chartData(id), contents: csv(rows)) }
    }

    /// Rows as CSV: a field holding `,` `"` or a line end goes in double quotes with its quotes
    /// doubled (RFC 4180), lines end in LF, the last one too. Written byte by byte: the
    /// per-municipality tables have a row per municipality and period.
    public static func csv(_ rows: [[String]]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 24)
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                let utf8 = field.utf8
                if utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                    bytes.append(UInt8(ascii: "\""))
                    for byte in utf8 {
                        if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                        bytes.append(byte)
                    }
                    bytes.append(UInt8(ascii: "\""))
                } else {
                    bytes.append(contentsOf: utf8)
                }
            }
            bytes.append(0x0A)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
