import FactsheetFigures
import FactsheetInput

/// One municipality's sheet in one language: its own figures over the edition's years and periods.
package struct MunicipalityViewModel {
    let municipality: Municipality
    let language: Language
    /// The sheet's own template values; the edition's values
    /// (``TemplateValue/editionValues(_:format:)``) are shared by every sheet and given to the
    /// template beside these.
    package let values: [String: TemplateValue]
    package let charts: [String: ChartSpec]

    /// What every municipal sheet of one language prints the same: labels of the years and
    /// periods, each period's legal minimum. A build makes them once per language.
    package struct Labels: Sendable {
        let years: [String]
        /// `January–September 2017`, capitalised as a table cell or chart label.
        let periods: [String]
        /// The same as running text writes them (`januar–septembar 2017`), for descriptions.
        let spokenPeriods: [String]
        let formattedMinimums: [String]
        /// Each period's note in this language (`January–September 2017: the mandate expired …`).
        let notes: [String]

        package init(configuration: EditionConfiguration, format: LanguageFormat) {
            years = configuration.establishmentYears.map(String.init)
            spokenPeriods = configuration.periods.map(format.period)
            periods = spokenPeriods.map(format.capitalisedFirst)
            formattedMinimums = configuration.periods.map { format.number($0.legalMinimum(perYear: configuration.minimumMeetingsPerYear)) }
            notes = configuration.periods.compactMap { period in
                period.note[format.language.key].map { "\(format.capitalisedFirst(format.period(period))): \($0)" }
            }
        }
    }

    package init(figures: Figures, municipality: Municipality, format: LanguageFormat, labels: Labels? = nil) {
        let language = format.language
        self.municipality = municipality
        self.language = language
        let strings = format.strings
        let dash = strings[.dash]
        let yes = strings[.yes]
        let no = strings[.no]
        let noMCSC = strings[.noMCSC]
        let configuration = figures.configuration
        let labels = labels ?? Labels(configuration: configuration, format: format)
        let own =
            figures.figures(of: municipality.code)
            ?? MunicipalFigures(code: municipality.code, configuration: configuration)
        func communities(_ list: [Community]) -> String {
            list.isEmpty ? strings[.noneMissing] : format.list(list.map { strings.cell(.communities, $0.rawValue) })
        }

        func row(_ cells: KeyValuePairs<String, String>) -> [String: TemplateValue] {
            Dictionary(uniqueKeysWithValues: cells.map { ($0.key, TemplateValue.text($0.value)) })
        }
        var values: [String: TemplateValue] = [:]
        values["municipality"] = .text(municipality.name(in: language))
        values["has_census"] = .flag(own.hasCensus)

        let years = configuration.establishmentYears
        values["years"] = .rows(
            zip(own.years, labels.years).map { council, yearLabel in
                guard let council else {
                    return row([
                        "year": yearLabel, "mcsc": no, "women": dash, "compensation": dash, "missing_all": dash, "missing_threshold": dash,
                    ])
                }
                return row([
                    "year": yearLabel, "mcsc": yes,
                    "women": council.womenRepresentatives.map(format.number) ?? dash,
                    "compensation": council.compensation.map { strings.cell(.compensation, $0.rawValue) } ?? dash,
                    "missing_all": council.missingAll.map(communities) ?? strings[.notAssessed],
                    "missing_threshold": council.missingAboveThreshold.map(communities) ?? strings[.notAssessed],
                ])
            })
        // A council that existed and then no longer did is said to be gone, not merely missing,
        // in the years after its last; other years without one are named as such.
        let dissolved = own.dissolvedYears
        let yearsWith = zip(years, own.years).filter { $0.1 != nil }.map(\.0)
        let yearsWithout = zip(years, own.years).filter { $0.1 == nil && !dissolved.contains($0.0) }.map(\.0)
        values["had_mcsc"] = .flag(own.hadMCSC)
        values["dissolved"] = .flag(!dissolved.isEmpty)
        values["existed_years"] = .list(format.yearsInText(yearsWith), count: yearsWith.count)
        values["dissolved_years"] = .list(dissolved.map(format.yearInText), format: format)
        values["has_no_mcsc_years"] = .flag(!yearsWithout.isEmpty && !yearsWith.isEmpty)
        values["no_mcsc_years"] = .list(yearsWithout.map(format.yearInText), format: format)

        values["periods_table"] = .rows(
            own.periods.indices.map { index in
                guard let council = own.periods[index] else {
                    return row([
                        "period": labels.periods[index], "mcsc": no, "meetings": dash, "minimum": dash,
                        "meets_minimum": dash, "meetings_security": dash, "work_plan": dash,
                    ])
                }
                return row([
                    "period": labels.periods[index], "mcsc": yes,
                    "meetings": council.meetings.map(format.number) ?? dash,
                    "minimum": labels.formattedMinimums[index],
                    "meets_minimum": council.meetsMinimum ? yes : no,
                    "meetings_security": council.meetingsSecurity.map(format.number) ?? dash,
                    "work_plan": council.workPlan.map { strings.cell(.workPlan, $0.rawValue) } ?? dash,
                ])
            })
        self.values = values

        let yearLabels = labels.years
        let women = own.years.map { $0?.womenRepresentatives }
        let periodLabels = labels.periods
        let meetings = own.periods.map { $0?.meetings }
        let security = own.periods.map { $0?.meetingsSecurity }
        var charts: [String: ChartSpec] = [:]
        for chart in ChartID.charts(of: .municipality) {
            switch chart.content {
            case .municipalWomen:
                charts[chart.rawValue] = ChartSpec(
                    id: chart.rawValue, layout: .columns, title: "",
                    summary: zip(yearLabels, women).map { year, value in
                        guard let value else { return strings.format(.municipalNoMCSCSummary, ["period": .text(year)], in: format) }
                        return strings.format(.municipalWomenSummary, ["year": .text(year), "count": .count(value)], in: format)
                    }.joined(separator: "; ") + ".",
                    categoryHeader: strings[.columnYear], categories: yearLabels,
                    series: [.init(name: strings[.seriesWomenRepresentatives], values: women)], missingLabel: noMCSC)
            case .municipalMeetings:
                charts[chart.rawValue] = ChartSpec(
                    id: chart.rawValue, layout: .columns, title: "",
                    summary: format.capitalisedFirst(
                        zip(labels.spokenPeriods, zip(meetings, security)).map { label, pair in
                            let period = PhraseArgument.text(label)
                            guard let held = pair.0 else { return strings.format(.municipalNoMCSCSummary, ["period": period], in: format) }
                            // One sentence for each case a reader would word differently: no meetings,
                            // none or all of them on security, some of them.
                            let key: StringKey
                            switch pair.1 {
                            case _ where held == 0: key = .municipalNoMeetingsSummary
                            case 0?: key = .municipalMeetingsNoneOnSecurity
                            case held?: key = .municipalMeetingsAllOnSecurity
                            default: key = .municipalMeetingsSummary
                            }
                            let onSecurity: PhraseArgument = pair.1.map(PhraseArgument.count) ?? .text(dash)
                            return strings.format(key, ["period": period, "count": .count(held), "security": onSecurity], in: format)
                        }.joined(separator: "; ") + "."),
                    categoryHeader: strings[.columnPeriod], categories: periodLabels,
                    series: [
                        .init(name: strings[.seriesMeetings], values: meetings),
                        .init(name: strings[.seriesMeetingsOnSecurity], values: security),
                    ],
                    notes: labels.notes, missingLabel: noMCSC)
            // The Kosovo-wide charts are the national sheet's.
            case .perYearOrPeriod, .perMunicipality: continue
            }
        }
        self.charts = charts
    }
}
