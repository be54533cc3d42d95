/// Everything a template and its charts need in one language, formatted: the stage between
/// indicators and Markdown.
public struct SheetViewModel: Sendable {
    /// The charts a template may place, by id, in the order the fact sheet shows them.
    public static let chartIDs = [
        "women_representatives", "regular_compensation", "missing_representatives", "meetings_held",
        "mcscs_discussing_security", "work_plan_minorities", "meetings_on_security",
    ]

    public let language: Language
    /// Template values: formatted strings and booleans (for `{{#name}}…{{/name}}` sections).
    public let values: [String: TemplateValue]
    /// Charts by id, without their titles (the template's headings give those).
    public let charts: [String: ChartSpec]

    private let format: LanguageFormat

    var mustacheValues: [String: Any] { values.mapValues { $0.mustacheValue(format) } }

    /// - Parameter alphabetical: the register in this language's alphabetical order (see
    ///   ``LanguageFormat/alphabetical(_:)``); sorted here when not given.
    public init(dataset: Dataset, indicators: Indicators, format: LanguageFormat, alphabetical: [Municipality]? = nil) {
        let language = format.language
        self.language = language
        self.format = format
        let configuration = dataset.configuration
        let years = configuration.establishmentYears
        let periods = configuration.periods
        var values = TemplateValue.editionValues(configuration, format: format)
        func number(_ id: IndicatorID, _ period: String?) -> TemplateValue {
            guard let period, let value = indicators.value(id, period) else { return .text("") }
            return .count(value.value)
        }

        let lastYear = years.last.map(String.init)
        let firstYear = years.first.map(String.init)
        for id in IndicatorID.establishment {
            values[id.rawValue] = number(id, lastYear)
            values[id.rawValue + "_first"] = number(id, firstYear)
        }
        let latest = periods.last
        let previous = periods.count > 1 ? periods[periods.count - 2] : nil
        values["councils_latest_period"] = .count(latest.map { dataset.councils(in: $0.year).count } ?? 0)
        values["councils_previous_period"] = .count(previous.map { dataset.councils(in: $0.year).count } ?? 0)
        for id in IndicatorID.performance {
            values[id.rawValue] = number(id, latest?.id)
            values[id.rawValue + "_previous"] = number(id, previous?.id)
        }

        // Municipalities that had an MCSC but no census figures, in any establishment year.
        var notAssessed = Set<String>()
        for year in years {
            if case .count(_, let codes)? = indicators.value(.missingRepresentativesAll, String(year))?.detail {
                notAssessed.formUnion(codes)
            }
        }
        let notAssessedNames = format.sorted(notAssessed.compactMap { dataset.municipality($0)?.name(in: language) })
        values["has_not_assessed"] = .flag(!notAssessedNames.isEmpty)
        values["not_assessed"] = .text(format.list(notAssessedNames))
        values["not_assessed_count"] = .count(notAssessedNames.count)
        self.values = values

        self.charts = Self.charts(
            dataset: dataset, indicators: indicators, format: format,
            alphabetical: alphabetical ?? format.alphabetical(dataset.municipalities))
    }

    // MARK: - Charts

