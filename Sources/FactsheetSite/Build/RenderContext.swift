import FactsheetFigures
import FactsheetInput
import FactsheetPresentation
import Foundation
import MarkdownRendering

/// A rendered sheet: its file and its title.
struct RenderedPage {
    /// What the site index keeps of a sheet: all but its bytes.
    struct Outline: Sendable {
        let languageTag: String
        let title: String
        let headings: [MarkdownDocument.Heading]
        let links: [MarkdownDocument.Link]
    }

    var outline: Outline { Outline(languageTag: languageTag, title: title, headings: headings, links: links) }

    /// The page with its file's and its chart files' paths but not their bytes.
    var withoutBytes: RenderedPage {
        var page = RenderedPage(
            file: BuiltFile(path: file.path, bytes: [], standards: file.standards), title: title,
            charts: charts.map { (BuiltFile(path: $0.file.path, bytes: [], standards: $0.file.standards), $0.title) })
        page.languageTag = languageTag
        page.headings = headings
        page.links = links
        return page
    }

    let file: BuiltFile
    let title: String
    /// Each chart the sheet places, the first time, as a standalone SVG file (national sheets).
    var charts: [(file: BuiltFile, title: String)] = []
    /// Its language as the page's `lang` gives it.
    var languageTag = ""
    /// Its headings and links, when the build keeps them (``RenderContext/recordsOutlines``).
    var headings: [MarkdownDocument.Heading] = []
    var links: [MarkdownDocument.Link] = []
}

/// What every page of one build shares; safe to use from several threads.
struct RenderContext: Sendable {
    let figures: Figures
    /// The configured languages, in the order of the language links.
    let languages: [PreparedLanguage]
    /// The data package's words.
    let dataPackageWords: DataPackageWords
    let layout: PageLayout
    let observer: any BuildObserver
    /// Whether each page's headings and links are kept, for an output made after the pages.
    let recordsOutlines: Bool
    /// Per language: the register in alphabetical order, the edition's template values, year
    /// and period labels, and the chart renderer, made once for every sheet.
    private let ordered: [Language: [Municipality]]
    private let shared: [Language: [String: TemplateValue]]
    private let labels: [Language: MunicipalityViewModel.Labels]
    private let renderers: [Language: BarChartRenderer]

    init(
        figures: Figures, languages: [PreparedLanguage], dataPackageWords: DataPackageWords, provenance: Provenance,
        observer: any BuildObserver, recordsOutlines: Bool = false
    ) {
        self.figures = figures
        self.languages = languages
        self.dataPackageWords = dataPackageWords
        self.observer = observer
        self.recordsOutlines = recordsOutlines
        let configuration = figures.configuration
        self.layout = PageLayout(configuration: configuration, provenance: provenance, languages: languages.map(\.format))
        var ordered: [Language: [Municipality]] = [:]
        var shared: [Language: [String: TemplateValue]] = [:]
        var labels: [Language: MunicipalityViewModel.Labels] = [:]
        var renderers: [Language: BarChartRenderer] = [:]
        for edition in languages {
            let format = edition.format
            ordered[edition.language] = format.alphabetical(figures.municipalities)
            labels[edition.language] = MunicipalityViewModel.Labels(configuration: configuration, format: format)
            renderers[edition.language] = BarChartRenderer(format: format, theme: configuration.chartTheme)
            shared[edition.language] = TemplateValue.editionValues(configuration, format: format)
        }
        self.ordered = ordered
        self.shared = shared
        self.labels = labels
        self.renderers = renderers
    }

    /// The register in the language's alphabetical order.
    func alphabetical(_ language: Language) -> [Municipality] {
        ordered[language] ?? figures.municipalities
    }

    /// Every sheet's path (pages that print as fact sheets): the national ones first.
    var sheetPaths: [String] {
        languages.compactMap { $0.templates[.national] == nil ? nil : SitePath.national($0.language) }
            + languages.flatMap { edition in
                edition.templates[.municipality] == nil
                    ? [] : figures.municipalities.map { SitePath.municipality($0.code, edition.language) }
            }
    }

