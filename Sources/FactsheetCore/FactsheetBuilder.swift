import MarkdownRendering

/// The fact sheet's template in each language, as read from the templates folder.
public struct TemplateSources: Sendable {
    /// Folder name used in messages (`Templates`).
    public var folder: String
    /// The file name every language folder holds.
    public static let fileName = "factsheet.md"
    public var byLanguage: [Language: SourceFile]

    public init(folder: String, byLanguage: [Language: SourceFile]) {
        self.folder = folder
        self.byLanguage = byLanguage
    }
}

/// A file the build produced, relative to the output folder.
public struct BuiltFile: Sendable, Hashable {
    /// Relative path with `/` separators (`sq/index.html`).
    public var path: String
    public var contents: String
}

/// What a successful build produced.
public struct BuildResult: Sendable {
    public var files: [BuiltFile]
    public var warnings: [Diagnostic]
    public var indicators: Indicators
}

/// Runs the pipeline: sources → dataset → indicators → view models → Markdown → HTML pages.
///
/// Does no file I/O: the caller reads the sources and writes the files.
public struct FactsheetBuilder: Sendable {
    /// Receives one line per stage, for progress on stderr.
    public typealias Progress = @Sendable (String) -> Void

    private let progress: Progress

    public init(progress: @escaping Progress = { _ in }) {
        self.progress = progress
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
        let layout = PageLayout(configuration: dataset.configuration)

        var files: [BuiltFile] = []
        var titles: [Language: String] = [:]
        for language in Language.allCases {
            guard let template = parsed[language] else { continue }
            progress("render \(language.rawValue)/index.html")
            let model = SheetViewModel(dataset: dataset, indicators: indicators, language: language)
            let markdown = template.render(model.mustacheValues, log: &log)
            let document = MarkdownDocument(markdown: markdown)
            let renderer = BarChartRenderer(format: LanguageFormat(language), theme: dataset.configuration.chartTheme)
            document.replaceFencedBlocks(withInfoPrefix: SheetTemplate.chartFence, absorbingAdjacentHeading: true) { block in
                let id = SheetTemplate.chartID(of: block)
                guard var spec = model.charts[id] else { return nil }
                spec.title = block.precedingHeading ?? id
                return renderer.figure(spec, headingLevel: block.adjacentHeadingLevel)
            }
            let title = document.firstHeading ?? dataset.configuration.edition
            titles[language] = title
            files.append(BuiltFile(path: "\(language.rawValue)/index.html", contents: layout.sheet(language: language, title: title, body: document.html())))
        }
        try log.throwIfErrors()
        files.append(BuiltFile(path: "index.html", contents: layout.languageChoice(titles: titles)))
        files.append(BuiltFile(path: "data/indicators.json", contents: indicators.json()))
        return BuildResult(files: files, warnings: log.warnings, indicators: indicators)
    }

    /// Parses each language's template and checks that every language has one and names only known charts.
    func parseTemplates(_ templates: TemplateSources, log: inout DiagnosticLog) -> [Language: SheetTemplate] {
        var parsed: [Language: SheetTemplate] = [:]
        let present = Language.allCases.filter { templates.byLanguage[$0] != nil }
        for language in Language.allCases {
            guard let source = templates.byLanguage[language] else {
                let location = SourceLocation(file: "\(templates.folder)/\(language.rawValue)/\(TemplateSources.fileName)")
                if let other = present.first {
                    log.error(.templateMissing(language: language.rawValue, otherLanguage: other.rawValue), at: location)
                } else {
                    log.error(.missingFile(expected: "the fact sheet template in Markdown"), at: location)
                }
                continue
            }
            guard let template = SheetTemplate.parse(source, language: language, log: &log) else { continue }
            for block in template.charts {
                let id = SheetTemplate.chartID(of: block)
                if !SheetViewModel.chartIDs.contains(id) {
                    log.error(.templateUnknownChart(id, known: SheetViewModel.chartIDs), at: SourceLocation(file: source.path, line: block.line))
                }
            }
            parsed[language] = template
        }
        return parsed
    }
}
