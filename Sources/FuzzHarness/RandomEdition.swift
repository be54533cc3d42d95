import FactsheetInput
import FactsheetSite

/// A random but well-formed edition: every file in the data contract's shape, with values at
/// the edges the contract allows (counts at 0, 1 and their upper bounds, names empty or very
/// long in any script, one municipality or a thousand, periods of one month, every census
/// state). Some editions are invalid on purpose (an empty name, a missing row): the property
/// is that a build then fails with located errors, never that it succeeds.
public struct RandomEdition: Sendable {
    public let sources: EditionSources
    /// `meetings_held` per period year, summed here from the rows written (for councils that
    /// exist), to compare with what the build computes.
    public let meetingsHeld: [Int: Int]
    /// Register codes, in the register's order.
    public let codes: [String]
    /// The languages the configuration names (the shipped templates have each of them).
    public let languages: [Language]

    /// Makes an edition of `count` municipalities from `random`'s numbers.
    public init<R: RandomNumberGenerator>(count: Int, random: inout R) {
        func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }
        func chance(_ percent: Int) -> Bool { below(100) < percent }
        func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

        let scripts: [[String]] = [
            ["Prishtinë", "Gračanica", "Graçanicë", "Mamuşa", "Ferizaj", "Đakovica", "ë", "ç", "Xh", "dh"],
            ["Приштина", "Грачаница", "Ђаковица", "Љ", "Њ", "Џ", "ш"],
            ["Αθήνα", "東京", "القاهرة", "עברית", "हिन्दी", "🏛️", "👩🏽‍⚖️", "e\u{301}", "\u{200F}", "\u{FEFF}x"],
            [
                "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{edition}}", "**b**", "| a |", "[l](javascript:x)", "&amp;",
                "\"q\"", "a,b", "x;y", "line\nbreak", "`c`", "# h", "\\",
            ],
        ]
        func name(_ index: Int) -> String {
            switch below(20) {
            case 0: return ""
            case 1:
                // Long, but within the 2,000 characters a cell may hold (`InputLimits.cellCharacters`).
                let piece = pick(pick(scripts))
                return String(repeating: piece, count: max(1, (200 + below(1800)) / max(1, piece.count)))
            case 2...5: return (0..<(1 + below(6))).map { _ in pick(pick(scripts)) }.joined(separator: pick([" ", "/", "-", ""]))
            default: return "Komuna \(index)/Opština \(index)"
            }
        }

        let width = String(max(count, 1)).count
        let codes = (0..<count).map { index in
            let digits = String(index)
            return "m" + String(repeating: "0", count: width - digits.count) + digits
        }
        self.codes = codes

        // One to three of the shipped languages, in any order, or none named (sq and en).
        var languages = ["sq", "sr", "en"].filter { _ in chance(60) }.map(Language.init)
        languages.shuffle(using: &random)
        let named = !languages.isEmpty
        if languages.isEmpty { languages = Language.defaultKeys.map(Language.init) }
        self.languages = languages
        // Every shipped language has a name column, whichever languages the configuration names.
        let nameKeys = ["sq", "sr", "en"]
        var register = [
            MunicipalityColumn.allCases.flatMap { $0.isFamily ? nameKeys.map(MunicipalityColumn.name) : [$0.name] }
        ]
        for (index, code) in codes.enumerated() {
            register.append(
                MunicipalityColumn.allCases.flatMap { column -> [String] in
                    switch column {
                    case .code: [code]
                    case .names:
                        [name(index), chance(90) ? name(index) : "Opština \(index)", chance(90) ? name(index) : "Municipality \(index)"]
                    case .region: [chance(50) ? "" : pick(["prishtine", "peje", "r-1"])]
                    }
                })
        }

        let threshold = pick([0, 1, 50, 1000, Int(Int32.max)])
        let communities = Community.allCases.map(\.rawValue)
        var census = [CensusColumn.allCases.map(\.name)]
        var populated: [String: [String]] = [:]
        for code in codes {
            switch below(4) {
            case 0: continue  // no census figures at all: not assessed
            default:
                for community in communities where chance(40) {
                    let population = pick([0, 1, threshold, threshold &+ 1, 49, 51, DatasetLoader.maximumPopulation, below(100_000)])
                    guard population <= DatasetLoader.maximumPopulation else { continue }
                    census.append(
                        CensusColumn.allCases.map { column in
                            switch column {
                            case .municipality: code
                            case .community: community
                            case .population: String(population)
                            }
                        })
                    if population > 0 { populated[code, default: []].append(community) }
                }
            }
        }
        if census.count == 1, let code = codes.first { census.append([code, "albanian", "0"]) }

        // Years: one to four, consecutive or not; periods: one or two, of one month to a year.
        let firstYear = 1990 + below(40)
        var years = (0..<(1 + below(4))).map { firstYear + $0 * (chance(70) ? 1 : 1 + below(3)) }
        years = Array(Set(years)).sorted()
        var periods: [Period] = []
        for year in [years.last ?? firstYear, (years.last ?? firstYear) - 1].prefix(1 + below(2))
        where !periods.contains(where: { $0.year == year }) {
            let first = 1 + below(12)
            let last = chance(30) ? first : first + below(13 - first)
            periods.append(Period(year: year, firstMonth: first, lastMonth: last))
        }
        periods.sort { $0.year < $1.year }
        let minimum = pick([1, 6, 12, 366])

