import Foundation

/// A community as the census and the monitoring files name it.
public enum Community: String, Sendable, CaseIterable, Hashable, Comparable {
    case albanian, serb, turkish, bosniak, roma, ashkali, egyptian, gorani, montenegrin, croat, other

    /// Whether the community counts for representation; the census's "other" category does not.
    package var isCommunity: Bool { self != .other }

    public static func < (a: Community, b: Community) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One municipality of the register.
package struct Municipality: Sendable, Hashable {
    /// Stable ASCII id (`prishtine`).
    package var code: String
    /// The name as printed, by language key (the register's `name_<key>` columns).
    var names: [String: String]
    var region: String?

    init(code: String, names: [String: String], region: String? = nil) {
        self.code = code
        self.names = names
        self.region = region
    }

    /// The name in `language`; the code when the register has no column for it.
    package func name(in language: Language) -> String {
        names[language.key] ?? code
    }
}

/// Whether the edition's figures are real or made up for demonstration.
package enum DataStatus: String, Sendable, Hashable, CaseIterable {
    case illustrative
    case official
}

/// A stretch of months within one year that the performance section reports on.
public struct Period: Sendable, Hashable {
    public var year: Int
    /// 1 = January.
    public var firstMonth: Int
    /// 12 = December; at least `firstMonth`.
    public var lastMonth: Int
    /// An optional remark printed with the period, per language code (`sq`, `en`).
    package var note: [String: String]

    public init(year: Int, firstMonth: Int = 1, lastMonth: Int = 12, note: [String: String] = [:]) {
        self.year = year
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
        self.note = note
    }

    /// How many months the period covers.
    package var months: Int { lastMonth - firstMonth + 1 }

    /// The id used in `indicators.json`: the year as a string.
    package var id: String { String(year) }

    /// Days from the first day of `firstMonth` to the last day of `lastMonth` (Gregorian, leap
    /// years counted): the most meetings a council can hold in the period, one a day.
    public var days: Int {
        Self.days(year: year, firstMonth: firstMonth, lastMonth: lastMonth)
    }

    /// Days in months `firstMonth`…`lastMonth` (1-based, within 1…12) of `year`.
    public static func days(year: Int, firstMonth: Int = 1, lastMonth: Int = 12) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let first = min(max(firstMonth, 1), 12)
        let last = min(max(lastMonth, first), 12)
        return lengths[(first - 1)...(last - 1)].reduce(0, +)
    }

    /// Meetings an MCSC must hold in this period: ceil(minimum per year × months / 12).
    package func legalMinimum(perYear minimum: Int) -> Int {
        (minimum * months + 11) / 12
    }
}

/// The edition's configuration from `factsheet.yaml`.
package struct EditionConfiguration: Sendable, Hashable {
    package var edition: String
    package var dataStatus: DataStatus
    package var minimumMeetingsPerYear: Int
    package var censusThreshold: Int
    package var establishmentYears: [Int]
    package var periods: [Period]
    /// Chart colours, already checked for contrast and colour-blind distinctness.
    package var chartTheme: ChartTheme
    /// Publication date (year, month, day) printed on every page; optional.
    package var published: DateComponents?
    /// The languages the sheets are published in, in the order of the language links.
    package var languages: [Language]
    /// The publishing organisation's name by language key, for the masthead; may be empty.
    package var publisher: [String: String] = [:]
    /// The language whose version is the official one; the others say they are translations.
    package var officialLanguage: Language?
    /// The publisher's logo for the masthead, sanitised; optional.
    package var logo: Logo?
    /// Where the web team publishes `output/`: an absolute `http(s)://` address ending in `/`,
    /// the base of the pages' `og:url`, canonical and `hreflang` links and of `sitemap.xml`;
    /// nil when not configured (pages then carry no absolute address, and there is no sitemap).
    package var siteURL: String?
    /// The licence the published data is under, for the data package; nil when not configured.
    package var licence: DataLicence?

    init(
        edition: String, dataStatus: DataStatus, minimumMeetingsPerYear: Int, censusThreshold: Int,
        establishmentYears: [Int], periods: [Period], chartTheme: ChartTheme = .standard, published: DateComponents? = nil,
        languages: [Language] = Language.defaultKeys.map(Language.init), publisher: [String: String] = [:],
        officialLanguage: Language? = nil, logo: Logo? = nil, siteURL: String? = nil, licence: DataLicence? = nil
    ) {
        self.licence = licence
        self.logo = logo
        self.siteURL = siteURL
        self.languages = languages
        self.publisher = publisher
        self.officialLanguage = officialLanguage
        self.chartTheme = chartTheme
        self.published = published
        self.edition = edition
        self.dataStatus = dataStatus
        self.minimumMeetingsPerYear = minimumMeetingsPerYear
        self.censusThreshold = censusThreshold
        self.establishmentYears = establishmentYears
        self.periods = periods
    }

    /// Every year that needs a monitoring file, ascending.
    package var monitoredYears: [Int] {
        Array(Set(establishmentYears + periods.map(\.year))).sorted()
    }
}

