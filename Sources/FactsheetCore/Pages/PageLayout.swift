/// Wraps rendered fact-sheet HTML into complete, self-contained pages.
public struct PageLayout: Sendable {
    public let configuration: EditionConfiguration

    public init(configuration: EditionConfiguration) {
        self.configuration = configuration
    }

    /// A fact sheet page at `<language>/index.html`.
    ///
    /// - Parameters:
    ///   - title: plain text for `<title>` (the template's first heading).
    ///   - body: HTML from the Markdown stage, charts included.
    public func sheet(language: Language, title: String, body: String) -> String {
        let strings = PageStrings.for(language)
        var html = head(language: language, title: title)
        for other in language.others {
            html += "<link rel=\"alternate\" hreflang=\"\(other.rawValue)\" href=\"../\(other.rawValue)/index.html\">\n"
        }
        html += "<style>\n\(Self.css)</style>\n</head>\n<body>\n"
        html += "<header class=\"page-header\">\n<nav aria-label=\"\(Escaping.html(strings.languageName))\">"
        html += language.others.map { other in
            let otherStrings = PageStrings.for(other)
            return "<a href=\"../\(other.rawValue)/index.html\" hreflang=\"\(other.rawValue)\" lang=\"\(other.rawValue)\">\(Escaping.html(otherStrings.readIn))</a>"
        }.joined(separator: " ")
        html += "</nav>\n</header>\n"
        if configuration.dataStatus == .illustrative {
            html += "<aside class=\"notice\" role=\"note\"><strong>\(Escaping.html(strings.illustrativeTitle)).</strong> \(Escaping.html(strings.illustrativeText))</aside>\n"
        }
        html += "<main>\n\(body)</main>\n"
        let status = configuration.dataStatus == .illustrative ? strings.illustrativeStatus : strings.officialStatus
        html += "<footer class=\"page-footer\"><p>\(Escaping.html(strings.provenance(configuration.edition, status)))</p></footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    /// The language choice at the root of `output/`.
    public func languageChoice(titles: [Language: String]) -> String {
        var html = head(language: Language.allCases[0], title: Language.allCases.map { PageStrings.for($0).chooseLanguageTitle }.joined(separator: " · "))
        for language in Language.allCases {
            html += "<link rel=\"alternate\" hreflang=\"\(language.rawValue)\" href=\"\(language.rawValue)/index.html\">\n"
        }
        html += "<style>\n\(Self.css)</style>\n</head>\n<body>\n<main class=\"choice\">\n"
        for language in Language.allCases {
            let strings = PageStrings.for(language)
            html += "<section lang=\"\(language.rawValue)\">\n<h1>\(Escaping.html(strings.chooseLanguageTitle))</h1>\n"
            html += "<p><a href=\"\(language.rawValue)/index.html\" hreflang=\"\(language.rawValue)\">\(Escaping.html(titles[language] ?? strings.languageName))</a>"
            html += " (\(Escaping.html(strings.languageName)))</p>\n"
            if configuration.dataStatus == .illustrative {
                html += "<p class=\"notice\" role=\"note\"><strong>\(Escaping.html(strings.illustrativeTitle)).</strong> \(Escaping.html(strings.illustrativeText))</p>\n"
            }
            html += "</section>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    private func head(language: Language, title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="factsheet">
        <title>\(Escaping.html(title))</title>

        """
    }

    /// The one style sheet, inlined in every page: screen and A4 print.
    static let css = """
        :root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --accent: #0072B2; --rule: #d0d0d0; }
        * { box-sizing: border-box; }
        html { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: var(--ink); background: #fff; line-height: 1.45; }
        body { margin: 0 auto; max-width: 62rem; padding: 1rem 1.25rem 2rem; font-size: 1rem; }
        a { color: #005a8c; }
        .page-header { display: flex; justify-content: space-between; gap: 1rem; font-size: 0.9rem; }
        .notice { border-left: 4px solid #D55E00; background: #fff4ec; padding: 0.5rem 0.75rem; margin: 0.75rem 0; font-size: 0.9rem; }
        h1 { font-size: 1.7rem; line-height: 1.2; color: var(--accent); margin: 0.5rem 0 0.75rem; }
        h2 { font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem; margin: 1.5rem 0 0.75rem; }
        h3 { font-size: 1rem; margin: 1.1rem 0 0.4rem; }
        p { margin: 0.5rem 0; }
        main { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr)); column-gap: 2rem; align-items: start; }
        main > :not(figure.chart) { grid-column: 1 / -1; }
        figure.chart { margin: 0.25rem 0 1rem; }
        figure.chart .chart-title { font-size: 0.95rem; margin: 0.6rem 0 0.4rem; line-height: 1.3; }
        figure.chart svg { display: block; width: 100%; height: auto; }
        .chart-note { font-size: 0.8rem; color: var(--muted); margin: 0.25rem 0; }
        table.chart-data { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
        main table:not(.chart-data) { border-collapse: collapse; margin: 0.5rem 0; }
        main table:not(.chart-data) th, main table:not(.chart-data) td { border: 1px solid var(--rule); padding: 0.2rem 0.5rem; text-align: left; }
        .page-footer { margin-top: 2rem; border-top: 1px solid var(--rule); font-size: 0.8rem; color: var(--muted); }
        .choice section { margin: 2rem 0; }
        .sheet-list { columns: 2 16rem; padding-left: 1.2rem; }
        @page { size: A4; margin: 11mm 12mm 13mm; @bottom-center { content: counter(page) " / " counter(pages); font: 7pt "DejaVu Sans", sans-serif; color: #4d4d4d; } }
        @media print {
          html { line-height: 1.32; }
          body { max-width: none; padding: 0; font-size: 8.4pt; }
          .page-header { display: none; }
          .notice { margin: 0 0 2mm; padding: 1mm 2.5mm; font-size: 7.5pt; }
          h1 { font-size: 15pt; margin: 0 0 2mm; }
          h2 { font-size: 11pt; margin: 3mm 0 2mm; break-after: avoid; }
          main > h2 ~ h2 { break-before: page; margin-top: 0; }
          h3, figure.chart .chart-title { font-size: 8.6pt; margin: 1.5mm 0 1mm; break-after: avoid; }
          p { margin: 1.2mm 0; }
          main { grid-template-columns: 1fr 1fr; column-gap: 7mm; }
          figure.chart { margin: 0 0 2mm; break-inside: avoid; }
          table, tr { break-inside: avoid; }
          table.chart-data { display: none; }
          .chart-note { font-size: 7pt; }
          .page-footer { margin-top: 2mm; padding-top: 1mm; font-size: 6.5pt; }
          a { color: inherit; text-decoration: none; }
        }

        """
}
