import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// Expected values are worked out by hand from the fixture files (see the comments in each case).
@Suite struct IndicatorTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        let id: IndicatorID
        let period: String
        let value: Int
        let municipalities: [String]?
        let notAssessed: [String]?
        let byMunicipality: [String: Int]?

        static func count(_ id: IndicatorID, _ period: String, _ value: Int, _ municipalities: [String], notAssessed: [String] = [])
            -> Expected
        {
            Expected(id: id, period: period, value: value, municipalities: municipalities, notAssessed: notAssessed, byMunicipality: nil)
        }

        static func sum(_ id: IndicatorID, _ period: String, _ value: Int, _ byMunicipality: [String: Int]) -> Expected {
            Expected(id: id, period: period, value: value, municipalities: nil, notAssessed: nil, byMunicipality: byMunicipality)
        }

        var testDescription: String { "\(id.rawValue) \(period)" }
    }

    /// The `small` edition: five municipalities, 2016 full year and 2017 January–September.
    static let small: [Expected] = [
        // 2016: alpha, beta, gamma, epsilon have an MCSC; delta has none.
        .count(.mcscEstablished, "2016", 4, ["alpha", "beta", "epsilon", "gamma"]),
        .count(.mcscEstablished, "2017", 4, ["alpha", "beta", "delta", "epsilon"]),
        .count(.womenRepresentatives, "2016", 3, ["alpha", "epsilon", "gamma"]),
        .count(.womenRepresentatives, "2017", 2, ["beta", "delta"]),
        .count(.regularCompensation, "2016", 2, ["alpha", "epsilon"]),
        .count(.regularCompensation, "2017", 2, ["alpha", "beta"]),
        // Strict rule 2016: alpha lacks roma (10), beta lacks albanian (30), epsilon lacks croat (51);
        // gamma has no census rows at all.
        .count(.missingRepresentativesAll, "2016", 3, ["alpha", "beta", "epsilon"], notAssessed: ["gamma"]),
        // 2017: only delta lacks turkish (51); "other" (999) is not a community.
        .count(.missingRepresentativesAll, "2017", 1, ["delta"]),
        // Threshold 50: roma 10 and albanian 30 no longer count; croat 51 does.
        .count(.missingRepresentativesThreshold, "2016", 1, ["epsilon"], notAssessed: ["gamma"]),
        .count(.missingRepresentativesThreshold, "2017", 1, ["delta"]),
        .sum(.meetingsHeld, "2016", 23, ["alpha": 6, "beta": 5, "gamma": 12, "epsilon": 0]),
        .sum(.meetingsHeld, "2017", 23, ["alpha": 5, "beta": 4, "delta": 9, "epsilon": 5]),
        .count(.mcscsDiscussingSecurity, "2016", 2, ["alpha", "gamma"]),
        .count(.mcscsDiscussingSecurity, "2017", 3, ["alpha", "beta", "epsilon"]),
        .sum(.meetingsOnSecurity, "2016", 14, ["alpha": 2, "beta": 0, "gamma": 12, "epsilon": 0]),
        .sum(.meetingsOnSecurity, "2017", 8, ["alpha": 1, "beta": 4, "delta": 0, "epsilon": 3]),
        .count(.workPlanMinorities, "2016", 2, ["alpha", "epsilon"]),
        .count(.workPlanMinorities, "2017", 2, ["beta", "epsilon"]),
        // Full year: 6 meetings needed (alpha 6, gamma 12). Jan–Sep: ceil(6 × 9 / 12) = 5 (alpha 5, delta 9, epsilon 5).
        .count(.meetingLegalMinimum, "2016", 2, ["alpha", "gamma"]),
        .count(.meetingLegalMinimum, "2017", 3, ["alpha", "delta", "epsilon"]),
    ]

    /// The `other` edition: years 2019–2021, periods 2020 and April–June 2021, minimum 8, threshold 100.
    static let other: [Expected] = [
        .count(.mcscEstablished, "2019", 1, ["south"]),
        .count(.mcscEstablished, "2020", 2, ["north", "south"]),
        .count(.mcscEstablished, "2021", 2, ["north", "south"]),
        .count(.womenRepresentatives, "2019", 1, ["south"]),
        .count(.womenRepresentatives, "2020", 0, []),
        .count(.womenRepresentatives, "2021", 2, ["north", "south"]),
        .count(.regularCompensation, "2019", 1, ["south"]),
        .count(.regularCompensation, "2020", 0, []),
        .count(.regularCompensation, "2021", 2, ["north", "south"]),
        // south lacks ashkali (80) in 2019, roma and ashkali in 2020, nobody in 2021; north has no census.
        .count(.missingRepresentativesAll, "2019", 1, ["south"]),
        .count(.missingRepresentativesAll, "2020", 1, ["south"], notAssessed: ["north"]),
        .count(.missingRepresentativesAll, "2021", 0, [], notAssessed: ["north"]),
        // Threshold 100: ashkali 80 does not count, roma 120 does.
        .count(.missingRepresentativesThreshold, "2019", 0, []),
        .count(.missingRepresentativesThreshold, "2020", 1, ["south"], notAssessed: ["north"]),
        .count(.missingRepresentativesThreshold, "2021", 0, [], notAssessed: ["north"]),
        .sum(.meetingsHeld, "2020", 15, ["north": 8, "south": 7]),
        .sum(.meetingsHeld, "2021", 3, ["north": 2, "south": 1]),
        .count(.mcscsDiscussingSecurity, "2020", 1, ["north"]),
        .count(.mcscsDiscussingSecurity, "2021", 2, ["north", "south"]),
        .sum(.meetingsOnSecurity, "2020", 3, ["north": 3, "south": 0]),
        .sum(.meetingsOnSecurity, "2021", 3, ["north": 2, "south": 1]),
        .count(.workPlanMinorities, "2020", 1, ["south"]),
        .count(.workPlanMinorities, "2021", 1, ["north"]),
        // 2020: 8 needed. April–June 2021: ceil(8 × 3 / 12) = 2.
        .count(.meetingLegalMinimum, "2020", 1, ["north"]),
        .count(.meetingLegalMinimum, "2021", 1, ["north"]),
    ]

    static func check(_ expected: Expected, in indicators: Indicators) {
        guard let actual = indicators.value(expected.id, expected.period) else {
            Issue.record("\(expected.id.rawValue) \(expected.period) missing")
            return
        }
        #expect(actual.value == expected.value)
        switch actual.detail {
        case .count(let municipalities, let notAssessed):
            #expect(municipalities == expected.municipalities)
            #expect(notAssessed == expected.notAssessed)
        case .sum(let byMunicipality):
            #expect(byMunicipality == expected.byMunicipality)
        }
    }

    @Test(arguments: small)
    func smallEdition(_ expected: Expected) async throws {
        let indicators = IndicatorCalculator().indicators(for: try Fixtures.dataset("small"))
        Self.check(expected, in: indicators)
    }

    @Test(arguments: other)
    func editionWithOtherYearsAndPeriods(_ expected: Expected) async throws {
        let indicators = IndicatorCalculator().indicators(for: try Fixtures.dataset("other"))
        Self.check(expected, in: indicators)
    }

    @Test func everyConfiguredYearAndPeriodHasEveryIndicator() async throws {
        let indicators = IndicatorCalculator().indicators(for: try Fixtures.dataset("other"))
        // 5 establishment indicators × 3 years + 5 performance indicators × 2 periods.
        #expect(indicators.values.count == 25)
        #expect(Set(indicators.values.filter { $0.section == .establishment }.map(\.period)) == ["2019", "2020", "2021"])
        #expect(Set(indicators.values.filter { $0.section == .performance }.map(\.period)) == ["2020", "2021"])
    }

    @Test(arguments: [
        (6, 1, 12, 6), (6, 1, 9, 5), (6, 1, 1, 1), (6, 1, 6, 3), (6, 1, 7, 4), (8, 4, 6, 2), (12, 1, 9, 9), (5, 1, 5, 3),
    ])
    func legalMinimumScalesWithMonths(perYear: Int, first: Int, last: Int, expected: Int) {
        // ceil(perYear × months / 12), worked out by hand: 6×9/12 = 4.5 → 5; 6×7/12 = 3.5 → 4; 5×5/12 ≈ 2.08 → 3.
        #expect(Period(year: 2017, firstMonth: first, lastMonth: last).legalMinimum(perYear: perYear) == expected)
    }

    @Test func strictAndThresholdRulesOnOneCouncil() async {
        let council = MonitoringRecord(municipality: "x", hasMCSC: true, communitiesRepresented: [.albanian])
        let population: [Community: Int] = [.albanian: 900, .serb: 51, .roma: 50, .ashkali: 1, .other: 500]
        #expect(IndicatorCalculator.unrepresented(council, population: population, above: 0) == [.serb, .roma, .ashkali])
        // "More than 50": 51 counts, 50 does not.
        #expect(IndicatorCalculator.unrepresented(council, population: population, above: 50) == [.serb])
    }

    @Test func indicatorsJSONFollowsTheDataContract() async throws {
        let json = IndicatorCalculator().indicators(for: try Fixtures.dataset("other")).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["edition"] as? String == "2021")
        #expect(object["data_status"] as? String == "official")
        let entries = try #require(object["indicators"] as? [[String: Any]])
        let meetings = try #require(entries.first { $0["id"] as? String == "meetings_held" && $0["period"] as? String == "2021" })
        #expect(meetings["section"] as? String == "performance")
        #expect(meetings["value"] as? Int == 3)
        #expect(meetings["by_municipality"] as? [String: Int] == ["north": 2, "south": 1])
        #expect(meetings["municipalities"] == nil)
        let missing = try #require(
            entries.first { $0["id"] as? String == "missing_representatives_all" && $0["period"] as? String == "2020" })
        #expect(missing["municipalities"] as? [String] == ["south"])
        #expect(missing["not_assessed"] as? [String] == ["north"])
        // Keys sorted: "data_status" < "edition" < "indicators".
        let keys = ["\"data_status\"", "\"edition\"", "\"indicators\""].compactMap { json.range(of: $0)?.lowerBound }
        #expect(keys.count == 3 && keys == keys.sorted())
    }
}
