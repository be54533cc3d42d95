/// The two kinds of sheet, each with its template file and the charts it may place.
public enum SheetKind: String, Sendable, CaseIterable, Hashable {
    /// The Kosovo-wide fact sheet (`Templates/LANG/factsheet.md`); required in every language.
    case national = "factsheet"
    /// One sheet per municipality (`Templates/LANG/municipality.md`); optional as a whole.
    case municipality

    public var fileName: String { rawValue + ".md" }

    /// The charts its template may place.
    var chartIDs: [String] {
        ChartID.charts(of: self).map(\.rawValue)
    }
}
