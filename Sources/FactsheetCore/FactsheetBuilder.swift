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
    /// The file's UTF-8 bytes. Pages are assembled as bytes: making a `String` of them would
    /// check every byte of every page once more for valid UTF-8.
    public var bytes: [UInt8]

    /// The contents as text.
    public var contents: String { String(decoding: bytes, as: UTF8.self) }

    public init(path: String, contents: String) {
        self.path = path
        self.bytes = Array(contents.utf8)
    }

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What a successful build produced.
public struct BuildResult: Sendable {
    /// Every file, when the build was collected in memory (``FactsheetBuilder/build(edition:templates:)``);
    /// empty when the files went to a sink.
    public var files: [BuiltFile]
    public var warnings: [Diagnostic]
    public var indicators: Indicators
    public var provenance: Provenance
    /// Paths of the sheets (HTML pages that print as fact sheets), national ones first.
    public var sheets: [String]
    /// Every file written, with size and SHA-256 (the manifest's entries, the manifest excluded).
    public var manifest: [ManifestEntry]
    /// Bytes of Markdown rendered, for the benchmark.
    public var markdownBytes: Int
}

/// Inputs to a build that come from outside the edition folder.
public struct BuildOptions: Sendable {
    /// `SOURCE_DATE_EPOCH`: the publication date when the configuration names none.
    public var sourceDateEpoch: Int?
    /// Render municipal sheets on every core (the output is the same as a serial build).
    public var concurrent: Bool
    /// How many pages render at once: one task per core by default.
    public var workers: Int
    public var timer: any StageTimer
    /// Receives each sheet's Markdown (page path, text) before it is rendered; the benchmark
    /// uses it to time other tools on the same text.
    public var markdownObserver: (@Sendable (String, String) -> Void)?

    public init(
        sourceDateEpoch: Int? = nil, concurrent: Bool = true, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        timer: any StageTimer = NoStageTimer(), markdownObserver: (@Sendable (String, String) -> Void)? = nil
    ) {
        self.sourceDateEpoch = sourceDateEpoch
        self.concurrent = concurrent
        self.workers = workers
        self.timer = timer
        self.markdownObserver = markdownObserver
    }
}

/// Runs the pipeline: sources → dataset → indicators → view models → Markdown → HTML pages.
///
/// Does no file I/O and reads no clock or environment: the caller reads the sources, passes
/// the options and receives the files through a ``BuildSink``.
public struct FactsheetBuilder: Sendable {
    /// Receives one line per stage, for progress on stderr.
    public typealias Progress = @Sendable (String) -> Void

    private let progress: Progress
    private let options: BuildOptions

    public init(options: BuildOptions = BuildOptions(), progress: @escaping Progress = { _ in }) {
        self.progress = progress
        self.options = options
        // Before any concurrency: cmark-gfm's extension registration is not thread-safe.
        MarkdownDocument.registerExtensions()
    }

    /// Builds every output file in memory, or throws every problem found.
    public func build(edition: EditionSources, templates: TemplateSources) async throws(DiagnosticsError) -> BuildResult {
        let collector = CollectingSink()
        var result = try await build(edition: edition, templates: templates, into: collector)
        result.files = collector.files.sorted { $0.path < $1.path }
        return result
    }

