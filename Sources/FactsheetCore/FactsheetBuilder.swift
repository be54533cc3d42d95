import Foundation
import MarkdownRendering

/// The sheets' templates in each language, as read from the templates folder.
public struct TemplateSources: Sendable {
    /// Folder name used in messages (`Templates`).
    public var folder: String
    /// Template files by sheet kind and language; a missing file is simply absent.
    public var files: [SheetKind: [Language: SourceFile]]

    public init(folder: String, files: [SheetKind: [Language: SourceFile]]) {
        self.folder = folder
        self.files = files
    }
}

/// A file the build produced, relative to the output folder.
public struct BuiltFile: Sendable, Hashable {
    /// Relative path with `/` separators (`sq/index.html`).
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// What a successful build produced.
public struct BuildResult: Sendable {
    public var files: [BuiltFile]
    public var warnings: [Diagnostic]
    public var indicators: Indicators
    public var provenance: Provenance
    /// Paths of the sheets (HTML pages that print as fact sheets), national ones first.
    public var sheets: [String]
}

/// Inputs to a build that come from outside the edition folder.
public struct BuildOptions: Sendable {
    /// `SOURCE_DATE_EPOCH`: the publication date when the configuration names none.
    public var sourceDateEpoch: Int?

    public init(sourceDateEpoch: Int? = nil) {
        self.sourceDateEpoch = sourceDateEpoch
    }
}

/// Runs the pipeline: sources → dataset → indicators → view models → Markdown → HTML pages.
///
/// Does no file I/O and reads no clock or environment: the caller reads the sources, passes
/// the options and writes the files.
public struct FactsheetBuilder: Sendable {
    /// Receives one line per stage, for progress on stderr.
    public typealias Progress = @Sendable (String) -> Void

    private let progress: Progress
    private let options: BuildOptions

    public init(options: BuildOptions = BuildOptions(), progress: @escaping Progress = { _ in }) {
        self.progress = progress
        self.options = options
        MarkdownDocument.registerExtensions()
    }

