import FactsheetCore
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

        var register = "code,name_sq,name_sr,name_en,region\n"
        for code in codes {
            let albanian = name()
            let serbian = name()
            register +=
                "\(code),\(albanian)/\(serbian),\(serbian)/\(albanian) \(code.dropFirst()),\(albanian)/\(serbian) \(code.dropFirst()),\n"
        }
        try Data(register.utf8).write(to: folder.appendingPathComponent("municipalities.csv"))

        let communities = ["albanian", "serb", "turkish", "bosniak", "roma", "ashkali", "egyptian", "gorani", "montenegrin", "croat"]
        var census = "municipality,community,population\n"
        var populations: [String: [String]] = [:]
        for code in codes where !random.chance(10) {
            var present: [String] = []
            for community in communities where community == "albanian" || random.chance(45) {
                let population = community == "albanian" ? 1000 + random.below(90_000) : 1 + random.below(random.chance(50) ? 60 : 3000)
                census += "\(code),\(community),\(population)\n"
                present.append(community)
            }
            census += "\(code),other,\(random.below(300))\n"
            populations[code] = present
        }
        try Data(census.utf8).write(to: folder.appendingPathComponent("census.csv"))

        let header = "municipality,mcsc,women_representatives,compensation,communities_represented,meetings,meetings_security,work_plan\n"
        for year in 2014...2017 {
            var text = header
            let performance = year >= 2016
            for code in codes {
                guard random.chance(88) else {
                    text += "\(code),no,,,,,,\n"
                    continue
                }
                let represented = (populations[code] ?? ["albanian", "serb"]).filter { _ in random.chance(80) }
                let meetings = random.below(year == 2017 ? 9 : 12)
                let security = meetings == 0 ? 0 : random.below(meetings + 1)
                let compensation = ["regular", "irregular", "none"][random.below(3)]
                let plan = ["none", "adopted", "adopted_minorities"][random.below(3)]
                text += "\(code),yes,\(random.below(5)),\(compensation),\(represented.joined(separator: ";")),"
                text += performance ? "\(meetings),\(security),\(plan)\n" : ",,\(plan)\n"
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