    /// Builds every output file into `sink`, or throws every problem found.
    ///
    /// Nothing reaches the sink before input and templates have been validated and the first
    /// page of each kind has rendered without errors. A template value used only on some sheets
    /// (inside a section) can still fail later, after other files reached the sink: callers that
    /// write to disk give a staging folder and discard it when this throws, as the command does.
    public func build(edition: EditionSources, templates: TemplateSources, into sink: any BuildSink) async throws(DiagnosticsError) -> BuildResult {
        let timer = options.timer
        var log = DiagnosticLog()
        progress("load and validate \(edition.folder)/")
        var dataset: Dataset?
        do {
            let load: () throws -> (Dataset, [Diagnostic]) = { try DatasetLoader().load(edition) }
            let (loaded, warnings) = try timer.measure(.validate, load)
            dataset = loaded
            log.append(contentsOf: warnings)
        } catch let error as DiagnosticsError {
            log.append(contentsOf: error.diagnostics)
        } catch {}
        progress("read templates in \(templates.folder)/")
        let parsed = timer.measure(.templates) { parseTemplates(templates, log: &log) }
        try log.throwIfErrors()
        guard let dataset else { throw DiagnosticsError(log.diagnostics) }

        progress("compute indicators")
        let indicators = timer.measure(.indicators) { IndicatorCalculator().indicators(for: dataset) }
        let published = dataset.configuration.published ?? options.sourceDateEpoch.map(Provenance.date(fromEpoch:))
        let provenance = Provenance(sources: edition, published: published)
        let context = RenderContext(
            dataset: dataset, indicators: indicators, provenance: provenance, timer: timer, markdownObserver: options.markdownObserver)
        let output = RecordingSink(sink, timer: timer)

        // First the national sheet and the first municipal sheet of each language, the languages
        // side by side: a template error is reported once, before anything is written.
        let municipalTemplates = parsed[.municipality] ?? [:]
        progress("render \(Language.allCases.map { SitePath.national($0) }.joined(separator: ", "))")
        let firstPages = ConcurrentSlots<(RenderedPage?, RenderedPage?, [Diagnostic])>(count: Language.allCases.count)
        await perform(Language.allCases.count) { index in
            let language = Language.allCases[index]
            var pageLog = DiagnosticLog()
            let national = parsed[.national]?[language].map { context.nationalPage($0, language: language, log: &pageLog) }
            var first: RenderedPage?
            if let template = municipalTemplates[language], let municipality = dataset.municipalities.first {
                first = context.municipalPage(template, municipality: municipality, language: language, log: &pageLog)
            }
            firstPages.set(index, (national, first, pageLog.diagnostics))
        }
        var national: [Language: RenderedPage] = [:]
        for (language, slot) in zip(Language.allCases, firstPages.values) {
            guard let (page, _, diagnostics) = slot else { continue }
            national[language] = page
            log.append(contentsOf: diagnostics)
        }
        try log.throwIfErrors()

        let failures = FailureBox()
        let emit: @Sendable (BuiltFile) -> Void = { file in
            do { try output.write(file) } catch { failures.record(error) }
        }
        for slot in firstPages.values {
            if let page = slot?.0 { emit(page.file) }
            if let page = slot?.1 { emit(page.file) }
        }

        // Then everything else in one pool: the other municipal sheets and the site's own files.
        let titles = national.mapValues(\.title)
        let layout = context.layout
        var siteJobs: [@Sendable () -> Void] = []
        for language in Language.allCases where national[language] != nil {
            siteJobs.append {
                let entries = municipalTemplates[language] == nil ? [] : context.alphabetical(language).map { municipality in
                    PageLayout.SheetEntry(
                        path: SitePath.municipality(municipality.code, language), name: municipality.name(in: language),
                        hadMCSC: dataset.hadMCSC(municipality.code))
                }
                emit(BuiltFile(path: SitePath.sheets(language), contents: layout.sheetsIndex(language: language, nationalTitle: titles[language] ?? "", municipalities: entries)))
            }
        }
        siteJobs.append { emit(BuiltFile(path: SitePath.languageChoice, contents: layout.languageChoice(titles: titles))) }
        siteJobs.append { emit(BuiltFile(path: SitePath.indicators, contents: indicators.json())) }
        siteJobs.append { for file in ChartDataFiles.files(dataset: dataset, indicators: indicators) { emit(file) } }
        let jobs = Language.allCases.flatMap { language in
            municipalTemplates[language] == nil ? [] : dataset.municipalities.dropFirst().map { (language, $0) }
        }
        progress("render \(jobs.count) more municipal sheets and the site's indexes and data\(options.concurrent ? " on every core" : "")")
        let pageProblems = ProblemBox()
        let siteWork = siteJobs
        await perform(siteWork.count + jobs.count) { index in
            if index < siteWork.count {
                siteWork[index]()
                return
            }
            let (language, municipality) = jobs[index - siteWork.count]
            guard let template = municipalTemplates[language] else { return }
            var pageLog = DiagnosticLog()
            let page = context.municipalPage(template, municipality: municipality, language: language, log: &pageLog)
            if pageLog.hasErrors {
                pageProblems.add(pageLog.diagnostics)
            } else {
                emit(page.file)
            }
        }
        // A value used only on some sheets (inside a section) can still be unknown.
        log.append(contentsOf: pageProblems.diagnostics)
        try log.throwIfErrors()

        progress("write the manifest")
        let entries = output.entries
        emit(BuiltFile(path: SitePath.manifest, contents: Manifest.json(entries: entries, provenance: provenance)))
        if let error = failures.first {
            throw DiagnosticsError([Diagnostic(.error, at: SourceLocation(file: "output"), .writeFailed("\(error)"))])
        }

        let sheets = Language.allCases.compactMap { national[$0] == nil ? nil : SitePath.national($0) }
            + Language.allCases.flatMap { language in
                municipalTemplates[language] == nil ? [] : dataset.municipalities.map { SitePath.municipality($0.code, language) }
            }
        return BuildResult(
            files: [], warnings: log.warnings, indicators: indicators, provenance: provenance, sheets: sheets,
            manifest: entries, markdownBytes: context.markdownBytes.value)
    }

