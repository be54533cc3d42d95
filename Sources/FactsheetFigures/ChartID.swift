import FactsheetInput

/// Every chart a template may place, declared once: the sheet it belongs to and what it draws.
///
/// A chart's kind is declared here, not inferred from how its indicator is computed: the view
/// models, the chart data files and the workbook switch over ``content`` (no `default:`), so
/// changing one chart's kind is a change of one line here, and a new kind of chart does not
/// compile until every output handles it. Declaration order is the order of the chart files.
public enum ChartID: String, Sendable, CaseIterable, Hashable {
    case womenRepresentatives = "women_representatives"
    case regularCompensation = "regular_compensation"
    case missingRepresentatives = "missing_representatives"
    case meetingsHeld = "meetings_held"
    case mcscsDiscussingSecurity = "mcscs_discussing_security"
    case meetingsOnSecurity = "meetings_on_security"
    case workPlanMinorities = "work_plan_minorities"
    case municipalityWomen = "municipality_women"
    case municipalityMeetings = "municipality_meetings"

    /// What a chart draws.
    package enum Content: Sendable, Hashable {
        /// Columns: one group per year (establishment indicators) or period (performance ones),
        /// one bar per indicator; all of one section.
        case perYearOrPeriod([IndicatorID])
        /// Rows: one per municipality that had an MCSC, one bar per period: each municipality's
        /// part of the indicator's total.
        case perMunicipality(IndicatorID)
        /// A municipality's sheet: the women on its council, per establishment year.
        case municipalWomen
        /// A municipality's sheet: its council's meetings and those on security, per period.
        case municipalMeetings
    }

    package var content: Content {
        switch self {
        case .womenRepresentatives: .perYearOrPeriod([.womenRepresentatives])
        case .regularCompensation: .perYearOrPeriod([.regularCompensation])
        case .missingRepresentatives: .perYearOrPeriod([.missingRepresentativesAll, .missingRepresentativesThreshold])
        case .meetingsHeld: .perMunicipality(.meetingsHeld)
        case .mcscsDiscussingSecurity: .perYearOrPeriod([.mcscsDiscussingSecurity])
        case .meetingsOnSecurity: .perMunicipality(.meetingsOnSecurity)
        case .workPlanMinorities: .perYearOrPeriod([.workPlanMinorities])
        case .municipalityWomen: .municipalWomen
        case .municipalityMeetings: .municipalMeetings
        }
    }

    /// The sheet whose template may place the chart.
    public var sheet: SheetKind {
        switch content {
        case .perYearOrPeriod, .perMunicipality: .national
        case .municipalWomen, .municipalMeetings: .municipality
        }
    }

    /// The indicators the chart shows (none for a municipality's own figures).
    var indicators: [IndicatorID] {
        switch content {
        case .perYearOrPeriod(let ids): ids
        case .perMunicipality(let id): [id]
        case .municipalWomen, .municipalMeetings: []
        }
    }

    /// The monitoring columns whose values a municipality's chart copies, in its file's column order.
    package var monitoringColumns: [MonitoringColumn] {
        switch content {
        case .perYearOrPeriod, .perMunicipality: []
        case .municipalWomen: [.womenRepresentatives]
        case .municipalMeetings: [.meetings, .meetingsSecurity]
        }
    }

    /// The charts of one kind of sheet, in declaration order.
    package static func charts(of sheet: SheetKind) -> [ChartID] {
        allCases.filter { $0.sheet == sheet }
    }
}

extension SheetKind {
    /// The charts its template may place.
    package var chartIDs: [String] {
        ChartID.charts(of: self).map(\.rawValue)
    }
}
