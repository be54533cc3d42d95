import Foundation
import MarkdownRendering

/// A rendered sheet: its file and its title.
struct RenderedPage {
    let file: BuiltFile
    let title: String
    /// Each chart the sheet places, the first time, as a standalone SVG file (national sheets).
    var charts: [(file: BuiltFile, title: String)] = []
}

/// What every page of one build shares; safe to use from several threads.
struct RenderContext: Sendable {
    let figures: Figures
    /// The configured languages, in the order of the language links.
    let languages: [LanguageEdition]
    let layout: PageLayout
    let observer: any BuildObserver
    /// Per language: the register in alphabetical order, the edition's template values, year
    /// and period labels, and the chart renderer, made once for every sheet.
    private let ordered: [Language: [Municipality]]
    private let shared: [Language: [String: TemplateValue]]
    private let labels: [Language: MunicipalityViewModel.Labels]
    private let renderers: [Language: BarChartRenderer]

    init(figures: Figures, languages: [LanguageEdition], provenance: Provenance, observer: any BuildObserver) {
        self.figures = figures
        self.languages = languages
        self.observer = observer
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

    func nationalPage(_ template: SheetTemplate, edition: LanguageEdition, log: inout DiagnosticLog) -> RenderedPage {
        let model = SheetViewModel(figures: figures, format: edition.format, alphabetical: ordered[edition.language])
        let path = SitePath.national(edition.language)
        return page(
            template, kind: .national, path: path, values: model.values, shared: [:], charts: model.charts, edition: edition,
            alternates: layout.alternates(SitePath.national), log: &log)
    }

    func municipalPage(_ template: SheetTemplate, municipality: Municipality, edition: LanguageEdition, log: inout DiagnosticLog)
        -> RenderedPage
    {
        let model = observer.measure(.templates) {
            MunicipalityViewModel(figures: figures, municipality: municipality, format: edition.format, labels: labels[edition.language])
        }
        let path = SitePath.municipality(municipality.code, edition.language)
        return page(
            template, kind: .municipality, path: path, values: model.values, shared: shared[edition.language] ?? [:],
            charts: model.charts,
            edition: edition, alternates: layout.alternates { SitePath.municipality(municipality.code, $0) }, log: &log)
    }

    /// The site's own files as jobs for the render pool: each language's sheets index, the
    /// language choice, the data workbook, `indicators.json` and the chart data.
    func siteJobs(national: [Language: RenderedPage], emit: @escaping @Sendable (BuiltFile) -> Void) -> [@Sendable () -> Void] {
        let titles = national.mapValues(\.title)
        var jobs: [@Sendable () -> Void] = []
        for edition in languages where national[edition.language] != nil {
            jobs.append {
                let language = edition.language
                let entries =
                    edition.templates[.municipality] == nil
                    ? []
                    : alphabetical(language).map { municipality -> PageLayout.SheetEntry in
                        let own = figures.figures(of: municipality.code)
                        return PageLayout.SheetEntry(
                            path: SitePath.municipality(municipality.code, language), name: municipality.name(in: language),
                            hadMCSC: own?.hadMCSC ?? false,
                            noMCSCSince: (own?.dissolvedYears.isEmpty ?? true) ? nil : figures.configuration.establishmentYears.max())
                    }
                emit(
                    BuiltFile(
                        path: SitePath.sheets(language),
                        contents: layout.sheetsIndex(
                            edition.format, nationalTitle: titles[language] ?? "", municipalities: entries,
                            charts: national[language]?.charts.map { PageLayout.ChartEntry(path: $0.file.path, title: $0.title) } ?? [])))
            }
        }
        for edition in languages {
            jobs.append {
                let page = ReviewPage(
                    layout: layout, format: edition.format, figures: figures, alphabetical: alphabetical(edition.language))
                emit(BuiltFile(path: SitePath.review(edition.language), contents: page.html))
            }
        }
        for edition in languages {
            jobs.append {
                let workbook = DataWorkbook(
                    layout: layout, format: edition.format, figures: figures, alphabetical: alphabetical(edition.language))
                // An in-memory ZIP archive fails only when memory runs out, which ends the build anyway;
                // the jobs have no log to report to (Tests/xlsx/check.sh fails on a missing workbook).
                if let bytes = try? workbook.bytes() { emit(BuiltFile(path: SitePath.dataWorkbook(edition.language), bytes: bytes)) }
            }
        }
        jobs.append { emit(BuiltFile(path: SitePath.languageChoice, contents: layout.languageChoice(titles: titles))) }
        jobs.append { emit(BuiltFile(path: SitePath.indicators, contents: figures.indicators.json())) }
        jobs.append { for file in ChartDataFiles.files(figures) { emit(file) } }
        return jobs
    }

    /// Fills a template, renders the Markdown, places the charts and wraps the page.
    private func page(
        _ template: SheetTemplate, kind: SheetKind, path: String, values: [String: TemplateValue], shared: [String: TemplateValue],
        charts: [String: ChartSpec],
        edition: LanguageEdition, alternates: [Language: String], log: inout DiagnosticLog
    ) -> RenderedPage {
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
            utf8: { block in
                let id = SheetTemplate.chartID(of: block)
                guard var spec = charts[id] else { return nil }
                let placement = placements[id, default: 0] + 1
                placements[id] = placement
                if placement > 1 { spec.id = "\(id)-\(placement)" }
                let heading = block.precedingHeading ?? id
                spec.title = ChartSpec.title(ofHeading: heading)
                spec.heading = heading == spec.title ? nil : heading
                if kind == .national && placement == 1 {
                    // For the website's editors: the same chart as a file of its own, title and description
                    // inside, with what the sheet says around it: the notice on illustrative data and the
                    // period notes, in the description and as lines under the chart.
                    var alone = spec
                    alone.footer = layout.noticeText(edition.strings).map { [$0] } ?? []
                    alone.footer += spec.notes
                    for line in alone.footer {
                        alone.summary += " " + line + (line.last.map { ".!?".contains($0) } == true ? "" : ".")
                    }
                    let svg = observer.measure(.charts) { renderer.standaloneSVG(alone) }
                    standalone.append((BuiltFile(path: SitePath.chartFile(id, edition.language), contents: svg), spec.title))
                }
                return observer.measure(.charts) { renderer.figureBytes(spec, headingLevel: block.adjacentHeadingLevel) }
            })
        let body = observer.measure(.markdown) { document.htmlBytes() }
        let title = document.firstHeading ?? ""
        let html = observer.measure(.pages) {
            layout.sheetBytes(path: path, kind: kind, format: edition.format, title: title, body: body, alternates: alternates)
        }
        return RenderedPage(file: BuiltFile(path: path, bytes: html), title: title, charts: standalone)
    }
}