    /// Runs `job` for 0..<count in a task group of ``BuildOptions/workers`` tasks, each taking
    /// the next index until none is left; serially when the options ask for a serial build.
    private func perform(_ count: Int, _ job: @escaping @Sendable (Int) -> Void) async {
        guard options.concurrent, count > 1 else {
            for index in 0..<count { job(index) }
            return
        }
        let next = NextIndex(below: count)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, min(options.workers, count)) {
                group.addTask {
                    while let index = next.take() { job(index) }
                }
            }
        }
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

/// A rendered sheet: its file and its title.
struct RenderedPage {
    let file: BuiltFile
    let title: String
}

/// What every page of one build shares; safe to use from several threads.
struct RenderContext: Sendable {
    let dataset: Dataset
    let indicators: Indicators
    let layout: PageLayout
    let timer: any StageTimer
    let formats: [Language: LanguageFormat]
    /// The register in each language's alphabetical order.
    private let ordered: [Language: [Municipality]]
    /// The edition's template values per language, made once for every municipal sheet.
    let shared: [Language: SharedValues]
    /// Year and period labels per language, made once for every municipal sheet.
    let labels: [Language: MunicipalityViewModel.Labels]
    /// Chart renderers per language, made once.
    let renderers: [Language: BarChartRenderer]
    let markdownBytes = Counter()
    let markdownObserver: (@Sendable (String, String) -> Void)?

