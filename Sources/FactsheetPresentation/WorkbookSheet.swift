import FactsheetFigures

/// The worksheets of each language's data workbook (`LANG/data.xlsx`), in workbook order; their
/// names and titles come from the strings file's `workbook_sheets` and `workbook_titles`.
package enum WorkbookSheet: Hashable, Sendable {
    case cover
    case contents
    case notes
    /// The data of a chart of the Kosovo-wide sheet.
    case chart(ChartID)
    /// Every indicator value, as in `indicators.json`.
    case indicators
    /// Each municipality's council per establishment year.
    case municipalYears
    /// Each municipality's council per period.
    case municipalPeriods

    /// The worksheets in workbook order.
    package static let all: [WorkbookSheet] =
        [.cover, .contents, .notes] + ChartID.charts(of: .national).map(WorkbookSheet.chart) + [
            .indicators, .municipalYears, .municipalPeriods,
        ]

    /// The code in `workbook_sheets` and `workbook_titles`; also the Excel table's name.
    package var code: String {
        switch self {
        case .cover: "cover"
        case .contents: "contents"
        case .notes: "notes"
        case .chart(let chart): chart.rawValue
        case .indicators: "indicators"
        case .municipalYears: "municipal_years"
        case .municipalPeriods: "municipal_periods"
        }
    }
}
