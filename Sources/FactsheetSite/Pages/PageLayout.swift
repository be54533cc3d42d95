import FactsheetInput
import FactsheetPresentation
import FactsheetSupport

/// Wraps rendered fact-sheet HTML into complete, self-contained pages and builds the site's index pages.
struct PageLayout: Sendable {
    let configuration: EditionConfiguration
    let provenance: Provenance
    /// The configured languages' formats and words, in the order of the language links.
    let languages: [LanguageFormat]
    /// The footer of each language, the same on every page.
    private let footers: [Language: String]
    /// The masthead of each language: publisher, date, which version is official.
    private let mastheads: [Language: String]
    /// The style sheet of pages with a masthead: ``css``, and ``logoCSS`` when the edition has a logo.
    private let styleSheet: String
    /// The Open Graph locale of each language (`sq_AL`), from its tag.
    private let locales: [Language: String]

    init(configuration: EditionConfiguration, provenance: Provenance, languages: [LanguageFormat]) {
        self.configuration = configuration
        self.provenance = provenance
        self.languages = languages
        self.footers = Dictionary(
            uniqueKeysWithValues: languages.map { format in
                (format.language, Self.footer(format, configuration: configuration, provenance: provenance))
            })
        self.mastheads = Dictionary(
            uniqueKeysWithValues: languages.map { format in
                (format.language, Self.masthead(format, configuration: configuration, provenance: provenance))
            })
        self.styleSheet = configuration.logo == nil ? Self.css : Self.css + Self.logoCSS
        self.locales = Dictionary(uniqueKeysWithValues: languages.map { ($0.language, LinkPreview.openGraphLocale(tag: $0.tag)) })
    }

    /// A sheet in the index of all sheets.
    struct SheetEntry: Sendable {
        var path: String
        var name: String
        var hadMCSC: Bool
        /// The last year, when the municipality had an MCSC before it and none that year.
        var noMCSCSince: Int? = nil
    }

    /// A fact-sheet page at `path`, as UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - title: plain text for `<title>` (the template's first heading).
    ///   - body: HTML from the Markdown stage, charts included, as UTF-8 bytes.
    ///   - alternates: the same sheet in every language, by path.
    ///   - description: what link previews and search results show of it (``description(_:_:municipality:)``).
    func sheetBytes(
        path: String, kind: SheetKind, format: LanguageFormat, title: String, description: String, body: [UInt8],
        alternates: [Language: String]
    ) -> [UInt8] {
        let strings = format.strings
        let language = format.language
        var html = head(
            format, path: path, title: title, preview: LinkPreview(kind: .article, description: description), alternates: alternates,
            defaultPath: kind == .national ? SitePath.languageChoice : nil)
        html += "<style>\n"
        var page: [UInt8] = []
        page.reserveCapacity(html.utf8.count + styleSheet.utf8.count + body.count + 4096)
        page.append(contentsOf: html.utf8)
        page.append(contentsOf: styleSheet.utf8)
        html = "</style>\n</head>\n<body class=\"sheet-\(kind.rawValue)\">\n<header class=\"page-header\">\n"
        html += mastheads[language] ?? ""
        html +=
            "<div class=\"page-links\">\n<nav aria-label=\"\(Escaping.html(strings[.siteNavigation]))\"><a href=\"\(SitePath.link(from: path, to: SitePath.sheets(language)))\">\(Escaping.html(strings[.allSheets]))</a></nav>\n"
        html += languageNavigation(from: path, format: format, alternates) + "</div>\n</header>\n"
        html += "<main>\n"
        html += notice(strings)
        page.append(contentsOf: html.utf8)
        page.append(contentsOf: body)
        html = "</main>\n"
        html += footer(language)
        html += "</body>\n</html>\n"
        page.append(contentsOf: html.utf8)
        return page
    }

    /// The index of every sheet in one language, the Kosovo-wide sheet first; `municipalities`
    /// are listed in the order given (alphabetical in the language).
    /// A standalone chart file in the index of all sheets.
    struct ChartEntry: Sendable {
        var path: String
        var title: String
    }

