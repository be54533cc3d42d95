import FactsheetFigures
import FactsheetInput

/// Everything a template and its charts need in one language, formatted: the stage between
/// indicators and Markdown.
package struct SheetViewModel: Sendable {
    let language: Language
    /// Template values: formatted strings and booleans (for `{{#name}}…{{/name}}` sections).
    package let values: [String: TemplateValue]
    /// Charts by id, without their titles (the template's headings give those).
    package let charts: [String: ChartSpec]

    /// - Parameter alphabetical: the register in this language's alphabetical order (see
    ///   ``LanguageFormat/alphabetical(_:)``); sorted here when not given.
    package init(figures: Figures, format: LanguageFormat, alphabetical: [Municipality]? = nil) {
        let language = format.language
        self.language = language
        let indicators = figures.indicators
        let configuration = figures.configuration
        let years = configuration.establishmentYears
        let periods = configuration.periods
        var values = TemplateValue.editionValues(configuration, format: format)
        func number(_ id: IndicatorID, _ period: String?) -> TemplateValue {
            guard let period, let value = indicators.value(id, period) else { return .text("") }
            return .count(value.value)
        }

        // Every indicator of the catalogue: the latest value, and the first year's (establishment)
        // or the previous period's (performance).
        let latest = periods.last
        let previous = periods.count > 1 ? periods[periods.count - 2] : nil
        for id in IndicatorID.allCases {
            switch id.section {
            case .establishment:
                values[id.rawValue] = number(id, years.last.map(String.init))
                values[id.rawValue + "_first"] = number(id, years.first.map(String.init))
            case .performance:
                values[id.rawValue] = number(id, latest?.id)
                values[id.rawValue + "_previous"] = number(id, previous?.id)
            }
        }
        // Whether the meetings of the last two periods fit one sentence ("held 216 meetings in … and
        // 174 in …; … discussed at 88 and 93 of them"): several meetings in each, some on security.
        // Otherwise each period gets a sentence of its own ("held no meetings", "one meeting, at which …").
        values["meetings_comparable"] = .flag(
            [latest, previous].allSatisfy { period in
                guard let id = period?.id, let held = indicators.value(.meetingsHeld, id)?.value,
                    let security = indicators.value(.meetingsOnSecurity, id)?.value
                else { return false }
                return held > 1 && security > 0
            })
        // No meetings in either of the last two periods: one sentence says so for both.
        values["no_meetings_in_either_period"] = .flag(
            previous != nil
                && [latest, previous].allSatisfy { period in
                    period.flatMap { indicators.value(.meetingsHeld, $0.id)?.value } == 0
                })
        values["councils_latest_period"] = .count(latest.map { figures.councils(in: $0.year) } ?? 0)
        values["councils_previous_period"] = .count(previous.map { figures.councils(in: $0.year) } ?? 0)

        // Municipalities that had an MCSC but no census figures, in any establishment year.
        var notAssessed = Set<String>()
        for year in years {
            if case .count(_, let codes)? = indicators.value(.missingRepresentativesAll, String(year))?.detail {
                notAssessed.formUnion(codes)
            }
        }
        let notAssessedNames = format.sorted(notAssessed.compactMap { figures.municipality($0)?.name(in: language) })
        values["has_not_assessed"] = .flag(!notAssessedNames.isEmpty)
        values["not_assessed"] = .list(notAssessedNames, format: format)
        values["not_assessed_count"] = .count(notAssessedNames.count)
        self.values = values

        self.charts = Self.charts(
            figures: figures, format: format, alphabetical: alphabetical ?? format.alphabetical(figures.municipalities))
    }

    // MARK: - Charts

    private static func charts(figures: Figures, format: LanguageFormat, alphabetical: [Municipality]) -> [String: ChartSpec] {
        let strings = format.strings
        let indicators = figures.indicators
        let configuration = figures.configuration
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
                let total = figures.councils(in: year) - notAssessed
                let count: PhraseArgument = value.map { .count($0.value) } ?? .text(strings[.dash])
                let key: StringKey =
                    switch id.unit {
                    case .councils: .countOfCouncils
                    case .municipalities: .countOfMunicipalities
                    // A sum is not a share of the councils: the meetings of the period.
                    case .meetings: .meetingsIn
                    case .meetingsOnSecurity: .securityMeetingsIn
                    }
                return strings.format(key, ["period": .text(pair.0), "count": count, "total": .count(total)], in: format)
            }.joined(separator: "; ") + "."
        }
        /// The municipalities a representation count leaves out (an MCSC, no census figures), named
        /// so that a total that differs from the other charts' is explained where it is read.
        func notAssessedSentence(_ ids: [IndicatorID], periods: [String]) -> String? {
            var codes = Set<String>()
            for id in ids where id.measure.isRepresentation {
                for period in periods {
                    if case .count(_, let notAssessed)? = indicators.value(id, period)?.detail { codes.formUnion(notAssessed) }
                }
            }
            let names = format.sorted(codes.compactMap { figures.municipality($0)?.name(in: format.language) })
            guard !names.isEmpty else { return nil }
            return strings.format(.notAssessedInChart, ["names": .text(format.list(names)), "count": .count(names.count)], in: format)
        }
        func seriesName(_ id: IndicatorID) -> String {
            Self.seriesName(id, threshold: configuration.censusThreshold, format: format)
        }
        /// Columns of counts, one group per year or period, one bar per indicator.
        func counts(_ chart: ChartID, _ ids: [IndicatorID]) -> ChartSpec {
            let establishment = ids.first?.section == .establishment
            let labels = establishment ? yearLabels : periodLabels
            // In a sentence a period is written as in running text (`janar – shtator 2017`).
            let spoken = establishment ? yearLabels : configuration.periods.map(format.period)
            let periods = establishment ? yearLabels : periodIDs
            let years = establishment ? configuration.establishmentYears : configuration.periods.map(\.year)
            var summary = ids.map { id in
                (ids.count > 1 ? seriesName(id) + " – " : "")
                    + format.capitalisedFirst(countSummary(id, labels: spoken, periods: periods, years: years))
            }.joined(separator: " ")
            if let sentence = notAssessedSentence(ids, periods: periods) { summary += " " + sentence }
            return ChartSpec(
                id: chart.rawValue, layout: .columns, title: "", summary: summary,
                categoryHeader: strings[establishment ? .columnYear : .columnPeriod], categories: labels,
                series: ids.map { .init(name: seriesName($0), values: values($0, periods)) }, notes: establishment ? [] : notes)
        }
        /// Per-municipality meetings; like every chart that shows the periods, with their notes.
        func byMunicipality(_ chart: ChartID, _ id: IndicatorID) -> ChartSpec {
            // The meetings on security are named as such, not as meetings.
            let onSecurity = id.unit == .meetingsOnSecurity
            let contributions = configuration.periods.map { period -> [String: Int] in
                if case .sum(let byMunicipality)? = indicators.value(id, period.id)?.detail { return byMunicipality }
                return [:]
            }
            let codes = Set(contributions.flatMap(\.keys))
            let ordered = alphabetical.filter { codes.contains($0.code) }.map { ($0.code, $0.name(in: format.language)) }
            let series = zip(configuration.periods, contributions).map { period, byMunicipality in
                ChartSpec.Series(name: format.capitalisedFirst(format.period(period)), values: ordered.map { byMunicipality[$0.0] })
            }
            let totals = configuration.periods.map { period in
                let count: PhraseArgument = indicators.value(id, period.id).map { .count($0.value) } ?? .text(strings[.dash])
                return strings.format(
                    onSecurity ? .securityMeetingsIn : .meetingsIn, ["period": .text(format.period(period)), "count": count], in: format)
            }
            var summary =
                format.capitalisedFirst(totals.joined(separator: "; ")) + ". "
                + strings.format(.rowsSummary, ["count": .count(ordered.count)], in: format)
            // The most in the last period, every municipality that reached it named.
            let last = series.last.map { zip(ordered, $0.values).compactMap { row, value in value.map { (row.1, $0) } } } ?? []
            // Nothing to single out when no municipality had any.
            // When every municipality with a figure ties, naming them all says nothing: one
            // sentence says every MCSC held that many.
            if let most = last.map(\.1).max(), most > 0, let lastPeriod = configuration.periods.last {
                let names = last.filter { $0.1 == most }.map(\.0)
                let key: StringKey
                switch (names.count, onSecurity) {
                case (1, true): key = .highestOnSecurity
                case (1, false): key = .highest
                case (last.count, true): key = .highestOnSecurityEvery
                case (last.count, false): key = .highestEvery
                case (_, true): key = .highestOnSecurityShared
                case (_, false): key = .highestShared
                }
                summary +=
                    " "
                    + strings.format(
                        key, ["period": .text(format.period(lastPeriod)), "name": .text(format.list(names)), "count": .count(most)],
                        in: format)
            }
            return ChartSpec(
                id: chart.rawValue, layout: .rows, title: "", summary: summary, categoryHeader: strings[.columnMunicipality],
                categories: ordered.map(\.1), series: series, notes: notes, missingLabel: strings[.noMCSC])
        }

        var charts: [String: ChartSpec] = [:]
        var sums: [String] = []
        for chart in ChartID.charts(of: .national) {
            switch chart.content {
            case .perMunicipality(let id):
                charts[chart.rawValue] = byMunicipality(chart, id)
                sums.append(chart.rawValue)
            case .perYearOrPeriod(let ids): charts[chart.rawValue] = counts(chart, ids)
            // A municipality's own charts are its sheet's.
            case .municipalWomen, .municipalMeetings: continue
            }
        }
        // The per-municipality charts count meetings and print side by side: one scale for all.
        let meetingsMaximum = sums.compactMap { charts[$0]?.maximum }.max()
        for chart in sums { charts[chart]?.sharedMaximum = meetingsMaximum }
        return charts
    }

    /// The series a chart draws for `id` (its legend and column header): what is counted or
    /// added up, or the rule applied; the workbook's headers say the same.
    package static func seriesName(_ id: IndicatorID, threshold: Int, format: LanguageFormat) -> String {
        let strings = format.strings
        switch id.measure {
        case .unrepresented(aboveThreshold: false): return strings[.strictRule]
        case .unrepresented(aboveThreshold: true): return strings.format(.thresholdRule, ["threshold": .count(threshold)], in: format)
        case .councils, .meetingLegalMinimum, .sum:
            switch id.unit {
            case .councils: return strings[.seriesCouncils]
            case .municipalities: return strings[.seriesMunicipalities]
            case .meetings: return strings[.seriesMeetings]
            case .meetingsOnSecurity: return strings[.seriesMeetingsOnSecurity]
            }
        }
    }
}