    /// Builds every output file, or throws every problem found.
    public func build(edition: EditionSources, templates: TemplateSources) throws(DiagnosticsError) -> BuildResult {
        var log = DiagnosticLog()
        progress("load and validate \(edition.folder)/")
        var dataset: Dataset?
        do {
            let (loaded, warnings) = try DatasetLoader().load(edition)
            dataset = loaded
            log.append(contentsOf: warnings)
        } catch {
            log.append(contentsOf: error.diagnostics)
        }
        progress("read templates in \(templates.folder)/")
        let parsed = parseTemplates(templates, log: &log)
        try log.throwIfErrors()
        guard let dataset else { throw DiagnosticsError(log.diagnostics) }

        progress("compute indicators")
        let indicators = IndicatorCalculator().indicators(for: dataset)
        let published = dataset.configuration.published ?? options.sourceDateEpoch.map(Provenance.date(fromEpoch:))
        let provenance = Provenance(sources: edition, published: published)
        let layout = PageLayout(configuration: dataset.configuration, provenance: provenance)

        var files: [BuiltFile] = []
        var sheets: [String] = []
        var titles: [Language: String] = [:]
        let municipalTemplates = parsed[.municipality] ?? [:]
        for language in Language.allCases {
            guard let template = parsed[.national]?[language] else { continue }
            progress("render \(SitePath.national(language))")
            let model = SheetViewModel(dataset: dataset, indicators: indicators, language: language)
            let path = SitePath.national(language)
            let (title, body) = render(template, values: model.mustacheValues, charts: model.charts, language: language, theme: dataset.configuration.chartTheme, log: &log)
            titles[language] = title
            let alternates = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, SitePath.national($0)) })
            files.append(BuiltFile(path: path, contents: layout.sheet(path: path, language: language, title: title, body: body, alternates: alternates)))
            sheets.append(path)
        }
        var municipalTitles: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard let template = municipalTemplates[language] else { continue }
            progress("render \(dataset.municipalities.count) municipal sheets in \(language.rawValue)/municipalities/")
            for municipality in dataset.municipalities {
                let model = MunicipalityViewModel(dataset: dataset, municipality: municipality, language: language)
                let path = SitePath.municipality(municipality.code, language)
                let (title, body) = render(template, values: model.mustacheValues, charts: model.charts, language: language, theme: dataset.configuration.chartTheme, log: &log)
                municipalTitles[language, default: [:]][municipality.code] = title
                let alternates = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, SitePath.municipality(municipality.code, $0)) })
                files.append(BuiltFile(path: path, contents: layout.sheet(path: path, language: language, title: title, body: body, alternates: alternates)))
                sheets.append(path)
            }
        }
        try log.throwIfErrors()

        progress("write indexes, data and manifest")
        for language in Language.allCases where titles[language] != nil {
            let entries = dataset.municipalities.filter { municipalTitles[language]?[$0.code] != nil }.map { municipality in
                PageLayout.SheetEntry(
                    path: SitePath.municipality(municipality.code, language), name: municipality.name(in: language),
                    hadMCSC: dataset.configuration.monitoredYears.contains { dataset.monitoring[$0]?[municipality.code]?.hasMCSC == true })
            }
            files.append(
                BuiltFile(
                    path: SitePath.sheets(language),
                    contents: layout.sheetsIndex(language: language, nationalTitle: titles[language] ?? "", municipalities: entries)))
        }
        files.append(BuiltFile(path: SitePath.languageChoice, contents: layout.languageChoice(titles: titles)))
        files.append(BuiltFile(path: SitePath.indicators, contents: indicators.json()))
        files += ChartDataFiles.files(dataset: dataset, indicators: indicators)
        files.append(
            BuiltFile(path: SitePath.manifest, contents: Manifest.json(for: files.map { ($0.path, Array($0.contents.utf8)) }, provenance: provenance)))
        return BuildResult(files: files, warnings: log.warnings, indicators: indicators, provenance: provenance, sheets: sheets)
    }

    /// Fills a template, renders the Markdown and places the charts; returns the title and the HTML body.
    private func render(
        _ template: SheetTemplate, values: [String: Any], charts: [String: ChartSpec], language: Language, theme: ChartTheme,
        log: inout DiagnosticLog
    ) -> (String, String) {
        let markdown = template.render(values, log: &log)
        let document = MarkdownDocument(markdown: markdown)
        let renderer = BarChartRenderer(format: LanguageFormat(language), theme: theme)
        document.replaceFencedBlocks(withInfoPrefix: SheetTemplate.chartFence, absorbingAdjacentHeading: true) { block in
            let id = SheetTemplate.chartID(of: block)
            guard var spec = charts[id] else { return nil }
            spec.title = block.precedingHeading ?? id
            return renderer.figure(spec, headingLevel: block.adjacentHeadingLevel)
        }
        return (document.firstHeading ?? "", document.html())
    }

    /// Parses every template and checks that each kind exists in every language (the national
    /// sheet is required; municipal sheets only if some language has them) and names only known charts.
    func parseTemplates(_ templates: TemplateSources, log: inout DiagnosticLog) -> [SheetKind: [Language: SheetTemplate]] {
        var parsed: [SheetKind: [Language: SheetTemplate]] = [:]
        for kind in SheetKind.allCases {
            let files = templates.files[kind] ?? [:]
            if files.isEmpty && kind != .national { continue }
            let present = Language.allCases.filter { files[$0] != nil }
            for language in Language.allCases {
                guard let source = files[language] else {
                    let location = SourceLocation(file: "\(templates.folder)/\(language.rawValue)/\(kind.fileName)")
                    if let other = present.first {
                        log.error(.templateMissing(language: language.rawValue, otherLanguage: other.rawValue), at: location)
                    } else {
                        log.error(.missingFile(expected: "the \(kind == .national ? "fact sheet" : "municipal sheet") template in Markdown"), at: location)
                    }
                    continue
                }
                guard let template = SheetTemplate.parse(source, language: language, log: &log) else { continue }
                for block in template.charts {
                    let id = SheetTemplate.chartID(of: block)
                    if !kind.chartIDs.contains(id) {
                        log.error(.templateUnknownChart(id, known: kind.chartIDs), at: SourceLocation(file: source.path, line: block.line))
                    }
                }
                parsed[kind, default: [:]][language] = template
            }
        }
        return parsed
    }
}