/// The licence of the published data (`licence:` in `factsheet.yaml`), as a data package's
/// `licenses` entry: at least one of `name` and `path`.
package struct DataLicence: Sendable, Hashable {
    /// An Open Definition or SPDX identifier, such as `CC-BY-4.0`.
    package var name: String?
    /// The licence's text on the web: an absolute `http(s)://` address.
    package var path: String?
    /// Its name for people, such as `Creative Commons Attribution 4.0`.
    package var title: String?
}

/// How MCSC members were compensated.
public enum Compensation: String, Sendable, Hashable, CaseIterable {
    case regular, irregular, none
}

/// Whether the MCSC adopted a work plan, and whether it addresses minority communities.
public enum WorkPlan: String, Sendable, Hashable, CaseIterable {
    case none
    case adopted
    case adoptedMinorities = "adopted_minorities"
}

/// One municipality's row in one year's monitoring file.
package struct MonitoringRecord: Sendable, Hashable {
    package var municipality: String
    /// Spreadsheet row the record came from.
    var row: Int
    var hasMCSC: Bool
    package var womenRepresentatives: Int?
    package var compensation: Compensation?
    package var communitiesRepresented: Set<Community>
    package var meetings: Int?
    package var meetingsSecurity: Int?
    package var workPlan: WorkPlan?

    init(
        municipality: String, row: Int = 0, hasMCSC: Bool, womenRepresentatives: Int? = nil,
        compensation: Compensation? = nil, communitiesRepresented: Set<Community> = [], meetings: Int? = nil,
        meetingsSecurity: Int? = nil, workPlan: WorkPlan? = nil
    ) {
        self.municipality = municipality
        self.row = row
        self.hasMCSC = hasMCSC
        self.womenRepresentatives = womenRepresentatives
        self.compensation = compensation
        self.communitiesRepresented = communitiesRepresented
        self.meetings = meetings
        self.meetingsSecurity = meetingsSecurity
        self.workPlan = workPlan
    }
}

/// A validated edition: configuration, register, census and monitoring records.
public struct Dataset: Sendable {
    package let configuration: EditionConfiguration
    /// The register in file order.
    package let municipalities: [Municipality]
    /// Population by community; a municipality with no entry has no census figures.
    package let census: [String: [Community: Int]]
    /// Monitoring records by year, each keyed by municipality code.
    let monitoring: [Int: [String: MonitoringRecord]]
    private let byCode: [String: Municipality]
    private let councilsByYear: [Int: [MonitoringRecord]]

    init(
        configuration: EditionConfiguration, municipalities: [Municipality], census: [String: [Community: Int]],
        monitoring: [Int: [String: MonitoringRecord]]
    ) {
        self.configuration = configuration
        self.municipalities = municipalities
        self.census = census
        self.monitoring = monitoring
        self.byCode = Dictionary(municipalities.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.councilsByYear = monitoring.mapValues { records in
            records.values.filter(\.hasMCSC).sorted { $0.municipality < $1.municipality }
        }
    }

    func municipality(_ code: String) -> Municipality? {
        byCode[code]
    }

    /// The municipality's record for `year` when it had an MCSC that year.
    package func council(of code: String, in year: Int) -> MonitoringRecord? {
        monitoring[year]?[code].flatMap { $0.hasMCSC ? $0 : nil }
    }

    /// Whether the municipality had an MCSC in any year the edition monitors.
    package func hadMCSC(_ code: String) -> Bool {
        configuration.monitoredYears.contains { council(of: code, in: $0) != nil }
    }

    /// Records of municipalities that had an MCSC in `year`, sorted by code.
    package func councils(in year: Int) -> [MonitoringRecord] {
        councilsByYear[year] ?? []
    }
}
