/// One municipality's sheet in one language: its own figures over the edition's years and periods.
public struct MunicipalityViewModel {
    /// The charts a municipality template may place.
    public static let chartIDs = ["municipality_women", "municipality_meetings"]

    public let municipality: Municipality
    public let language: Language
    /// The sheet's own template values, as the renderer takes them; the edition's values
    /// (``TemplateValue/editionValues(_:format:)``) are shared by every sheet and given to the
    /// template beside these.
    let mustacheValues: [String: Any]
    public let charts: [String: ChartSpec]

    /// What every municipal sheet of one language prints the same: labels of the years and
    /// periods, each period's legal minimum. A build makes them once per language.
    public struct Labels: Sendable {
        let years: [String]
        /// `January–September 2017`, capitalised as a table cell or chart label.
        let periods: [String]
        let minimums: [Int]
        let formattedMinimums: [String]

        public init(configuration: EditionConfiguration, format: LanguageFormat) {
            years = configuration.establishmentYears.map(String.init)
            periods = configuration.periods.map { format.capitalisedFirst(format.period($0)) }
            minimums = configuration.periods.map { $0.legalMinimum(perYear: configuration.minimumMeetingsPerYear) }
            formattedMinimums = minimums.map(format.number)
        }
    }

    public init(dataset: Dataset, municipality: Municipality, format: LanguageFormat, labels: Labels? = nil) {
        let language = format.language
        self.municipality = municipality
        self.language = language
        let strings = PageStrings.for(language)
        let configuration = dataset.configuration
        let labels = labels ?? Labels(configuration: configuration, format: format)
        let code = municipality.code
        let population = dataset.census[code]
        // Each year's record looked up once: the tables and both charts ask for them.
        let records = Dictionary(configuration.monitoredYears.map { ($0, dataset.council(of: code, in: $0)) }, uniquingKeysWith: { first, _ in first })
        func record(_ year: Int) -> MonitoringRecord? {
            records[year] ?? dataset.council(of: code, in: year)
        }
        func communities(_ list: [Community]) -> String {
            list.isEmpty ? strings.noneMissing : format.list(list.compactMap { strings.communities[$0] })
        }

        // Template values are made as swift-mustache takes them (see ``TemplateValue``), without a
        // typed dictionary in between: every municipal sheet of a build makes its own.
        func row(_ cells: KeyValuePairs<String, String>) -> TemplateRow {
            TemplateRow(Dictionary(uniqueKeysWithValues: cells.map { ($0.key, TemplateText($0.value) as Any) }))
        }
        var values: [String: Any] = [:]
        values["municipality"] = TemplateText(municipality.name(in: language))
        values["has_census"] = population != nil

        let years = configuration.establishmentYears
        values["years"] = zip(years, labels.years).map { year, yearLabel in
            guard let council = record(year) else {
                return row([
                    "year": yearLabel, "mcsc": strings.no, "women": strings.dash,
                    "compensation": strings.dash, "missing_all": strings.dash, "missing_threshold": strings.dash,
                ])
            }
            let missingAll = population.map { communities(IndicatorCalculator.unrepresented(council, population: $0, above: 0)) }
            let missingThreshold = population.map {
                communities(IndicatorCalculator.unrepresented(council, population: $0, above: configuration.censusThreshold))
            }
            return row([
                "year": yearLabel, "mcsc": strings.yes,
                "women": council.womenRepresentatives.map(format.number) ?? strings.dash,
                "compensation": council.compensation.flatMap { strings.compensation[$0] } ?? strings.dash,
                "missing_all": missingAll ?? strings.notAssessed,
                "missing_threshold": missingThreshold ?? strings.notAssessed,
            ])
        }
        let yearsWithout = years.filter { record($0) == nil }
        values["had_mcsc"] = dataset.hadMCSC(code)
        values["has_no_mcsc_years"] = !yearsWithout.isEmpty && yearsWithout.count < years.count
        values["no_mcsc_years"] = TemplateText(format.list(yearsWithout.map(String.init)))

        values["periods_table"] = configuration.periods.indices.map { index in
            let period = configuration.periods[index]
            let minimum = labels.minimums[index]
            guard let council = record(period.year) else {
                return row([
                    "period": labels.periods[index], "mcsc": strings.no,
                    "meetings": strings.dash, "minimum": labels.formattedMinimums[index], "meets_minimum": strings.dash,
                    "meetings_security": strings.dash, "work_plan": strings.dash,
                ])
            }
            return row([
                "period": labels.periods[index], "mcsc": strings.yes,
                "meetings": council.meetings.map(format.number) ?? strings.dash,
                "minimum": labels.formattedMinimums[index],
                "meets_minimum": (council.meetings ?? 0) >= minimum ? strings.yes : strings.no,
                "meetings_security": council.meetingsSecurity.map(format.number) ?? strings.dash,
                "work_plan": council.workPlan.flatMap { strings.workPlan[$0] } ?? strings.dash,
            ])
        }
        self.mustacheValues = values

        let yearLabels = labels.years
        let women = years.map { record($0)?.womenRepresentatives }
        let periodLabels = labels.periods
        let meetings = configuration.periods.map { record($0.year)?.meetings }
        let security = configuration.periods.map { record($0.year)?.meetingsSecurity }
        self.charts = [
            "municipality_women": ChartSpec(
                id: "municipality_women", layout: .columns, title: "",
                summary: zip(yearLabels, women).map { strings.municipalWomenSummary($0, $1.map(format.number) ?? strings.noMCSC) }
                    .joined(separator: "; ") + ".",
                categoryHeader: strings.year, categories: yearLabels,
                series: [.init(name: strings.womenRepresentatives, values: women)], missingLabel: strings.noMCSC),
            "municipality_meetings": ChartSpec(
                id: "municipality_meetings", layout: .columns, title: "",
                summary: zip(periodLabels, zip(meetings, security)).map { label, pair in
                    pair.0.map { strings.municipalMeetingsSummary(label, format.number($0), pair.1.map(format.number) ?? strings.dash) }
                        ?? "\(label): \(strings.noMCSC)"
                }.joined(separator: "; ") + ".",
                categoryHeader: strings.period, categories: periodLabels,
                series: [.init(name: strings.meetings, values: meetings), .init(name: strings.meetingsOnSecurity, values: security)],
                missingLabel: strings.noMCSC),
        ]
    }
}