    init(
        dataset: Dataset, indicators: Indicators, provenance: Provenance, timer: any StageTimer,
        markdownObserver: (@Sendable (String, String) -> Void)?
    ) {
        self.markdownObserver = markdownObserver
        self.dataset = dataset
        self.indicators = indicators
        self.layout = PageLayout(configuration: dataset.configuration, provenance: provenance)
        self.timer = timer
        let formats = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, LanguageFormat($0)) })
        self.formats = formats
        self.ordered = formats.mapValues { $0.alphabetical(dataset.municipalities) }
        self.labels = formats.mapValues { MunicipalityViewModel.Labels(configuration: dataset.configuration, format: $0) }
        self.renderers = formats.mapValues { BarChartRenderer(format: $0, theme: dataset.configuration.chartTheme) }
        self.shared = formats.mapValues { format in
            SharedValues(TemplateValue.editionValues(dataset.configuration, format: format).mapValues(\.mustacheValue))
        }
    }

    /// The register in the language's alphabetical order.
    func alphabetical(_ language: Language) -> [Municipality] {
        ordered[language] ?? dataset.municipalities
    }

    func nationalPage(_ template: SheetTemplate, language: Language, log: inout DiagnosticLog) -> RenderedPage {
        let format = formats[language] ?? LanguageFormat(language)
        let model = SheetViewModel(dataset: dataset, indicators: indicators, format: format, alphabetical: ordered[language])
        let path = SitePath.national(language)
        let alternates = SitePath.alternates(SitePath.national)
        return page(template, path: path, values: model.mustacheValues, shared: [:], charts: model.charts, format: format, alternates: alternates, log: &log)
    }

    func municipalPage(_ template: SheetTemplate, municipality: Municipality, language: Language, log: inout DiagnosticLog) -> RenderedPage {
        let format = formats[language] ?? LanguageFormat(language)
        let model = timer.measure(.templates) { MunicipalityViewModel(dataset: dataset, municipality: municipality, format: format, labels: labels[language]) }
        let path = SitePath.municipality(municipality.code, language)
        let alternates = SitePath.alternates { SitePath.municipality(municipality.code, $0) }
        return page(
            template, path: path, values: model.mustacheValues, shared: shared[language]?.values ?? [:], charts: model.charts, format: format,
            alternates: alternates, log: &log)
    }

    /// Fills a template, renders the Markdown, places the charts and wraps the page.
    private func page(
        _ template: SheetTemplate, path: String, values: [String: Any], shared: [String: Any], charts: [String: ChartSpec],
        format: LanguageFormat, alternates: [Language: String], log: inout DiagnosticLog
    ) -> RenderedPage {
        let markdown = timer.measure(.templates) { template.render(values, shared: shared, log: &log) }
        markdownBytes.add(markdown.utf8.count)
        markdownObserver?(path, markdown)
        let document = timer.measure(.markdown) { MarkdownDocument(markdown: markdown) }
        let renderer = renderers[format.language] ?? BarChartRenderer(format: format, theme: dataset.configuration.chartTheme)
        // A chart placed more than once gets element ids of its own each time (`…-2`), so ids
        // stay unique on the page and every accessible name points at its own chart.
        var placements: [String: Int] = [:]
        document.replaceFencedBlocks(withInfoPrefix: SheetTemplate.chartFence, absorbingAdjacentHeading: true, utf8: { block in
            let id = SheetTemplate.chartID(of: block)
            guard var spec = charts[id] else { return nil }
            let placement = placements[id, default: 0] + 1
            placements[id] = placement
            if placement > 1 { spec.id = "\(id)-\(placement)" }
            spec.title = block.precedingHeading ?? id
            return timer.measure(.charts) { renderer.figureBytes(spec, headingLevel: block.adjacentHeadingLevel) }
        })
        let body = timer.measure(.markdown) { document.htmlBytes() }
        let title = document.firstHeading ?? ""
        let html = timer.measure(.pages) { layout.sheetBytes(path: path, language: format.language, title: title, body: body, alternates: alternates) }
        return RenderedPage(file: BuiltFile(path: path, bytes: html), title: title)
    }
}

/// Template values that every sheet of a language shares; immutable once made.
final class SharedValues: @unchecked Sendable {
    let values: [String: Any]
    init(_ values: [String: Any]) { self.values = values }
}

/// Passes files on to a sink and records each one's size and SHA-256 for the manifest.
final class RecordingSink: BuildSink, @unchecked Sendable {
    private let sink: any BuildSink
    private let timer: any StageTimer
    private let lock = NSLock()
    private var recorded: [ManifestEntry] = []

    init(_ sink: any BuildSink, timer: any StageTimer) {
        self.sink = sink
        self.timer = timer
    }

    func write(_ file: BuiltFile) throws {
        let entry = ManifestEntry(path: file.path, bytes: file.bytes)
        try timer.measure(.write) { try sink.write(file) }
        lock.withLock { recorded.append(entry) }
    }

    /// Every file written so far, sorted by path.
    var entries: [ManifestEntry] {
        lock.withLock { recorded.sorted { $0.path < $1.path } }
    }
}

/// Keeps every file in memory, for tests and small sites.
final class CollectingSink: BuildSink, @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [BuiltFile] = []

    func write(_ file: BuiltFile) throws {
        lock.withLock { collected.append(file) }
    }

    var files: [BuiltFile] { lock.withLock { collected } }
}

