import FactsheetFigures
import FactsheetInput

/// Where each page of the site lives, relative to the output folder.
public enum SitePath {
    public static let languageChoice = "index.html"
    public static let manifest = "manifest.json"
    public static let indicators = "data/indicators.json"
    /// The Frictionless Data Package describing every file under `data/`.
    public static let dataPackage = "data/datapackage.json"
    /// A path under `data/` as the data package names it: relative to `data/`.
    static func inDataFolder(_ path: String) -> String {
        path.hasPrefix("data/") ? String(path.dropFirst("data/".count)) : path
    }
    /// An input table's Frictionless Table Schema, for data collectors to check their files with.
    public static func inputSchema(_ table: InputTable) -> String { "data/schemas/\(table.rawValue).json" }
    /// The media type of an `.xlsx` workbook.
    static let workbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    /// The sitemap for search engines (only when the edition configures `site_url`).
    public static let sitemap = "sitemap.xml"
    /// One of several sitemaps (1-based), when the site has more pages than one may list.
    static func sitemapPart(_ number: Int) -> String { "sitemap-\(number).xml" }

    public static func national(_ language: Language) -> String { "\(language.key)/index.html" }
    public static func sheets(_ language: Language) -> String { "\(language.key)/sheets.html" }
    /// The language's sheets bound into one archive PDF.
    public static func edition(_ language: Language) -> String { "\(language.key)/edition.pdf" }
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
    /// A municipality's own figures behind one chart of its sheet, the same in every language.
    static func municipalData(_ code: String, _ chart: ChartID) -> String { "data/municipalities/\(code)/\(chart.rawValue).csv" }
    /// One chart of a municipality's sheet as a file of its own.
    static func municipalChartFile(_ code: String, _ chart: ChartID, _ language: Language) -> String {
        "\(language.key)/charts/municipalities/\(code)/\(chart.rawValue).svg"
    }

    /// The link from the page at `from` to the file at `to`, both relative to the output folder.
    static func link(from: String, to: String) -> String {
        let depth = from.split(separator: "/").count - 1
        return String(repeating: "../", count: depth) + to
    }
}
