import FactsheetInput
import FactsheetSupport
import Foundation

/// The indicators of the data contract: the catalogue every other part reads.
///
/// Each indicator is declared once, here: its id, section, rule and the chart of the national
/// sheet that shows it. Computing, charts, chart CSVs, `indicators.json` and template values
/// all follow these switches, which name every case (no `default:`), so a new indicator that
/// lacks a rule or a chart does not compile. Declaration order is the data contract's order.
public enum IndicatorID: String, Sendable, CaseIterable, Hashable {
    case mcscEstablished = "mcsc_established"
    case womenRepresentatives = "women_representatives"
    case regularCompensation = "regular_compensation"
    case missingRepresentativesAll = "missing_representatives_all"
    case missingRepresentativesThreshold = "missing_representatives_threshold"
    case meetingsHeld = "meetings_held"
    case mcscsDiscussingSecurity = "mcscs_discussing_security"
    case meetingsOnSecurity = "meetings_on_security"
    case workPlanMinorities = "work_plan_minorities"
    case meetingLegalMinimum = "meeting_legal_minimum"

    /// Establishment indicators have one value per year, performance ones one per period.
    package var section: ReportSection {
        switch self {
        case .mcscEstablished, .womenRepresentatives, .regularCompensation, .missingRepresentativesAll, .missingRepresentativesThreshold:
            .establishment
        case .meetingsHeld, .mcscsDiscussingSecurity, .meetingsOnSecurity, .workPlanMinorities, .meetingLegalMinimum:
            .performance
        }
    }

    /// The rule: what the indicator counts or adds up over the MCSCs that existed.
    package var measure: Measure {
        switch self {
        case .mcscEstablished: .councils { _ in true }
        case .womenRepresentatives: .councils { ($0.womenRepresentatives ?? 0) >= 1 }
        case .regularCompensation: .councils { $0.compensation == .regular }
        case .missingRepresentativesAll: .unrepresented(aboveThreshold: false)
        case .missingRepresentativesThreshold: .unrepresented(aboveThreshold: true)
        case .meetingsHeld: .sum { $0.meetings ?? 0 }
        case .mcscsDiscussingSecurity: .councils { ($0.meetingsSecurity ?? 0) >= 1 }
        case .meetingsOnSecurity: .sum { $0.meetingsSecurity ?? 0 }
        case .workPlanMinorities: .councils { $0.workPlan == .adoptedMinorities }
        case .meetingLegalMinimum: .meetingLegalMinimum
        }
    }

    /// What the indicator counts or adds up, which names its series and its sentences.
    package var unit: IndicatorUnit {
        switch self {
        case .mcscEstablished, .womenRepresentatives, .missingRepresentativesAll, .missingRepresentativesThreshold,
            .mcscsDiscussingSecurity, .workPlanMinorities, .meetingLegalMinimum:
            .councils
        // It is the municipality that compensates the council's members. Counted over the
        // municipalities with an MCSC, like the others.
        case .regularCompensation: .municipalities
        case .meetingsHeld: .meetings
        case .meetingsOnSecurity: .meetingsOnSecurity
        }
    }

    /// The chart of the national sheet that shows the indicator (``ChartID/content``); nil for
    /// figures printed in the text only.
    var chart: ChartID? {
        ChartID.allCases.first { $0.indicators.contains(self) }
    }
}

/// What an indicator counts or adds up.
package enum IndicatorUnit: Sendable, Hashable, CaseIterable {
    /// MCSCs for which the rule holds.
    case councils
    /// Municipalities (with an MCSC) for which the rule holds.
    case municipalities
    /// Meetings held.
    case meetings
    /// Meetings at which security was discussed.
    case meetingsOnSecurity

    /// Its code in the words files (`units:` of `datapackage.yaml`).
    package var code: String {
        switch self {
        case .councils: "councils"
        case .municipalities: "municipalities"
        case .meetings: "meetings"
        case .meetingsOnSecurity: "meetings_on_security"
        }
    }
}

/// How an indicator is worked out from the councils of a year or period.
package enum Measure {
    /// Councils for which the rule holds.
    case councils((MonitoringRecord) -> Bool)
    /// Councils where a community of the census is not represented: any community with people
    /// (`aboveThreshold: false`), or only those above `census_threshold`. Councils of
    /// municipalities without census figures are not assessed.
    case unrepresented(aboveThreshold: Bool)
    /// Councils that held at least the period's share of the yearly minimum of meetings.
    case meetingLegalMinimum
    /// A sum over the councils, with each one's contribution.
    case sum((MonitoringRecord) -> Int)

    /// Whether the rule needs census figures (and so leaves some municipalities not assessed).
    package var isRepresentation: Bool {
        if case .unrepresented = self { return true }
        return false
    }
}

/// The two sections of the fact sheet.
package enum ReportSection: String, Sendable, Hashable, Codable {
    case establishment
    case performance
}

/// One indicator for one year or period, with what it was computed from.
public struct IndicatorValue: Sendable, Hashable {
    package enum Detail: Sendable, Hashable {
        /// A count: the municipalities counted, and those the rule could not be applied to.
        case count(municipalities: [String], notAssessed: [String])
        /// A sum: each municipality's contribution.
        case sum(byMunicipality: [String: Int])
    }

    package var id: IndicatorID
    /// The year as a string (`"2017"`).
    package var period: String
    public var value: Int
    package var detail: Detail

    var section: ReportSection { id.section }
}

