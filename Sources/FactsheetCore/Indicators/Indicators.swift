import Foundation

/// The indicators of the data contract.
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

    public static let establishment: [IndicatorID] = [
        .mcscEstablished, .womenRepresentatives, .regularCompensation, .missingRepresentativesAll, .missingRepresentativesThreshold,
    ]
    public static let performance: [IndicatorID] = [
        .meetingsHeld, .mcscsDiscussingSecurity, .meetingsOnSecurity, .workPlanMinorities, .meetingLegalMinimum,
    ]

    public var section: ReportSection {
        Self.establishment.contains(self) ? .establishment : .performance
    }
}

/// The two sections of the fact sheet.
public enum ReportSection: String, Sendable, Hashable, Codable {
    case establishment
    case performance
}

/// One indicator for one year or period, with what it was computed from.
public struct IndicatorValue: Sendable, Hashable {
    public enum Detail: Sendable, Hashable {
        /// A count: the municipalities counted, and those the rule could not be applied to.
        case count(municipalities: [String], notAssessed: [String])
        /// A sum: each municipality's contribution.
        case sum(byMunicipality: [String: Int])
    }

    public var id: IndicatorID
    /// The year as a string (`"2017"`).
    public var period: String
    public var value: Int
    public var detail: Detail

    public var section: ReportSection { id.section }
}

/// Every indicator of an edition, in the order of the data contract.
public struct Indicators: Sendable {
    public var edition: String
    public var dataStatus: DataStatus
    public var values: [IndicatorValue]

    /// The value of `id` for `period` (a year as a string).
    public func value(_ id: IndicatorID, _ period: String) -> IndicatorValue? {
        values.first { $0.id == id && $0.period == period }
    }
}

/// Computes the indicators from a validated dataset, following the rules of the data contract.
public struct IndicatorCalculator: Sendable {
    public init() {}

    public func indicators(for dataset: Dataset) -> Indicators {
        let configuration = dataset.configuration
        var values: [IndicatorValue] = []
        for id in IndicatorID.establishment {
            for year in configuration.establishmentYears {
                values.append(establishment(id, year: year, dataset: dataset))
            }
        }
        for id in IndicatorID.performance {
            for period in configuration.periods {
                values.append(performance(id, period: period, dataset: dataset))
            }
        }
        return Indicators(edition: configuration.edition, dataStatus: configuration.dataStatus, values: values)
    }

    private func establishment(_ id: IndicatorID, year: Int, dataset: Dataset) -> IndicatorValue {
        let councils = dataset.councils(in: year)
        switch id {
        case .mcscEstablished:
            return count(id, String(year), councils) { _ in true }
        case .womenRepresentatives:
            return count(id, String(year), councils) { ($0.womenRepresentatives ?? 0) >= 1 }
        case .regularCompensation:
            return count(id, String(year), councils) { $0.compensation == .regular }
        case .missingRepresentativesAll, .missingRepresentativesThreshold:
            let threshold = id == .missingRepresentativesAll ? 0 : dataset.configuration.censusThreshold
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
            return IndicatorValue(id: id, period: String(year), value: missing.count, detail: .count(municipalities: missing, notAssessed: notAssessed))
        default:
            preconditionFailure("\(id) is not an establishment indicator")
        }
    }

    private func performance(_ id: IndicatorID, period: Period, dataset: Dataset) -> IndicatorValue {
        let councils = dataset.councils(in: period.year)
        switch id {
        case .meetingsHeld:
            return sum(id, period.id, councils) { $0.meetings ?? 0 }
        case .meetingsOnSecurity:
            return sum(id, period.id, councils) { $0.meetingsSecurity ?? 0 }
        case .mcscsDiscussingSecurity:
            return count(id, period.id, councils) { ($0.meetingsSecurity ?? 0) >= 1 }
        case .workPlanMinorities:
            return count(id, period.id, councils) { $0.workPlan == .adoptedMinorities }
        case .meetingLegalMinimum:
            let minimum = period.legalMinimum(perYear: dataset.configuration.minimumMeetingsPerYear)
            return count(id, period.id, councils) { ($0.meetings ?? 0) >= minimum }
        default:
            preconditionFailure("\(id) is not a performance indicator")
        }
    }

    /// Communities with population above `threshold` (not "other") that `council` does not represent.
    public static func unrepresented(_ council: MonitoringRecord, population: [Community: Int], above threshold: Int) -> [Community] {
        population.filter { $0.key.isCommunity && $0.value > threshold && !council.communitiesRepresented.contains($0.key) }
            .map(\.key).sorted()
    }

    private func count(_ id: IndicatorID, _ period: String, _ councils: [MonitoringRecord], where rule: (MonitoringRecord) -> Bool) -> IndicatorValue {
        let counted = councils.filter(rule).map(\.municipality)
        return IndicatorValue(id: id, period: period, value: counted.count, detail: .count(municipalities: counted, notAssessed: []))
    }

    private func sum(_ id: IndicatorID, _ period: String, _ councils: [MonitoringRecord], of amount: (MonitoringRecord) -> Int) -> IndicatorValue {
        var contributions: [String: Int] = [:]
        for council in councils { contributions[council.municipality] = amount(council) }
        return IndicatorValue(id: id, period: period, value: contributions.values.reduce(0, +), detail: .sum(byMunicipality: contributions))
    }
}

// MARK: - indicators.json

extension Indicators {
    private struct File: Encodable {
        let edition: String
        let data_status: String
        let indicators: [Entry]
    }

    private struct Entry: Encodable {
        let id: String
        let section: String
        let period: String
        let value: Int
        let municipalities: [String]?
        let not_assessed: [String]?
        let by_municipality: [String: Int]?
    }

    /// `indicators.json` as the data contract describes it: sorted keys, integers, a final newline.
    public func json() -> String {
        let entries = values.map { value -> Entry in
            switch value.detail {
            case .count(let municipalities, let notAssessed):
                return Entry(
                    id: value.id.rawValue, section: value.section.rawValue, period: value.period, value: value.value,
                    municipalities: municipalities, not_assessed: notAssessed, by_municipality: nil)
            case .sum(let byMunicipality):
                return Entry(
                    id: value.id.rawValue, section: value.section.rawValue, period: value.period, value: value.value,
                    municipalities: nil, not_assessed: nil, by_municipality: byMunicipality)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let file = File(edition: edition, data_status: dataStatus.rawValue, indicators: entries)
        // Encoding plain strings and integers cannot fail.
        let data = (try? encoder.encode(file)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