    /// The document up to `<main>`: head, styles, masthead and the language links.
    func pageStart(_ format: LanguageFormat, path: String, title: String, preview: LinkPreview, alternates: [Language: String]) -> String {
        var html = head(format, path: path, title: title, preview: preview, alternates: alternates)
        html += "<style>\n\(styleSheet)</style>\n</head>\n<body>\n<header class=\"page-header\">\n"
        html += mastheads[format.language] ?? ""
        html += "<div class=\"page-links\"><span></span>"
        html += languageNavigation(from: path, format: format, alternates)
        html += "</div>\n</header>\n"
        return html
    }

    /// The same page in every configured language, by path.
    func alternates(_ path: (Language) -> String) -> [Language: String] {
        Dictionary(uniqueKeysWithValues: languages.map { ($0.language, path($0.language)) })
    }

    func sheetsIndex(_ format: LanguageFormat, nationalTitle: String, municipalities: [SheetEntry], charts: [ChartEntry] = []) -> String {
        let strings = format.strings
        let language = format.language
        let path = SitePath.sheets(language)
        let title = strings.format(.allSheetsTitle, ["edition": .text(configuration.edition)], in: format)
        let preview = LinkPreview(kind: .website, description: description(.descriptionSheets, format))
        var html = pageStart(format, path: path, title: title, preview: preview, alternates: alternates(SitePath.sheets))
        html += "<main class=\"index\">\n"
        html += notice(strings)
        html += "<h1>\(Escaping.html(title))</h1>\n"
        html +=
            "<p class=\"national\"><a href=\"\(SitePath.link(from: path, to: SitePath.national(language)))\">\(Escaping.html(strings[.nationalSheet]))</a>"
        html += " – \(Escaping.html(nationalTitle))</p>\n"
        html +=
            "<p class=\"review-link\"><a href=\"\(SitePath.link(from: path, to: SitePath.review(language)))\">\(Escaping.html(strings[.reviewLink]))</a></p>\n"
        html +=
            "<p class=\"workbook-link\"><a href=\"\(SitePath.link(from: path, to: SitePath.dataWorkbook(language)))\" type=\"\(SitePath.workbookType)\" download>\(Escaping.html(strings[.workbookLink]))</a></p>\n"
        if !municipalities.isEmpty {
            html += "<h2>\(Escaping.html(strings[.municipalSheets]))</h2>\n<ul class=\"sheet-list\">\n"
            for entry in municipalities {
                html += "<li><a href=\"\(SitePath.link(from: path, to: entry.path))\">\(Escaping.html(entry.name))</a>"
                if !entry.hadMCSC {
                    html += " <span class=\"muted\">(\(Escaping.html(strings[.noMCSCInAnyYear])))</span>"
                } else if let year = entry.noMCSCSince {
                    let label = strings.format(.noMCSCInYear, ["year": .text(format.yearInText(year))], in: format)
                    html += " <span class=\"muted\">(\(Escaping.html(label)))</span>"
                }
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        if !charts.isEmpty {
            html += "<h2>\(Escaping.html(strings[.chartFiles]))</h2>\n<ul class=\"chart-list\">\n"
            for chart in charts {
                html +=
                    "<li><a href=\"\(SitePath.link(from: path, to: chart.path))\" type=\"image/svg+xml\">\(Escaping.html(chart.title))</a></li>\n"
            }
            html += "</ul>\n"
        }
        html += "</main>\n"
        html += footer(language)
        html += "</body>\n</html>\n"
        return html
    }

    /// The language choice at the root of `output/`.
    func languageChoice(titles: [Language: String]) -> String {
        let path = SitePath.languageChoice
        guard let first = languages.first else { return "" }
        // Its head speaks the first language, as its `lang` says, and names the national sheets as
        // its versions in each language: it is their `x-default`.
        var html = head(
            first, path: path, title: languages.map { $0.strings[.chooseLanguage] }.joined(separator: " · "),
            preview: LinkPreview(kind: .website, description: description(.descriptionNational, first), title: titles[first.language]),
            alternates: alternates(SitePath.national), defaultPath: path)
        html += "<style>\n\(Self.css)</style>\n</head>\n<body>\n<main class=\"choice\">\n"
        for format in languages {
            let strings = format.strings
            let language = format.language
            html += "<section lang=\"\(Escaping.html(format.tag))\">\n<h1>\(Escaping.html(strings[.chooseLanguage]))</h1>\n"
            html +=
                "<p><a href=\"\(SitePath.national(language))\" hreflang=\"\(Escaping.html(format.tag))\">\(Escaping.html(titles[language] ?? strings[.languageName]))</a>"
            html += " (\(Escaping.html(strings[.languageName])))</p>\n"
            html +=
                "<p><a href=\"\(SitePath.sheets(language))\" hreflang=\"\(Escaping.html(format.tag))\">\(Escaping.html(strings[.allSheets]))</a></p>\n"
            html += notice(strings, element: "p")
            html += "</section>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// What a link preview or a search result shows of a page: the phrase `key` filled in with
    /// the edition (and the municipality's name), after the notice's title (`Illustrative
    /// data.`) on an illustrative edition. Plain text.
    func description(_ key: StringKey, _ format: LanguageFormat, municipality: String? = nil) -> String {
        var arguments: [String: PhraseArgument] = ["edition": .text(configuration.edition)]
        if let municipality { arguments["municipality"] = .text(municipality) }
        let text = format.strings.format(key, arguments, in: format)
        return configuration.dataStatus == .illustrative ? format.strings[.illustrativeTitle] + " " + text : text
    }

    /// The head up to the style sheet: title, description, Open Graph, the page in every
    /// language; with `site_url`, the absolute addresses (`og:url`, canonical, `hreflang`).
    ///
    /// - Parameter defaultPath: the page for readers of none of the languages (`x-default`).
    private func head(
        _ format: LanguageFormat, path: String, title: String, preview: LinkPreview, alternates: [Language: String],
        defaultPath: String? = nil
    ) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="\(Escaping.html(format.tag))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="\(Provenance.generatorVersion)">
            <title>\(Escaping.html(title))</title>
            <meta name="description" content="\(Escaping.html(preview.description))">

            """
        if let url = address(path) { html += "<link rel=\"canonical\" href=\"\(url)\">\n" }
        html += "<meta property=\"og:type\" content=\"\(preview.kind.rawValue)\">\n"
        html += "<meta property=\"og:title\" content=\"\(Escaping.html(preview.title ?? title))\">\n"
        html += "<meta property=\"og:description\" content=\"\(Escaping.html(preview.description))\">\n"
        if let url = address(path) { html += "<meta property=\"og:url\" content=\"\(url)\">\n" }
        if let publisher = configuration.publisher[format.language.key] {
            html += "<meta property=\"og:site_name\" content=\"\(Escaping.html(publisher))\">\n"
        }
        // Each locale once: two languages may share one (`sr-Latn` and `sr-Cyrl` are both `sr_RS`).
        var named: Set = [locales[format.language] ?? format.tag]
        html += "<meta property=\"og:locale\" content=\"\(Escaping.html(locales[format.language] ?? format.tag))\">\n"
        for other in languages where alternates[other.language] != nil {
            let locale = locales[other.language] ?? other.tag
            guard named.insert(locale).inserted else { continue }
            html += "<meta property=\"og:locale:alternate\" content=\"\(Escaping.html(locale))\">\n"
        }
        for other in languages {
            guard let target = alternates[other.language] else { continue }
            html += "<link rel=\"alternate\" hreflang=\"\(Escaping.html(other.tag))\" href=\"\(href(from: path, to: target))\">\n"
        }
        if let defaultPath {
            html += "<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(href(from: path, to: defaultPath))\">\n"
        }
        return html
    }

    /// The absolute address of the file at `path` under `site_url`, escaped for an attribute;
    /// nil when the edition configures none.
    private func address(_ path: String) -> String? {
        configuration.siteURL.map { Escaping.html($0 + path) }
    }

    /// A link in the head from the page at `from` to the file at `to`: absolute under `site_url`
    /// (search engines want `hreflang` addresses whole), relative without one.
    private func href(from: String, to: String) -> String {
        address(to) ?? SitePath.link(from: from, to: to)
    }

    /// The language links in a `<nav>` named for screen readers.
    private func languageNavigation(from path: String, format: LanguageFormat, _ alternates: [Language: String]) -> String {
        "<nav aria-label=\"\(Escaping.html(format.strings[.languageNavigation]))\">"
            + languageLinks(from: path, language: format.language, alternates) + "</nav>\n"
    }

    /// "Read in English" and the like: a link to the page in each other language, in that language.
    private func languageLinks(from path: String, language: Language, _ alternates: [Language: String]) -> String {
        languages.filter { $0.language != language }.compactMap { other in
            alternates[other.language].map { target in
                let tag = Escaping.html(other.tag)
                return
                    "<a href=\"\(SitePath.link(from: path, to: target))\" hreflang=\"\(tag)\" lang=\"\(tag)\">\(Escaping.html(other.strings[.readIn]))</a>"
            }
        }.joined(separator: " ")
    }

    /// The notice on illustrative data as plain text (`Illustrative data. The figures …`), or
    /// nil for official data.
    func noticeText(_ strings: LanguageStrings) -> String? {
        configuration.dataStatus == .illustrative ? strings[.illustrativeTitle] + " " + strings[.illustrativeText] : nil
    }

    func notice(_ strings: LanguageStrings, element: String = "aside") -> String {
        guard configuration.dataStatus == .illustrative else { return "" }
        return
            "<\(element) class=\"notice\" role=\"note\"><strong>\(Escaping.html(strings[.illustrativeTitle]))</strong> \(Escaping.html(strings[.illustrativeText]))</\(element)>\n"
    }

    func footer(_ language: Language) -> String {
        footers[language] ?? ""
    }

    /// Who publishes the sheet (the logo, then the name) and when, and, where the edition names
    /// an official language, that this version is a translation; empty when the configuration
    /// says none of it. The logo is decorative: the name beside it says who publishes.
    private static func masthead(_ format: LanguageFormat, configuration: EditionConfiguration, provenance: Provenance) -> String {
        let strings = format.strings
        var parts: [String] = []
        if let publisher = configuration.publisher[format.language.key] {
            parts.append("<span class=\"publisher\">\(Escaping.html(publisher))</span>")
        }
        if let date = provenance.published.flatMap(format.date) {
            parts.append("<span>\(Escaping.html(strings.format(.published, ["date": .text(date)], in: format)))</span>")
        }
        let logo = configuration.logo?.svg(" class=\"logo\" aria-hidden=\"true\" focusable=\"false\"") ?? ""
        var html = parts.isEmpty && logo.isEmpty ? "" : "<p class=\"masthead\">" + logo + parts.joined(separator: " · ") + "</p>\n"
        if let official = configuration.officialLanguage, official != format.language, let sentence = strings.officialVersion[official.key]
        {
            html += "<p class=\"official-version\">\(Escaping.html(sentence))</p>\n"
        }
        return html
    }

    /// Provenance (edition, data status, input fingerprint, generator) in the page's language.
    private static func footer(_ format: LanguageFormat, configuration: EditionConfiguration, provenance: Provenance) -> String {
        let strings = format.strings
        let status = configuration.dataStatus == .illustrative ? strings[.statusIllustrative] : strings[.statusOfficial]
        var html = "<footer class=\"page-footer\">"
        let line = strings.format(
            .provenance,
            [
                "edition": .text(configuration.edition), "status": .text(status), "hash": .text(provenance.inputHash),
                "generator": .text(Provenance.generatorVersion),
            ],
            in: format)
        html += "<p>\(Escaping.html(line))</p>"
        return html + "</footer>\n"
    }

    /// The tags around the paragraph just before a municipal chart: on paper it stands beside the chart.
    static let chartLeadIn = (open: "<div class=\"chart-lead\">", close: "</div>")

    /// The block around each table of a sheet: on a narrow screen a table wider than the page
    /// scrolls sideways inside it, its words whole, instead of breaking them letter by letter.
    /// A region that scrolls must be reachable from the keyboard (`tabindex`), and is named for
    /// screen readers by the heading over the table.
    static func tableScrollOpen(_ heading: String?) -> String {
        guard let heading else { return "<div class=\"table-scroll\" tabindex=\"0\">" }
        return "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(Escaping.html(heading))\">"
    }
    static let tableScrollClose = "</div>"

    /// The logo in the masthead: 2.5 rem tall on screen, in the line; on A4 8 mm tall, beside the
    /// masthead and official-version lines as on a letterhead, so that a municipal sheet keeps to
    /// one page (9.5 mm in the line pushed six of them onto a second). Its width follows its
    /// `viewBox`. Added to ``css`` only for an edition with a logo: pages without one stay byte
    /// for byte as they were.
    static let logoCSS = """
        .masthead .logo { height: 2.5rem; width: auto; vertical-align: middle; margin-right: 0.5rem; }
        @media print { .page-header { display: flow-root; } .masthead .logo { float: left; height: 8mm; margin: 0 2.5mm 0.5mm 0; } }

        """

    /// The one style sheet, inlined in every page: screen and A4 print.
    static let css = """
        :root { --ink: #1a1a1a; --muted: #4d4d4d; --accent: #0072B2; --rule: #d0d0d0; }
        * { box-sizing: border-box; }
        html { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: var(--ink); background: #fff; line-height: 1.45; }
        body { margin: 0 auto; max-width: 62rem; padding: 1rem 1.25rem 2rem; font-size: 1rem; }
        a { color: #005a8c; }
        .page-header { font-size: 0.9rem; }
        .page-links { display: flex; justify-content: space-between; gap: 1rem; }
        .masthead { margin: 0 0 0.4rem; color: var(--muted); }
        .masthead .publisher { font-weight: bold; color: var(--ink); }
        .official-version { margin: 0 0 0.4rem; font-style: italic; color: var(--muted); }
        .notice { border-left: 4px solid #D55E00; background: #fff4ec; padding: 0.5rem 0.75rem; margin: 0.75rem 0; font-size: 0.9rem; }
        h1 { font-size: 1.7rem; line-height: 1.2; color: var(--accent); margin: 0.5rem 0 0.75rem; }
        h2 { font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem; margin: 1.5rem 0 0.75rem; }
        h3 { font-size: 1rem; margin: 1.1rem 0 0.4rem; }
        p { margin: 0.5rem 0; }
        main { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr)); column-gap: 2rem; align-items: start; }
        main > * { grid-column: 1 / -1; }
        main > figure.chart { grid-column: auto; }
        figure.chart { margin: 0.25rem 0 1rem; }
        figure.chart .chart-title { font-size: 0.95rem; margin: 0.6rem 0 0.4rem; line-height: 1.3; }
        figure.chart svg { display: block; width: 100%; height: auto; }
        .chart-note, .chart-source { font-size: 0.8rem; color: var(--muted); margin: 0.25rem 0; }
        .chart-links { font-size: 0.85rem; margin: 0.1rem 0 0; display: flex; flex-wrap: wrap; column-gap: 1.25rem; }
        .chart-links a { display: inline-block; padding: 0.15rem 0; min-height: 24px; }
        figure.chart { position: relative; overflow: hidden; }
        table.chart-data { position: absolute; top: 0; left: 0; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
        .table-scroll { margin: 0.5rem 0; overflow-x: auto; }
        .table-scroll:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
        .table-scroll > table { border-collapse: collapse; }
        .table-scroll > table th, .table-scroll > table td { border: 1px solid var(--rule); padding: 0.2rem 0.5rem; text-align: left; }
        .page-footer { margin-top: 2rem; border-top: 1px solid var(--rule); font-size: 0.8rem; color: var(--muted); }
        .choice section { margin: 2rem 0; }
        .muted { color: var(--muted); }
        main.index { display: block; }
        .sheet-list { columns: 2 16rem; padding-left: 1.2rem; }
        .sheet-list li { padding: 0.15rem 0; }
        .sheet-list a, .page-header a { display: inline-block; min-height: 24px; line-height: 24px; }
        .chart-list li { padding: 0.15rem 0; }
        .review-link a { display: inline-block; min-height: 24px; line-height: 24px; }
        main.review table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
        main.review th, main.review td { border: 1px solid var(--rule); padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
        h1, h2, h3 { overflow-wrap: break-word; }
        @media (max-width: 40rem) {
          body { padding: 0.75rem 0.75rem 1.5rem; }
          .table-scroll > table { width: 100%; font-size: 0.85rem; line-height: 1.3; }
          /* Shadows at a side with more of the table to scroll to (they scroll away at its ends). */
          .table-scroll {
            background: linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)), linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) 100% 0,
              radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.25), rgba(0, 0, 0, 0)), radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.25), rgba(0, 0, 0, 0)) 100% 0;
            background-repeat: no-repeat; background-size: 2.5rem 100%, 2.5rem 100%, 0.9rem 100%, 0.9rem 100%; background-attachment: local, local, scroll, scroll;
          }
          .table-scroll > table th, .table-scroll > table td { padding: 0.15rem 0.3rem; }
          main.review table { font-size: 0.78rem; }
          main.review th, main.review td { padding: 0.15rem 0.2rem; overflow-wrap: break-word; }
          /* Only the lists of municipalities may break inside a word, never a year, a figure or a heading. */
          main.review td + td { overflow-wrap: anywhere; }
        }
        @page { size: A4; margin: \(PrintGeometry.css(PrintGeometry.marginTop)) \(PrintGeometry.css(PrintGeometry.marginSide)) \(PrintGeometry.css(PrintGeometry.marginBottom)); @bottom-center { content: counter(page) " / " counter(pages); font: 7pt "DejaVu Sans", sans-serif; color: #4d4d4d; } }
        @media print {
          html { line-height: 1.28; }
          body { max-width: none; padding: 0; font-size: 8.4pt; }
          .page-links { display: none; }
          .page-header, .masthead, .official-version { font-size: 7.5pt; margin: 0 0 1mm; }
          .notice { margin: 0 0 2mm; padding: 1mm 2.5mm; font-size: 7.5pt; }
          h1 { font-size: 15pt; margin: 0 0 2mm; }
          h2 { font-size: 11pt; margin: 3mm 0 2mm; break-after: avoid; }
          .sheet-factsheet main > h2 ~ h2 { break-before: page; margin-top: 0; }
          .table-scroll { overflow: visible; margin: 0.5rem 0; background: none; }
          .table-scroll > table th, .table-scroll > table td { padding: 0.4mm 1.5mm; }
          .sheet-municipality h2 { margin: 2mm 0 1.5mm; }
          .sheet-municipality .page-footer { margin-top: 1mm; }
          /* A municipal chart fills one column, as on the national sheet, so its text prints at
             7 pt or more; the paragraph before it stands in the other column, so the sheet keeps
             to one page. */
          .sheet-municipality main { grid-auto-flow: row dense; }
          .sheet-municipality main > .chart-lead { grid-column: 2; margin-top: 1.5mm; }
          .sheet-municipality main > figure.chart { grid-column: 1; }
          .sheet-municipality p { margin: 0.8mm 0; }
          h3, figure.chart .chart-title { font-size: 8.6pt; margin: 1.5mm 0 1mm; break-after: avoid; }
          p { margin: 1.2mm 0; }
          main { grid-template-columns: 1fr 1fr; column-gap: \(PrintGeometry.css(PrintGeometry.columnGap)); }
          /* In the second section the tall per-municipality charts print side by side first, the
             column charts below them, then the closing text: the sheet keeps to two pages. */
          .sheet-factsheet main > h2 ~ h2 ~ figure.chart-columns { order: 1; }
          .sheet-factsheet main > h2 ~ h2 ~ figure ~ p { order: 2; }
          figure.chart { margin: 0 0 2mm; break-inside: avoid; }
          table, tr { break-inside: avoid; }
          table.chart-data { display: none; }
          .chart-note { font-size: 7pt; margin: 0.5mm 0 0; line-height: 1.2; }
          /* On paper the page's footer names the edition and the data status once for every chart
             (the sheet keeps to its pages); the links lead nowhere on paper. */
          .chart-source, .chart-links { display: none; }
          .page-footer { margin-top: 2mm; padding-top: 1mm; font-size: 6.5pt; }
          a { color: inherit; text-decoration: none; }
        }

        """
}
