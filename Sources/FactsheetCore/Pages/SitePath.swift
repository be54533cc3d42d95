/// Where each page of the site lives, relative to the output folder.
public enum SitePath {
    public static let languageChoice = "index.html"
    public static let manifest = "manifest.json"
    public static let indicators = "data/indicators.json"
    /// The sitemap for search engines (only when the edition configures `site_url`).
    public static let sitemap = "sitemap.xml"
    /// One of several sitemaps (1-based), when the site has more pages than one may list.
    static func sitemapPart(_ number: Int) -> String { "sitemap-\(number).xml" }

    public static func national(_ language: Language) -> String { "\(language.key)/index.html" }
    public static func sheets(_ language: Language) -> String { "\(language.key)/sheets.html" }
    /// Every figure of the Kosovo-wide sheet with its rule and municipalities, for review.
    static func review(_ language: Language) -> String { "\(language.key)/review.html" }
    public static func municipality(_ code: String, _ language: Language) -> String {
        "\(language.key)/municipalities/\(code).html"
    }
    static func chartData(_ id: String) -> String { "data/charts/\(id).csv" }
    /// A chart of the national sheet as a standalone SVG file, in one language.
    static func chartFile(_ id: String, _ language: Language) -> String { "\(language.key)/charts/\(id).svg" }

    /// The link from the page at `from` to the file at `to`, both relative to the output folder.
    static func link(from: String, to: String) -> String {
        let depth = from.split(separator: "/").count - 1
        return String(repeating: "../", count: depth) + to
    }
}