/// Every indicator of an edition, in the order of the data contract.
public struct Indicators: Sendable {
    var edition: String
    var dataStatus: DataStatus
    package var values: [IndicatorValue]

    /// The value of `id` for `period` (a year as a string).
    public func value(_ id: IndicatorID, _ period: String) -> IndicatorValue? {
        values.first { $0.id == id && $0.period == period }
    }
}

/// Computes the indicators from a validated dataset, following the rules of the data contract.
package struct IndicatorCalculator: Sendable {
    package init() {}

    /// The indicators and every municipality's own figures.
    package func figures(for dataset: Dataset) -> Figures {
        Figures(dataset: dataset, indicators: indicators(for: dataset), municipal: MunicipalFigures.all(dataset))
    }

    func indicators(for dataset: Dataset) -> Indicators {
        let configuration = dataset.configuration
        var values: [IndicatorValue] = []
        for id in IndicatorID.allCases {
            // Establishment indicators are worked out over whole years, performance ones over periods.
            let periods =
                switch id.section {
                case .establishment: configuration.establishmentYears.map { Period(year: $0) }
                case .performance: configuration.periods
                }
            for period in periods {
                values.append(value(id, period: period, dataset: dataset))
            }
        }
        return Indicators(edition: configuration.edition, dataStatus: configuration.dataStatus, values: values)
    }

    private func value(_ id: IndicatorID, period: Period, dataset: Dataset) -> IndicatorValue {
        let councils = dataset.councils(in: period.year)
        switch id.measure {
        case .councils(let rule):
            return count(id, period.id, councils, where: rule)
        case .unrepresented(let aboveThreshold):
            let threshold = aboveThreshold ? dataset.configuration.censusThreshold : 0
            var missing: [String] = []
            var notAssessed: [String] = []
            for council in councils {
                guard let population = dataset.census[council.municipality] else {
                    notAssessed.append(council.municipality)
                    continue
                }
                if !Self.unrepresented(council, population: population, above: threshold).isEmpty {
                    missing.append(council.municipality)
                }
            }
            return IndicatorValue(
                id: id, period: period.id, value: missing.count, detail: .count(municipalities: missing, notAssessed: notAssessed))
        case .meetingLegalMinimum:
            let minimum = period.legalMinimum(perYear: dataset.configuration.minimumMeetingsPerYear)
            return count(id, period.id, councils) { ($0.meetings ?? 0) >= minimum }
        case .sum(let amount):
            return sum(id, period.id, councils, of: amount)
        }
    }

    /// Communities with population above `threshold` (not "other") that `council` does not represent.
    static func unrepresented(_ council: MonitoringRecord, population: [Community: Int], above threshold: Int) -> [Community] {
        population.filter { $0.key.isCommunity && $0.value > threshold && !council.communitiesRepresented.contains($0.key) }
            .map(\.key).sorted()
    }

    private func count(_ id: IndicatorID, _ period: String, _ councils: [MonitoringRecord], where rule: (MonitoringRecord) -> Bool)
        -> IndicatorValue
    {
        let counted = councils.filter(rule).map(\.municipality)
        return IndicatorValue(id: id, period: period, value: counted.count, detail: .count(municipalities: counted, notAssessed: []))
    }

    /// Each council's contribution and their total. Counts are bounded when validated (at most
    /// a meeting a day), so the total of any number of councils stays far from overflowing.
    private func sum(_ id: IndicatorID, _ period: String, _ councils: [MonitoringRecord], of amount: (MonitoringRecord) -> Int)
        -> IndicatorValue
    {
        var contributions: [String: Int] = [:]
        for council in councils { contributions[council.municipality] = amount(council) }
        return IndicatorValue(id: id, period: period, value: contributions.values.reduce(0, +), detail: .sum(byMunicipality: contributions))
    }
}

// MARK: - indicators.json

extension Indicators {
    /// `indicators.json` as the data contract describes it: keys sorted, integers only, one
    /// indicator object per block and lists on one line, so the file is byte-stable and diffs well.
    package func json() -> String {
        var out = "{\n"
        out += "  \"data_status\": \(Escaping.json(dataStatus.rawValue)),\n"
        out += "  \"edition\": \(Escaping.json(edition)),\n"
        out += "  \"indicators\": ["
        for (index, value) in values.enumerated() {
            var fields: [(String, String)] = [
                ("id", Escaping.json(value.id.rawValue)),
                ("period", Escaping.json(value.period)),
                ("section", Escaping.json(value.section.rawValue)),
                ("value", String(value.value)),
            ]
            switch value.detail {
            case .count(let municipalities, let notAssessed):
                fields.append(("municipalities", JSONText.array(municipalities)))
                fields.append(("not_assessed", JSONText.array(notAssessed)))
            case .sum(let byMunicipality):
                fields.append(("by_municipality", JSONText.object(byMunicipality)))
            }
            fields.sort { $0.0 < $1.0 }
            out += index == 0 ? "\n" : ",\n"
            out += "    {\n"
            out += fields.map { "      \(Escaping.json($0.0)): \($0.1)" }.joined(separator: ",\n")
            out += "\n    }"
        }
        out += values.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}

/// JSON arrays and objects on one line, for `indicators.json`'s compact lists.
enum JSONText {
    static func array(_ items: [String]) -> String {
        "[" + items.map(Escaping.json).joined(separator: ", ") + "]"
    }

    static func object(_ entries: [String: Int]) -> String {
        "{" + entries.sorted { $0.key < $1.key }.map { "\(Escaping.json($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
    }
}
