/// The two kinds of sheet, each with its template file (the charts each may place: ``ChartID``).
public enum SheetKind: String, Sendable, CaseIterable, Hashable {
    /// The Kosovo-wide fact sheet (`Templates/LANG/factsheet.md`); required in every language.
    case national = "factsheet"
    /// One sheet per municipality (`Templates/LANG/municipality.md`); optional as a whole.
    case municipality

    public var fileName: String { rawValue + ".md" }
}
