import Dispatch
import FactsheetInput
import FactsheetSupport

/// Every figure any output prints, worked out once from the validated dataset: the indicators
/// (Kosovo-wide) and each municipality's own figures.
///
/// The stages after this one (view models, chart data, the review page, the workbook) read
/// figures from here and never the monitoring records, so a rule is applied in one place only.
public struct Figures: Sendable {
    /// The edition's configuration, as validated.
    package let configuration: EditionConfiguration
    /// The register in file order.
    package let municipalities: [Municipality]
    public let indicators: Indicators
    /// Each municipality's own figures, in register order.
    package let municipal: [MunicipalFigures]
    /// How many MCSCs existed in each monitored year.
    private let councilCounts: [Int: Int]
    private let positions: [String: Int]

    init(dataset: Dataset, indicators: Indicators, municipal: [MunicipalFigures]) {
        configuration = dataset.configuration
        municipalities = dataset.municipalities
        self.indicators = indicators
        self.municipal = municipal
        councilCounts = Dictionary(
            dataset.configuration.monitoredYears.map { ($0, dataset.councils(in: $0).count) }, uniquingKeysWith: { first, _ in first })
        positions = Dictionary(municipal.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The municipality of the register with this code.
    package func municipality(_ code: String) -> Municipality? {
        positions[code].map { municipalities[$0] }
    }

    /// The municipality's own figures.
    package func figures(of code: String) -> MunicipalFigures? {
        positions[code].map { municipal[$0] }
    }

    /// How many MCSCs existed in `year`.
    package func councils(in year: Int) -> Int {
        councilCounts[year] ?? 0
    }
}

/// One municipality's figures over the edition's establishment years and periods.
package struct MunicipalFigures: Sendable {
    /// The council in one establishment year.
    package struct YearCouncil: Sendable, Hashable {
        package var womenRepresentatives: Int?
        package var compensation: Compensation?
        /// Communities of the census not represented on the council; nil when the municipality
        /// has no census figures (not assessed).
        package var missingAll: [Community]?
        /// The same, for communities above the census threshold only.
        package var missingAboveThreshold: [Community]?
    }

    /// The council in one period.
    package struct PeriodCouncil: Sendable, Hashable {
        package var meetings: Int?
        /// Whether it held at least the period's share of the yearly minimum of meetings.
        package var meetsMinimum: Bool
        package var meetingsSecurity: Int?
        package var workPlan: WorkPlan?
    }

    package let code: String
    package let hasCensus: Bool
    /// One entry per establishment year (the configuration's order); nil where it had no MCSC.
    package let years: [YearCouncil?]
    /// One entry per period (the configuration's order); nil where it had no MCSC.
    package let periods: [PeriodCouncil?]
    /// Whether it had an MCSC in any year the edition monitors.
    package let hadMCSC: Bool
    /// The establishment years after the last one in which it had an MCSC, when it had one in
    /// an earlier year: the council was dissolved.
    package let dissolvedYears: [Int]

    init(_ municipality: Municipality, dataset: Dataset) {
        let configuration = dataset.configuration
        let code = municipality.code
        self.code = code
        let population = dataset.census[code]
        hasCensus = population != nil
        years = configuration.establishmentYears.map { year in
            dataset.council(of: code, in: year).map { council in
                YearCouncil(
                    womenRepresentatives: council.womenRepresentatives, compensation: council.compensation,
                    missingAll: population.map { IndicatorCalculator.unrepresented(council, population: $0, above: 0) },
                    missingAboveThreshold: population.map {
                        IndicatorCalculator.unrepresented(council, population: $0, above: configuration.censusThreshold)
                    })
            }
        }
        periods = configuration.periods.map { period in
            dataset.council(of: code, in: period.year).map { council in
                PeriodCouncil(
                    meetings: council.meetings,
                    meetsMinimum: (council.meetings ?? 0) >= period.legalMinimum(perYear: configuration.minimumMeetingsPerYear),
                    meetingsSecurity: council.meetingsSecurity, workPlan: council.workPlan)
            }
        }
        hadMCSC = dataset.hadMCSC(code)
        dissolvedYears = Self.yearsAfterLastCouncil(configuration.establishmentYears) { dataset.council(of: code, in: $0) != nil }
    }

    /// A municipality the monitoring files do not cover: no MCSC in any year.
    package init(code: String, configuration: EditionConfiguration) {
        self.code = code
        hasCensus = false
        years = configuration.establishmentYears.map { _ in nil }
        periods = configuration.periods.map { _ in nil }
        hadMCSC = false
        dissolvedYears = []
    }

    /// The years after the last one in which `hadCouncil`, when it had one in an earlier year.
    /// Empty when it had one in the last year, or never.
    static func yearsAfterLastCouncil(_ years: [Int], _ hadCouncil: (Int) -> Bool) -> [Int] {
        let sorted = years.sorted()
        guard let last = sorted.lastIndex(where: hadCouncil) else { return [] }
        return Array(sorted[(last + 1)...])
    }

    /// Every municipality's figures, in register order, worked out on every core.
    static func all(_ dataset: Dataset) -> [MunicipalFigures] {
        let municipalities = dataset.municipalities
        let chunk = 256
        let chunks = (municipalities.count + chunk - 1) / chunk
        let slots = ConcurrentSlots<[MunicipalFigures]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = (index * chunk)..<min(municipalities.count, (index + 1) * chunk)
            slots.set(index, municipalities[range].map { MunicipalFigures($0, dataset: dataset) })
        }
        return slots.values.flatMap { $0 ?? [] }
    }
}
