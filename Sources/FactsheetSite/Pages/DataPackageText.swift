import FactsheetFigures
import FactsheetInput

/// Every word of the data package (`data/datapackage.json`), in English, in one place.
///
/// The package is metadata describing language-neutral files (codes, years, numbers), read by
/// web teams, journalists and their tools, so it is written once, in English, whatever languages
/// the sheets are built in; it is not a page, so its words are not in the languages'
/// `strings.yaml`. The one sentence that must match the pages, the notice on illustrative
/// editions, is taken from the English `strings.yaml` when the edition is built in English
/// (``DataPackage``); ``illustrativeNotice`` is only its stand-in for editions without English.
enum DataPackageText {
    /// Stands in for the English `illustrative_title` and `illustrative_text` when the edition has no English.
    static let illustrativeNotice =
        "Illustrative data. The figures in this edition are made up. They are not official data and must not be quoted."

    static func title(edition: String, status: DataStatus) -> String {
        let title = "MCSC fact sheet \(edition): the data"
        switch status {
        case .illustrative: return title + " (illustrative)"
        case .official: return title
        }
    }

    static func description(edition: String) -> String {
        "The figures behind the fact sheets \(edition) on the Municipal Community Safety Councils (MCSCs) in Kosovo: the numbers "
            + "behind every chart as CSV (codes, years and numbers, the same in every language), every indicator with the "
            + "municipalities it counts (indicators.json), and the Table Schemas the input files are checked against."
    }

    /// `sources`: where the figures come from.
    static func source(edition: String, publisher: String?) -> String {
        (publisher.map { $0 + ", " } ?? "") + "monitoring of the MCSCs, edition \(edition)"
    }

    static let publisherRole = "publisher"

    // MARK: - Resources

    static func chartTitle(_ chart: ChartID, _ configuration: EditionConfiguration) -> String {
        switch chart.content {
        case .perYearOrPeriod(let ids):
            let per = ids.first?.section == .performance ? "per period" : "per year"
            return ids.map { rule($0, configuration) }.joined(separator: "; ") + ", Kosovo-wide, " + per
        case .perMunicipality(let id): return rule(id, configuration) + ", per municipality and period"
        case .municipalWomen: return "Women representatives on each municipality's MCSC, per year"
        case .municipalMeetings: return "Meetings of each municipality's MCSC, per period"
        }
    }

    static func chartDescription(_ chart: ChartID) -> String {
        let sheet =
            switch chart.sheet {
            case .national: "the Kosovo-wide fact sheet"
            case .municipality: "the municipalities' fact sheets"
            }
        let rows =
            switch chart.content {
            case .perYearOrPeriod(let ids) where ids.first?.section == .performance: "One row per performance period."
            case .perYearOrPeriod: "One row per establishment year."
            case .perMunicipality: "One row per municipality and period in which it had an MCSC."
            case .municipalWomen: "One row per municipality and year in which it had an MCSC."
            case .municipalMeetings: "One row per municipality and period in which it had an MCSC."
            }
        return "The numbers behind the chart '\(chart.rawValue)' of \(sheet). " + rows
    }

    /// Where each municipality's own rows of `chart` are also published, one file each.
    static func municipalFiles(_ chart: ChartID) -> String {
        "Each municipality's rows are also published on their own, with the same header, as "
            + "municipalities/CODE/\(chart.rawValue).csv beside this file (CODE: the municipality's code)."
    }

    static let indicatorsTitle = "Every indicator, with its rule's municipalities"
    static let indicatorsDescription =
        "Every figure of the Kosovo-wide fact sheet: each indicator's value per year or period (id, period, section, value) with the "
        + "municipalities it counts and those not assessed, or each municipality's part of a sum (by_municipality); "
        + "data_status says whether the figures are official."

    static func inputSchemaTitle(_ table: InputTable) -> String {
        switch table {
        case .municipalities: "Table Schema of the register of municipalities (municipalities.csv)"
        case .census: "Table Schema of the census by community (census.csv)"
        case .monitoring: "Table Schema of the monitoring files (monitoring/YEAR.csv)"
        }
    }

    static let inputSchemaDescription =
        "A Frictionless Table Schema for whoever collects the data, to check an input file before sending it "
        + "(frictionless validate --schema SCHEMA.json FILE.csv). It describes input, not the published figures."

    // MARK: - Fields

    static let municipalityColumn = "The municipality's code, as in the register (municipalities.csv)."
    static let yearColumn = "The establishment year (establishment.years in factsheet.yaml)."
    static let periodColumn = "The year of the performance period (performance.periods in factsheet.yaml, one per year)."
    static let firstMonthColumn = "The period's first month, 1 = January."
    static let lastMonthColumn = "The period's last month, 12 = December."

    /// A Kosovo-wide indicator's column: its rule and unit.
    static func indicator(_ id: IndicatorID, _ configuration: EditionConfiguration) -> String {
        rule(id, configuration) + ". Unit: " + unit(id.unit) + "."
    }

    /// A municipality's part of a sum.
    static func municipalPart(_ id: IndicatorID, _ configuration: EditionConfiguration) -> String {
        "The municipality's MCSC's part, in the period, of '\(id.rawValue)' (\(rule(id, configuration))). Unit: " + unit(id.unit) + "."
    }

    /// A municipality's own figure, as its monitoring file gives it.
    static func monitoringColumn(_ column: MonitoringColumn) -> String {
        let summary = column.summary.replacingOccurrences(of: "`", with: "'")
        return summary.prefix(1).uppercased() + summary.dropFirst()
            + ", as in the municipality's row of the monitoring file; empty where that row left it empty."
    }

    /// What an indicator counts or adds up, as a noun phrase.
    static func rule(_ id: IndicatorID, _ configuration: EditionConfiguration) -> String {
        let threshold = configuration.censusThreshold
        return switch id {
        case .mcscEstablished: "MCSCs that existed in the year"
        case .womenRepresentatives: "MCSCs with at least one woman member who represents a community"
        case .regularCompensation: "Municipalities with an MCSC that regularly compensate its members"
        case .missingRepresentativesAll:
            "MCSCs where a community living in the municipality is not represented (MCSCs of municipalities without census "
                + "figures are not assessed)"
        case .missingRepresentativesThreshold:
            "MCSCs where a community with more than \(threshold) \(threshold == 1 ? "member" : "members") is not represented "
                + "(MCSCs of municipalities without census figures are not assessed)"
        case .meetingsHeld: "Meetings held by the MCSCs"
        case .mcscsDiscussingSecurity: "MCSCs that discussed security or community concerns at one meeting or more"
        case .meetingsOnSecurity: "Meetings of the MCSCs at which security or community concerns were discussed"
        case .workPlanMinorities: "MCSCs with a work plan addressing the security concerns of non-majority communities"
        case .meetingLegalMinimum: "MCSCs that held at least the legal minimum of meetings for the period"
        }
    }

    static func unit(_ unit: IndicatorUnit) -> String {
        switch unit {
        case .councils: "number of MCSCs"
        case .municipalities: "number of municipalities"
        case .meetings, .meetingsOnSecurity: "meetings"
        }
    }
}