    private static func charts(
        dataset: Dataset, indicators: Indicators, format: LanguageFormat, alphabetical: [Municipality]
    ) -> [String: ChartSpec] {
        let strings = format.strings
        let configuration = dataset.configuration
        let yearLabels = configuration.establishmentYears.map(String.init)
        let periodLabels = configuration.periods.map { format.capitalisedFirst(format.period($0)) }
        let periodIDs = configuration.periods.map(\.id)
        let notes = configuration.periods.compactMap { period in
            period.note[format.language.key].map { "\(format.capitalisedFirst(format.period(period))): \($0)" }
        }

        func values(_ id: IndicatorID, _ periods: [String]) -> [Int?] {
            periods.map { indicators.value(id, $0)?.value }
        }
        /// "2014: 18 of 30 MCSCs; 2015: …" — each count against the councils it was assessed
        /// for: those that existed, less those the rule could not be applied to.
        func countSummary(_ id: IndicatorID, labels: [String], periods: [String], years: [Int]) -> String {
            zip(zip(labels, periods), years).map { pair, year in
                let value = indicators.value(id, pair.1)
                var notAssessed = 0
                if case .count(_, let codes)? = value?.detail { notAssessed = codes.count }
                let total = dataset.councils(in: year).count - notAssessed
                let count: Argument = value.map { .count($0.value) } ?? .text(strings[.dash])
                return strings.format(.countOfCouncils, ["period": .text(pair.0), "count": count, "total": .count(total)], in: format)
            }.joined(separator: "; ") + "."
        }
        func yearCount(_ id: IndicatorID, name: String) -> ChartSpec {
            ChartSpec(
                id: id.rawValue, layout: .columns, title: "",
                summary: countSummary(id, labels: yearLabels, periods: yearLabels, years: configuration.establishmentYears),
                categoryHeader: strings[.columnYear], categories: yearLabels, series: [.init(name: name, values: values(id, yearLabels))])
        }
        func periodCount(_ id: IndicatorID, name: String) -> ChartSpec {
            ChartSpec(
                id: id.rawValue, layout: .columns, title: "",
                summary: countSummary(id, labels: periodLabels, periods: periodIDs, years: configuration.periods.map(\.year)),
                categoryHeader: strings[.columnPeriod], categories: periodLabels, series: [.init(name: name, values: values(id, periodIDs))],
                notes: notes)
        }
        /// Per-municipality meetings; like every chart that shows the periods, with their notes.
        func byMunicipality(_ id: IndicatorID) -> ChartSpec {
            let contributions = configuration.periods.map { period -> [String: Int] in
                if case .sum(let byMunicipality)? = indicators.value(id, period.id)?.detail { return byMunicipality }
                return [:]
            }
            let codes = Set(contributions.flatMap(\.keys))
            let ordered = alphabetical.filter { codes.contains($0.code) }.map { ($0.code, $0.name(in: format.language)) }
            let series = zip(configuration.periods, contributions).map { period, byMunicipality in
                ChartSpec.Series(name: format.capitalisedFirst(format.period(period)), values: ordered.map { byMunicipality[$0.0] })
            }
            var summary = configuration.periods.map { period in
                let count: Argument = indicators.value(id, period.id).map { .count($0.value) } ?? .text(strings[.dash])
                return strings.format(.meetingsIn, ["period": .text(format.period(period)), "count": count], in: format)
            }.joined(separator: "; ") + ". " + strings.format(.rowsSummary, ["count": .count(ordered.count)], in: format)
            if let last = series.last, let best = zip(ordered, last.values).compactMap({ row, value in value.map { (row.1, $0) } })
                .max(by: { $0.1 < $1.1 }), let lastPeriod = configuration.periods.last {
                summary += " " + strings.format(.highest, ["period": .text(format.period(lastPeriod)), "name": .text(best.0), "count": .count(best.1)], in: format)
            }
            return ChartSpec(
                id: id.rawValue, layout: .rows, title: "", summary: summary, categoryHeader: strings[.columnMunicipality],
                categories: ordered.map(\.1), series: series, notes: notes, missingLabel: strings[.noMCSC])
        }

        var charts: [String: ChartSpec] = [:]
        charts["women_representatives"] = yearCount(.womenRepresentatives, name: strings[.seriesCouncils])
        charts["regular_compensation"] = yearCount(.regularCompensation, name: strings[.seriesCouncils])
        let thresholdRule = strings.format(.thresholdRule, ["threshold": .count(configuration.censusThreshold)], in: format)
        charts["missing_representatives"] = ChartSpec(
            id: "missing_representatives", layout: .columns, title: "",
            summary: strings[.strictRule] + ": "
                + countSummary(.missingRepresentativesAll, labels: yearLabels, periods: yearLabels, years: configuration.establishmentYears)
                + " " + thresholdRule + ": "
                + countSummary(.missingRepresentativesThreshold, labels: yearLabels, periods: yearLabels, years: configuration.establishmentYears),
            categoryHeader: strings[.columnYear], categories: yearLabels,
            series: [
                .init(name: strings[.strictRule], values: values(.missingRepresentativesAll, yearLabels)),
                .init(name: thresholdRule, values: values(.missingRepresentativesThreshold, yearLabels)),
            ])
        charts["meetings_held"] = byMunicipality(.meetingsHeld)
        charts["mcscs_discussing_security"] = periodCount(.mcscsDiscussingSecurity, name: strings[.seriesCouncils])
        charts["work_plan_minorities"] = periodCount(.workPlanMinorities, name: strings[.seriesCouncils])
        charts["meetings_on_security"] = byMunicipality(.meetingsOnSecurity)
        return charts
    }
}