        var meetingsHeld: [Int: Int] = [:]
        var monitoring: [SourceFile] = []
        let header = MonitoringColumn.allCases.map(\.name)
        /// The row of a municipality without a council: every figure empty.
        func withoutCouncil(_ code: String) -> [String] {
            MonitoringColumn.allCases.map { column in
                switch column {
                case .municipality: code
                case .mcsc: "no"
                case .womenRepresentatives, .compensation, .communitiesRepresented, .meetings, .meetingsSecurity, .workPlan: ""
                }
            }
        }
        for year in Array(Set(years + periods.map(\.year))).sorted() {
            let period = periods.first { $0.year == year }
            let maximumMeetings = period?.days ?? Period.days(year: year)
            var rows = [header]
            for code in codes {
                if chance(2) { continue }  // a missing row is a warning
                guard chance(85) else {
                    rows.append(withoutCouncil(code))
                    continue
                }
                let women = pick([0, 1, 2, DatasetLoader.maximumWomenRepresentatives])
                let represented = (populated[code] ?? []).filter { _ in chance(70) } + (chance(10) ? [pick(communities)] : [])
                let meetings = pick([0, 1, 5, 6, maximumMeetings, below(maximumMeetings + 1)])
                let security = pick([0, 1, meetings, below(meetings + 1)])
                let securityCell = min(security, meetings)
                if period != nil { meetingsHeld[year, default: 0] += meetings }
                // Cells in the columns' order, so the random choices come in the same order as before.
                rows.append(
                    MonitoringColumn.allCases.map { column in
                        switch column {
                        case .municipality: code
                        case .mcsc: pick(["yes", "YES", "Yes"])
                        case .womenRepresentatives: String(women)
                        case .compensation: pick(Compensation.allCases).rawValue
                        case .communitiesRepresented: represented.joined(separator: ";")
                        case .meetings: period != nil || chance(50) ? String(meetings) : ""
                        case .meetingsSecurity: period != nil || chance(50) ? String(securityCell) : ""
                        case .workPlan: pick(WorkPlan.allCases).rawValue
                        }
                    })
            }
            if period != nil && rows.count == 1 {
                // A file needs a data row; a council with none of its figures out of bounds.
                rows.append(withoutCouncil(codes.first ?? "m0"))
            }
            monitoring.append(SourceFile(path: "random/monitoring/\(year).csv", text: ChartDataFiles.csv(rows)))
        }
        meetingsHeld = meetingsHeld.filter { year, _ in periods.contains { $0.year == year } }
        self.meetingsHeld = meetingsHeld

        func yamlString(_ text: String) -> String {
            "\""
                + text.unicodeScalars.map { scalar in
                    switch scalar {
                    case "\"": return "\\\""
                    case "\\": return "\\\\"
                    case "\n": return "\\n"
                    default: return scalar.value < 0x20 ? "" : String(scalar)
                    }
                }.joined() + "\""
        }
        let periodLines = periods.map { period in
            let note = chance(30) ? ", note: { sq: \(yamlString(name(0))), sr: \(yamlString(name(2))), en: \(yamlString(name(1))) }" : ""
            return "    - { year: \(period.year), first_month: \(period.firstMonth), last_month: \(period.lastMonth)\(note) }"
        }
        let languageLine = named ? "languages: [\(languages.map(\.key).joined(separator: ", "))]" : ""
        let configuration = """
            \(languageLine)
            edition: \(yamlString(chance(80) ? String(years.last ?? 2017) : name(count)))
            data_status: \(pick(["illustrative", "official"]))
            legal:
              minimum_meetings_per_year: \(minimum)
              census_threshold: \(threshold)
            establishment:
              years: [\(years.map(String.init).joined(separator: ", "))]
            performance:
              periods:
            \(periodLines.joined(separator: "\n"))

            """
        sources = EditionSources(
            folder: "random", configuration: SourceFile(path: "random/factsheet.yaml", text: configuration),
            municipalities: SourceFile(path: "random/municipalities.csv", text: ChartDataFiles.csv(register)),
            census: SourceFile(path: "random/census.csv", text: ChartDataFiles.csv(census)), monitoring: monitoring)
    }
}

/// Numbers taken from fuzzer input, eight bytes at a time, then from a generator seeded with
/// the input's length: a mutated byte changes one choice of the edition, not all of them.
public struct ByteStream: RandomNumberGenerator {
    private let bytes: [UInt8]
    private var offset = 0
    private var rest: SeededGenerator

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        rest = SeededGenerator(state: UInt64(bytes.count))
    }

    public mutating func next() -> UInt64 {
        guard offset < bytes.count else { return rest.next() }
        var value: UInt64 = 0
        for index in offset..<min(offset + 8, bytes.count) {
            value = value << 8 | UInt64(bytes[index])
        }
        offset += 8
        // Spread short values over the whole range, so `% bound` does not favour 0.
        return value &* 0x9E37_79B9_7F4A_7C15
    }
}
