/// Where each page of the site lives, relative to the output folder.
public enum SitePath {
    public static let languageChoice = "index.html"
    public static let manifest = "manifest.json"
    public static let indicators = "data/indicators.json"

    public static func national(_ language: Language) -> String { "\(language.key)/index.html" }
    public static func sheets(_ language: Language) -> String { "\(language.key)/sheets.html" }
    /// Every figure of the Kosovo-wide sheet with its rule and municipalities, for review.
    static func review(_ language: Language) -> String { "\(language.key)/review.html" }
    public static func municipality(_ code: String, _ language: Language) -> String {
        "\(language.key)/municipalities/\(code).html"
    }
    /// Every figure of the edition as an accessible workbook, in one language.
    public static func dataWorkbook(_ language: Language) -> String { "\(language.key)/data.xlsx" }
    static func chartData(_ id: String) -> String { "data/charts/\(id).csv" }
    /// A chart of the national sheet as a standalone SVG file, in one language.
    static func chartFile(_ id: String, _ language: Language) -> String { "\(language.key)/charts/\(id).svg" }

    /// The link from the page at `from` to the file at `to`, both relative to the output folder.
    static func link(from: String, to: String) -> String {
        let depth = from.split(separator: "/").count - 1
        return String(repeating: "../", count: depth) + to
    }
}
