import FactsheetPresentation

/// The A4 page the sheets print on, in millimetres. The print style sheet is written from these
/// figures, and the printed size of chart text is worked out from them.
enum PrintGeometry {
    static let pageWidth = 210.0
    static let marginTop = 11.0
    static let marginSide = 12.0
    static let marginBottom = 13.0
    /// Room between the two columns the charts stand in.
    static let columnGap = 7.0
    /// One of the two print columns, which a chart fills: (210 − 2 × 12 − 7) / 2 = 89.5 mm.
    static let columnWidth = (pageWidth - 2 * marginSide - columnGap) / 2
    static let millimetresPerPoint = 25.4 / 72
    /// The smallest text a printed chart may carry.
    static let smallestChartText = 7.0

    /// Printed size, in points, of chart text `size` units high on a chart `chartWidth` units
    /// wide that fills one print column.
    static func points(ofChartText size: Double, chartWidth: Double = BarChartRenderer.width) -> Double {
        size * columnWidth / chartWidth / millimetresPerPoint
    }

    /// A length for the style sheet: `89.5mm`.
    static func css(_ millimetres: Double) -> String {
        SVGNumber.format(millimetres) + "mm"
    }
}
