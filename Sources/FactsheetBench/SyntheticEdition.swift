import FactsheetInput
import FactsheetSite
import Foundation
import FuzzHarness

/// An edition in the same format as `input/`, with `count` made-up municipalities, deterministic from `seed`.
struct SyntheticEdition {
    let count: Int
    let seed: UInt64

    /// Writes the edition's files into `folder` (created if needed).
    func write(to folder: URL) throws {
        var random = SeededGenerator(state: seed)
        let files = FileManager.default
        try files.createDirectory(at: folder.appendingPathComponent("monitoring"), withIntermediateDirectories: true)
        let syllables = ["ko", "ra", "ni", "vë", "ša", "lë", "dr", "go", "ça", "mi", "že", "bu", "đa", "ta", "sh", "pe"]
        func name() -> String {
            (0..<(2 + random.below(3))).map { _ in syllables[random.below(syllables.count)] }.joined().capitalized
        }
        let width = String(count).count
        let codes = (1...count).map { "m" + String(repeating: "0", count: width - String($0).count) + String($0) }

        func line(_ cells: [String]) -> String { cells.joined(separator: ",") + "\n" }
        let nameKeys = ["sq", "sr", "en"]
        var register = line(MunicipalityColumn.allCases.flatMap { $0.isFamily ? nameKeys.map(MunicipalityColumn.name) : [$0.name] })
        for code in codes {
            let albanian = name()
            let serbian = name()
            register += line(
                MunicipalityColumn.allCases.flatMap { column -> [String] in
                    switch column {
                    case .code: [code]
                    case .names:
                        [
                            "\(albanian)/\(serbian)", "\(serbian)/\(albanian) \(code.dropFirst())",
                            "\(albanian)/\(serbian) \(code.dropFirst())",
                        ]
                    case .region: [""]
                    }
                })
        }
        try Data(register.utf8).write(to: folder.appendingPathComponent("municipalities.csv"))

        let communities = ["albanian", "serb", "turkish", "bosniak", "roma", "ashkali", "egyptian", "gorani", "montenegrin", "croat"]
        var census = line(CensusColumn.allCases.map(\.name))
        var populations: [String: [String]] = [:]
        for code in codes where !random.chance(10) {
            var present: [String] = []
            for community in communities where community == "albanian" || random.chance(45) {
                let population = community == "albanian" ? 1000 + random.below(90_000) : 1 + random.below(random.chance(50) ? 60 : 3000)
                census += line(
                    CensusColumn.allCases.map { column in
                        switch column {
                        case .municipality: code
                        case .community: community
                        case .population: String(population)
                        }
                    })
                present.append(community)
            }
            let others = random.below(300)
            census += line(
                CensusColumn.allCases.map { column in
                    switch column {
                    case .municipality: code
                    case .community: Community.other.rawValue
                    case .population: String(others)
                    }
                })
            populations[code] = present
        }
        try Data(census.utf8).write(to: folder.appendingPathComponent("census.csv"))

        for year in 2014...2017 {
            var text = line(MonitoringColumn.allCases.map(\.name))
            let performance = year >= 2016
            for code in codes {
                let council = random.chance(88)
                // Drawn in the order the benchmark always drew them, so that a seed gives the same edition.
                let represented = council ? (populations[code] ?? ["albanian", "serb"]).filter { _ in random.chance(80) } : []
                let meetings = council ? random.below(year == 2017 ? 9 : 12) : 0
                let security = !council || meetings == 0 ? 0 : random.below(meetings + 1)
                let compensation = council ? ["regular", "irregular", "none"][random.below(3)] : ""
                let plan = council ? ["none", "adopted", "adopted_minorities"][random.below(3)] : ""
                let women = council ? random.below(5) : 0
                text += line(
                    MonitoringColumn.allCases.map { column in
                        switch column {
                        case .municipality: code
                        case .mcsc: council ? "yes" : "no"
                        case .womenRepresentatives: council ? String(women) : ""
                        case .compensation: compensation
                        case .communitiesRepresented: represented.joined(separator: ";")
                        case .meetings: council && performance ? String(meetings) : ""
                        case .meetingsSecurity: council && performance ? String(security) : ""
                        case .workPlan: plan
                        }
                    })
            }
            try Data(text.utf8).write(to: folder.appendingPathComponent("monitoring/\(year).csv"))
        }

        let configuration = """
            edition: "Benchmark \(count)"
            languages: [sq, sr, en]
            data_status: illustrative
            legal:
              minimum_meetings_per_year: 6
              census_threshold: 50
            establishment:
              years: [2014, 2015, 2016, 2017]
            performance:
              periods:
                - { year: 2016, first_month: 1, last_month: 12 }
                - { year: 2017, first_month: 1, last_month: 9 }

            """
        try Data(configuration.utf8).write(to: folder.appendingPathComponent("factsheet.yaml"))
    }
}