    /// The site's sheets and editions as values: `pages` are the sheets as rendered, by path.
    func siteIndex(national: [Language: RenderedPage], pages: [String: RenderedPage.Outline]) -> SiteIndex {
        var sheets: [SiteIndex.Sheet] = []
        var editions: [SiteIndex.Edition] = []
        for edition in languages {
            let language = edition.language
            guard let nationalPage = national[language] else { continue }
            let format = edition.format
            let strings = format.strings
            let subject = strings.format(.allSheetsTitle, ["edition": .text(figures.configuration.edition)], in: format)
            var names = [(SitePath.national(language), strings[.nationalSheet])]
            if edition.templates[.municipality] != nil {
                names += alphabetical(language).map { (SitePath.municipality($0.code, language), $0.name(in: language)) }
            }
            editions.append(
                SiteIndex.Edition(
                    language: language.key, languageTag: format.tag, title: subject, nationalTitle: nationalPage.title,
                    sheets: names.map(\.0), output: SitePath.edition(language)))
            for (path, name) in names {
                guard let page = pages[path] else { continue }
                sheets.append(
                    SiteIndex.Sheet(
                        path: path, languageTag: page.languageTag, title: page.title, headings: page.headings, links: page.links,
                        name: name,
                        subject: subject))
            }
        }
        // In the order of the build's sheets: the Kosovo-wide ones first.
        let order = Dictionary(sheetPaths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        // Each sheet's place looked up once, not at every comparison.
        let ranked = sheets.map { (rank: order[$0.path] ?? .max, sheet: $0) }.sorted { $0.rank < $1.rank }
        return SiteIndex(sheets: ranked.map(\.sheet), editions: editions)
    }

    func nationalPage(_ template: SheetTemplate, edition: PreparedLanguage, log: inout DiagnosticLog) -> RenderedPage {
        let model = SheetViewModel(figures: figures, format: edition.format, alphabetical: ordered[edition.language])
        let path = SitePath.national(edition.language)
        return page(
            template, kind: .national, path: path, values: model.values, shared: [:], charts: model.charts,
            files: { (SitePath.chartData($0.rawValue), SitePath.chartFile($0.rawValue, edition.language)) }, edition: edition,
            alternates: layout.alternates(SitePath.national), description: layout.description(.descriptionNational, edition.format),
            log: &log)
    }

    func municipalPage(_ template: SheetTemplate, municipality: Municipality, edition: PreparedLanguage, log: inout DiagnosticLog)
        -> RenderedPage
    {
        let model = observer.measure(.templates) {
            MunicipalityViewModel(figures: figures, municipality: municipality, format: edition.format, labels: labels[edition.language])
        }
        let path = SitePath.municipality(municipality.code, edition.language)
        return page(
            template, kind: .municipality, path: path, values: model.values, shared: shared[edition.language] ?? [:],
            charts: model.charts,
            files: {
                (SitePath.municipalData(municipality.code, $0), SitePath.municipalChartFile(municipality.code, $0, edition.language))
            },
            edition: edition, alternates: layout.alternates { SitePath.municipality(municipality.code, $0) },
            description: layout.description(
                (figures.figures(of: municipality.code)?.hadMCSC ?? false) ? .descriptionMunicipality : .descriptionMunicipalityNoMCSC,
                edition.format, municipality: municipality.name(in: edition.language)), log: &log)
    }

    /// Fills a template, renders the Markdown, places the charts and wraps the page. `files`
    /// gives where each chart's data and its file of its own go; `description` is the page's
    /// for link previews.
    private func page(
        _ template: SheetTemplate, kind: SheetKind, path: String, values: [String: TemplateValue], shared: [String: TemplateValue],
        charts: [String: ChartSpec], files: (ChartID) -> (data: String, svg: String),
        edition: PreparedLanguage, alternates: [Language: String], description: String, log: inout DiagnosticLog
    ) -> RenderedPage {
        let strings = edition.strings
        let status = figures.configuration.dataStatus == .illustrative ? strings[.statusIllustrative] : strings[.statusOfficial]
        // Who published the figures where the edition names them, the edition and their status.
        var sourceArguments: [String: PhraseArgument] = ["edition": .text(figures.configuration.edition), "status": .text(status)]
        sourceArguments["publisher"] = figures.configuration.publisher[edition.language.key].map(PhraseArgument.text)
        let source = strings.format(
            sourceArguments["publisher"] == nil ? .chartSourceEdition : .chartSource, sourceArguments, in: edition.format)
        let markdown = observer.measure(.templates) {
            template.render(values, shared: shared, format: edition.format, log: &log)
        }
        observer.markdown(path: path, text: markdown)
        let document = observer.measure(.markdown) { MarkdownDocument(markdown: markdown) }
        let renderer = renderers[edition.language] ?? BarChartRenderer(format: edition.format, theme: figures.configuration.chartTheme)
        // A chart placed more than once gets element ids of its own each time (`…-2`), so ids
        // stay unique on the page and every accessible name points at its own chart.
        var placements: [String: Int] = [:]
        var standalone: [(file: BuiltFile, title: String)] = []
        document.replaceFencedBlocks(
            withInfoPrefix: SheetTemplate.chartFence, absorbingAdjacentHeading: true,
            wrappingLeadIn: kind == .municipality ? PageLayout.chartLeadIn : nil,
            replacing: { block in
                let id = SheetTemplate.chartID(of: block)
                guard var spec = charts[id], let chart = ChartID(rawValue: id) else { return nil }
                let placement = placements[id, default: 0] + 1
                placements[id] = placement
                if placement > 1 { spec.id = "\(id)-\(placement)" }
                let heading = block.precedingHeading ?? id
                spec.title = ChartSpec.title(ofHeading: heading)
                spec.heading = heading == spec.title ? nil : heading
                spec.source = source
                let (data, svg) = files(chart)
                var alone: ChartSpec?
                if placement == 1 {
                    // For the website's editors: the same chart as a file of its own, title and description
                    // inside, with what the sheet says around it: the notice on illustrative data, the
                    // period notes and the source, in the description and as lines under the chart.
                    var file = spec
                    file.footer = layout.noticeText(strings).map { [$0] } ?? []
                    file.footer += spec.notes + [source]
                    for line in file.footer {
                        file.summary += " " + line + (line.last.map { ".!?".contains($0) } == true ? "" : ".")
                    }
                    alone = file
                }
                // The numbers and the chart one click away, named for screen readers with the chart's title.
                spec.links = [
                    (strings[.chartDataLink], data, "text/csv", true), (strings[.chartFileLink], svg, "image/svg+xml", false),
                    (strings[.workbookLink], SitePath.dataWorkbook(edition.language), SitePath.workbookType, true),
                ].map { text, target, type, download in
                    ChartSpec.Link(
                        text: text,
                        label: strings.format(.chartLinkLabel, ["link": .text(text), "title": .text(spec.title)], in: edition.format),
                        href: SitePath.link(from: path, to: target), type: type, download: download)
                }
                // The chart is drawn once for the sheet and its file, which differ only in their frame and footer.
                let figure = observer.measure(.charts) { () -> [UInt8] in
                    guard let alone else { return renderer.figureBytes(spec, headingLevel: block.adjacentHeadingLevel) }
                    let (figure, file) = renderer.figureAndFile(spec, file: alone, headingLevel: block.adjacentHeadingLevel)
                    standalone.append((BuiltFile(path: svg, bytes: file), spec.title))
                    return figure
                }
                return MarkdownDocument.Replacement(
                    utf8: figure, links: recordsOutlines ? spec.links.map { MarkdownDocument.Link(href: $0.href, text: $0.text) } : [])
            })
        document.wrapTables(close: PageLayout.tableScrollClose, open: PageLayout.tableScrollOpen)
        let body = observer.measure(.markdown) { document.htmlBytes() }
        let title = document.firstHeading ?? ""
        let html = observer.measure(.pages) {
            layout.sheetBytes(
                path: path, kind: kind, format: edition.format, title: title, description: description, body: body, alternates: alternates)
        }
        var page = RenderedPage(file: BuiltFile(path: path, bytes: html), title: title, charts: standalone)
        page.languageTag = edition.format.tag
        if recordsOutlines {
            page.headings = document.headings
            page.links = document.links
        }
        return page
    }
}
