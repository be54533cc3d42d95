import Dispatch
import FactsheetFigures
import FactsheetInput
import FactsheetPresentation
import FactsheetSupport
import Foundation
import MarkdownRendering

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
        // A collecting sink keeps every file in memory and never refuses one.
        let collector = CollectingSink()
        let output = RecordingSink(collector, observer: options.observer)
        var result = try await stages(edition: edition, templates: templates, into: output, failures: FailureBox())
        progress("write the manifest")
        result.manifest = output.entries
        try? output.write(
            BuiltFile(path: SitePath.manifest, contents: Manifest.json(entries: result.manifest, provenance: result.provenance)))
        result.files = collector.files.sorted { $0.path < $1.path }
        return result
    }

    /// Builds every output file into `sink`, then each of `finishers` (the archive PDFs) from
    /// what the build knows of its sheets, then the manifest of every file written; or throws
    /// every problem found.
    ///
    /// Throws ``DiagnosticsError`` when the input or the templates have errors, and otherwise the
    /// first error the sink or a finisher threw, as it threw it (a full disk, a browser that
    /// could not print): that is no fault of the input, and the caller reports it as it is.
    public func build(
        edition: EditionSources, templates: TemplateSources, into sink: any BuildSink, finishing finishers: [any SiteFinisher] = []
    ) async throws -> BuildResult {
        let failures = FailureBox()
        let output = RecordingSink(sink, observer: options.observer)
        var result = try await stages(
            edition: edition, templates: templates, into: output, failures: failures, outlines: finishers.contains { $0.needsOutlines })
        if let error = failures.first { throw error }
        for finisher in finishers {
            try finisher.finish(result.site, provenance: result.provenance, publisher: result.publisher) { try output.write($0) }
        }
        // Written once, last, from what every output wrote.
        progress("write the manifest")
        result.manifest = output.entries
        try output.write(
            BuiltFile(path: SitePath.manifest, contents: Manifest.json(entries: result.manifest, provenance: result.provenance)))
        return result
    }

    /// The build into `output`, up to the manifest; a file the sink refuses is recorded in
    /// `failures` (the first one counts) and the files after it are not offered to the sink.
    ///
    /// The stages: validate the edition, read each configured language's strings and templates,
    /// compute the figures, render the first sheets, render the rest with the site's other
    /// outputs (``SiteOutputs``). Nothing reaches the sink before input, strings and templates
    /// have been validated and the first page of each kind has rendered without errors. A
    /// template value used only on some sheets (inside a section) can still fail later, after
    /// other files reached the sink: callers that write to disk give a staging folder and
    /// discard it when this throws, as the command does. With `outlines`, each sheet's headings
    /// and links are kept for the site index.
    private func stages(
        edition: EditionSources, templates: TemplateSources, into output: RecordingSink, failures: FailureBox, outlines: Bool = false
    ) async throws(DiagnosticsError) -> BuildResult {
        var log = DiagnosticLog()
        progress("load and validate \(edition.folder)/")
        let dataset = validate(edition, log: &log)
        progress("read strings and templates in \(templates.folder)/")
        let configured = dataset?.configuration.languages ?? Self.languages(of: edition)
        let official = dataset?.configuration.officialLanguage
        let languages = options.observer.measure(.templates) { prepareLanguages(templates, configured, official: official, log: &log) }
        let dataPackageWords = Self.dataPackageWords(templates, log: &log)
        try log.throwIfErrors()
        guard let dataset, let dataPackageWords else { throw DiagnosticsError(log.diagnostics) }

        progress("compute indicators")
        let figures = options.observer.measure(.indicators) { IndicatorCalculator().figures(for: dataset) }
        let published = dataset.configuration.published ?? options.sourceDateEpoch.map(Provenance.date(fromEpoch:))
        let provenance = Provenance(sources: edition, published: published)
        let context = RenderContext(
            figures: figures, languages: languages, dataPackageWords: dataPackageWords, provenance: provenance, observer: options.observer,
            recordsOutlines: outlines)
        let sheets = SheetOutlines()
        let emit: @Sendable (BuiltFile) -> Void = { file in
            guard failures.first == nil else { return }
            do { try output.write(file) } catch { failures.record(error) }
        }
        let emitSheet: @Sendable (RenderedPage) -> Void = { page in
            sheets.add(page)
            emit(page.file)
            for chart in page.charts { emit(chart.file) }
        }

        let national = try await renderFirstSheets(context, emit: emit, emitSheet: emitSheet, log: &log)
        try await renderTheRest(context, national: national, emit: emit, emitSheet: emitSheet, log: &log)
        // Advice once everything else is right: where the languages do not say the same thing.
        checkParity(languages, templates, log: &log)
        checkChartsPlaced(languages, log: &log)
        checkCopies(languages, templates, log: &log)

        var result = BuildResult(
            files: [], warnings: log.warnings, indicators: figures.indicators, provenance: provenance,
            sheets: context.sheetPaths, manifest: [], languages: languages.map(\.language), publisher: dataset.configuration.publisher)
        result.site = context.siteIndex(national: national, pages: sheets.pages)
        return result
    }

    // MARK: - Stages

    /// Stage 1: the edition's files checked into a dataset; every problem goes to `log`.
    private func validate(_ edition: EditionSources, log: inout DiagnosticLog) -> Dataset? {
        do {
            let (dataset, warnings) = try options.observer.measure(.validate) { try DatasetLoader().load(edition) }
            log.append(contentsOf: warnings)
            return dataset
        } catch let error as DiagnosticsError {
            log.append(contentsOf: error.diagnostics)
        } catch {}
        return nil
    }

    /// The languages the configuration names when the edition as a whole did not validate (its
    /// problems are reported already), so that their templates are checked in the same run;
    /// the default languages when the configuration itself cannot be read.
    private static func languages(of edition: EditionSources) -> [Language] {
        var ignored = DiagnosticLog()
        let configuration = edition.configuration.flatMap { ConfigurationLoader(source: $0, assets: edition.assets).load(log: &ignored) }
        return configuration?.languages ?? Language.defaultKeys.map(Language.init)
    }

    /// The data package's words (`Templates/datapackage.yaml`), checked: a missing file, key or
    /// code is a located error.
    private static func dataPackageWords(_ templates: TemplateSources, log: inout DiagnosticLog) -> DataPackageWords? {
        guard let source = templates.dataPackage else {
            log.error(
                .missingFile(
                    expected: "the words of data/datapackage.json, whatever languages the sheets are in (see Templates/README.md)"),
                at: SourceLocation(file: "\(templates.folder)/\(DataPackageWords.fileName)"))
            return nil
        }
        return DataPackageWords.load(source, log: &log)
    }

    /// Stage 2: each configured language's strings file and templates, checked: a missing
    /// folder, file, phrase or plural form is a located error. Municipal sheets are optional as
    /// a whole, but a language that lacks them while another has them is an error.
    func prepareLanguages(_ templates: TemplateSources, _ languages: [Language], official: Language? = nil, log: inout DiagnosticLog)
        -> [PreparedLanguage]
    {
        // The languages side by side (ICU's rules, YAML and template parsing take milliseconds
        // each); their messages keep the configuration's order.
        let anyMunicipal = languages.contains { templates.languages[$0.key]?.sheets[.municipality] != nil }
        let slots = ConcurrentSlots<(PreparedLanguage?, [Diagnostic])>(count: languages.count)
        DispatchQueue.concurrentPerform(iterations: languages.count) { index in
            var languageLog = DiagnosticLog()
            let edition = prepare(languages[index], templates, languages, anyMunicipal: anyMunicipal, official: official, log: &languageLog)
            slots.set(index, (edition, languageLog.diagnostics))
        }
        var prepared: [PreparedLanguage] = []
        for slot in slots.values {
            guard let (edition, diagnostics) = slot else { continue }
            log.append(contentsOf: diagnostics)
            if let edition { prepared.append(edition) }
        }
        return prepared
    }

    /// Warns (never fails) where one language says something another does not: a key of its
    /// `strings.yaml` (a phrase, a word of a vocabulary, an `official_version` sentence) or a
    /// value or chart its templates use that another language's file lacks. Plural forms and
    /// formatting settings differ by language and are not compared.
    func checkParity(_ editions: [PreparedLanguage], _ templates: TemplateSources, log: inout DiagnosticLog) {
        guard editions.count > 1 else { return }
        func stringsPath(_ language: Language) -> String {
            templates.languages[language.key]?.strings?.path ?? "\(templates.folder)/\(language.key)/\(LanguageSources.stringsFileName)"
        }
        for edition in editions {
            let keys = edition.strings.keyLines
            for (key, line) in keys.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
                // `official_version.en` says English is official; English has no sentence about itself.
                let others = editions.filter { $0.strings.keyLines[key] == nil && key != "official_version.\($0.language.key)" }
                    .map { stringsPath($0.language) }
                guard !others.isEmpty else { continue }
                log.warning(
                    .parityMissing(what: "'\(key)'", others: others),
                    at: SourceLocation(file: stringsPath(edition.language), line: line > 0 ? line : nil))
            }
        }
        for kind in SheetKind.allCases {
            let used = editions.compactMap { edition in edition.templates[kind].map { (edition, Self.namesUsed(in: $0)) } }
            guard used.count > 1 else { continue }
            for (edition, names) in used {
                for (name, line) in names.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
                    let others = used.filter { $0.1[name] == nil }.compactMap { $0.0.templates[kind]?.source.path }
                    guard !others.isEmpty, let path = edition.templates[kind]?.source.path else { continue }
                    let what = name.hasPrefix("chart ") ? "the chart '\(name.dropFirst(6))'" : "the value '{{\(name)}}'"
                    log.warning(.parityMissing(what: what, others: others), at: SourceLocation(file: path, line: line))
                }
            }
        }
    }

    /// Warns (never fails) about every chart of the catalogue that no language's template of
    /// its sheet places, where that sheet is built: its data files are written, no page shows it.
    func checkChartsPlaced(_ editions: [PreparedLanguage], log: inout DiagnosticLog) {
        for kind in SheetKind.allCases {
            let templates = editions.compactMap { $0.templates[kind] }
            guard let first = templates.first else { continue }
            let placed = Set(templates.flatMap { $0.charts.map(SheetTemplate.chartID) })
            for chart in ChartID.charts(of: kind) where !placed.contains(chart.rawValue) {
                log.warning(.chartNotPlaced(chart: chart.rawValue), at: SourceLocation(file: first.source.path))
            }
        }
    }

    /// Warns (never fails) about every text of a language made as a copy of another
    /// (`copied_from:` in its strings file, written by `factsheet new-language`) that still reads
    /// as in that language: the translator's to-do list. A text is compared with the same key
    /// of the source language only, so a phrase that rightly reads alike in two other languages
    /// is never flagged; a key the source lacks (an `official_version` sentence the copy took
    /// from a third language) is compared with that key in every other language. Texts without
    /// a letter outside their placeholders (`–`, `{first}–{last}`, `, `) are never flagged. A sheet
    /// template still byte for byte the source's is flagged once.
    ///
    /// A strings file lists at most ``DiagnosticLog/perFile`` of them, in the file's order; one
    /// more line counts the rest.
    func checkCopies(_ editions: [PreparedLanguage], _ templates: TemplateSources, log: inout DiagnosticLog) {
        log.append(contentsOf: Self.untranslated(editions, templates))
    }

    /// The warnings of ``checkCopies(_:_:log:)``, every one.
    static func untranslated(_ editions: [PreparedLanguage], _ templates: TemplateSources) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        func stringsPath(_ key: String) -> String {
            templates.languages[key]?.strings?.path ?? "\(templates.folder)/\(key)/\(LanguageSources.stringsFileName)"
        }
        for edition in editions {
            guard let source = edition.strings.copiedFrom, source != edition.language.key else { continue }
            var sourceTexts: [String: LanguageStringsLoader.Text] = [:]
            if let other = editions.first(where: { $0.language.key == source }) {
                sourceTexts = other.strings.texts
            } else if let file = templates.languages[source]?.strings {
                var ignored = DiagnosticLog()
                sourceTexts = ConfigurationLoader.compose(file, log: &ignored)?.mapping.map(LanguageStringsLoader.texts(of:)) ?? [:]
            }
            let others = editions.filter { $0.language != edition.language }
            let texts = edition.strings.texts.sorted { ($0.value.line, $0.key) < ($1.value.line, $1.key) }
            for (key, text) in texts where LanguageStringsLoader.isWords(text.text) {
                let sameIn: String?
                if let original = sourceTexts[key] {
                    sameIn = original.text == text.text ? source : nil
                } else {
                    sameIn = others.first { $0.strings.texts[key]?.text == text.text }?.language.key
                }
                guard let sameIn else { continue }
                warnings.append(
                    Diagnostic(
                        .warning, at: SourceLocation(file: stringsPath(edition.language.key), line: text.line > 0 ? text.line : nil),
                        .stillAsCopied(key: key, source: stringsPath(sameIn), copiedFrom: sameIn == source)))
            }
            for kind in SheetKind.allCases {
                guard let own = templates.languages[edition.language.key]?.sheets[kind],
                    let original = templates.languages[source]?.sheets[kind], own.bytes == original.bytes
                else { continue }
                warnings.append(Diagnostic(.warning, at: SourceLocation(file: own.path), .templateStillAsCopied(source: original.path)))
            }
        }
        return warnings
    }

    /// The values a template prints or tests (`{{name}}`, `{{#name.one}}` → `name`) and its
    /// charts (`chart ID`), each with the first line that names it.
    static func namesUsed(in template: SheetTemplate) -> [String: Int] {
        var names: [String: Int] = [:]
        for block in template.charts {
            let name = "chart " + SheetTemplate.chartID(of: block)
            if names[name] == nil { names[name] = block.line }
        }
        let text = String(decoding: template.source.bytes, as: UTF8.self)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "}}") else { break }
                var tag = afterOpen[..<close.lowerBound].drop { $0 == " " || $0 == "{" }
                rest = afterOpen[close.upperBound...]
                guard let sigil = tag.first, !"/!%>".contains(sigil) else { continue }
                if "#^&".contains(sigil) { tag = tag.dropFirst().drop { $0 == " " } }
                var name = String(tag.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                // `years_in_text` is `years` as running text writes it: the same value.
                if name.hasSuffix("_in_text") { name.removeLast("_in_text".count) }
                if !name.isEmpty && names[name] == nil { names[name] = index + 1 }
            }
        }
        return names
    }

    /// One language's strings and templates, or nil with its problems in `log`.
    private func prepare(
        _ language: Language, _ templates: TemplateSources, _ languages: [Language], anyMunicipal: Bool, official: Language?,
        log: inout DiagnosticLog
    ) -> PreparedLanguage? {
        let folder = "\(templates.folder)/\(language.key)"
        guard let files = templates.languages[language.key] else {
            log.error(.languageFolderMissing(language: language.key), at: SourceLocation(file: folder + "/"))
            return nil
        }
        guard let stringsFile = files.strings else {
            log.error(
                .missingFile(
                    expected:
                        "the words the pages print in '\(language.key)' (copy strings.yaml from another language and translate it)"),
                at: SourceLocation(file: "\(folder)/\(LanguageSources.stringsFileName)"))
            return nil
        }
        guard let strings = LanguageStringsLoader(source: stringsFile, language: language).load(log: &log) else { return nil }
        if let official, official != language, strings.officialVersion[official.key] == nil {
            let line = strings.keyLines["official_version"]
            log.error(.officialVersionMissing(language: official.key), at: SourceLocation(file: stringsFile.path, line: line))
        }
        let format = LanguageFormat(language, strings: strings)
        var sheets: [SheetKind: SheetTemplate] = [:]
        for kind in SheetKind.allCases {
            guard let source = files.sheets[kind] else {
                if kind == .national {
                    log.error(
                        .missingFile(expected: "the fact sheet template in Markdown"),
                        at: SourceLocation(file: "\(folder)/\(kind.fileName)"))
                } else if anyMunicipal, let other = languages.first(where: { templates.languages[$0.key]?.sheets[kind] != nil }) {
                    log.error(
                        .templateMissing(language: language.key, otherLanguage: other.key),
                        at: SourceLocation(file: "\(folder)/\(kind.fileName)"))
                }
                continue
            }
            guard let template = SheetTemplate.parse(source, format: format, log: &log) else { continue }
            for block in template.charts {
                let id = SheetTemplate.chartID(of: block)
                if !kind.chartIDs.contains(id) {
                    log.error(.templateUnknownChart(id, known: kind.chartIDs), at: SourceLocation(file: source.path, line: block.line))
                }
            }
            sheets[kind] = template
        }
        return PreparedLanguage(format: format, templates: sheets)
    }

    /// Stage 3: the national sheet and the first municipal sheet of each language, side by
    /// side, before anything is written: a template error is reported once. Returns each
    /// language's national sheet.
    private func renderFirstSheets(
        _ context: RenderContext, emit: @Sendable (BuiltFile) -> Void, emitSheet: @Sendable (RenderedPage) -> Void,
        log: inout DiagnosticLog
    ) async throws(DiagnosticsError) -> [Language: RenderedPage] {
        let languages = context.languages
        progress("render \(languages.map { SitePath.national($0.language) }.joined(separator: ", "))")
        let firstPages = ConcurrentSlots<(RenderedPage?, RenderedPage?, [Diagnostic])>(count: languages.count)
        await perform(languages.count) { index in
            let edition = languages[index]
            var pageLog = DiagnosticLog()
            let national = edition.templates[.national].map { context.nationalPage($0, edition: edition, log: &pageLog) }
            var first: RenderedPage?
            if let template = edition.templates[.municipality], let municipality = context.figures.municipalities.first {
                first = context.municipalPage(template, municipality: municipality, edition: edition, log: &pageLog)
            }
            firstPages.set(index, (national, first, pageLog.diagnostics))
        }
        var national: [Language: RenderedPage] = [:]
        for (edition, slot) in zip(languages, firstPages.values) {
            guard let (page, _, diagnostics) = slot else { continue }
            // The rest of the build reads a national sheet's title and chart files' paths; its
            // bytes, 20 MB with its chart files at 10,000 municipalities, go once they are written.
            national[edition.language] = page?.withoutBytes
            log.append(contentsOf: diagnostics)
        }
        try log.throwIfErrors()
        for slot in firstPages.values {
            if let page = slot?.0 { emitSheet(page) }
            if let page = slot?.1 { emitSheet(page) }
        }
        return national
    }

    /// Stage 4: the other municipal sheets and the site's other outputs (``SiteOutputs/standard``:
    /// indexes, review pages, language choice, indicators, chart data), in one pool on every core.
    private func renderTheRest(
        _ context: RenderContext, national: [Language: RenderedPage], emit: @escaping @Sendable (BuiltFile) -> Void,
        emitSheet: @escaping @Sendable (RenderedPage) -> Void, log: inout DiagnosticLog
    ) async throws(DiagnosticsError) {
        let site = SiteBuild(context: context, national: national)
        let siteJobs = SiteOutputs.standard.filter { !$0.isLarge }.flatMap { $0.jobs(site) }
        let largeJobs = SiteOutputs.standard.filter(\.isLarge).flatMap { $0.jobs(site) }
        // Languages take turns (sq, sr, en, sq, …): workers taking the next job then write into
        // different folders, instead of queueing on one folder's lock in the kernel.
        let editions = context.languages.filter { $0.templates[.municipality] != nil }
        let jobs = context.figures.municipalities.dropFirst().flatMap { municipality in editions.map { ($0, municipality) } }
        progress("render \(jobs.count) more municipal sheets and the site's indexes and data\(options.concurrent ? " on every core" : "")")
        let queue = Self.queue(site: siteJobs.count, large: largeJobs.count, sheets: jobs.count)
        let pageProblems = ProblemBox()
        await perform(queue.count) { index in
            let sheet: Int
            switch queue[index] {
            case .site(let number): return siteJobs[number](emit)
            case .large(let number): return largeJobs[number](emit)
            case .sheet(let number): sheet = number
            }
            let (edition, municipality) = jobs[sheet]
            guard let template = edition.templates[.municipality] else { return }
            var pageLog = DiagnosticLog()
            let page = context.municipalPage(template, municipality: municipality, edition: edition, log: &pageLog)
            if pageLog.hasErrors {
                pageProblems.add(pageLog.diagnostics)
            } else {
                emitSheet(page)
            }
        }
        // A value used only on some sheets (inside a section) can still be unknown.
        log.append(contentsOf: pageProblems.diagnostics)
        try log.throwIfErrors()
    }

    /// A job of stage 4, by its number among its kind.
    enum Job: Equatable {
        case site(Int)
        case large(Int)
        case sheet(Int)
    }

    /// The order stage 4 takes its jobs in: the site's outputs first, then the municipal sheets
    /// with the large outputs' jobs spread evenly among them (the first before the first sheet),
    /// so that in a large edition no two of them are in memory at once.
    static func queue(site: Int, large: Int, sheets: Int) -> [Job] {
        var queue = (0..<site).map(Job.site)
        queue.reserveCapacity(site + large + sheets)
        var next = 0
        for sheet in 0..<sheets {
            while next < large && next * sheets / large <= sheet {
                queue.append(.large(next))
                next += 1
            }
            queue.append(.sheet(sheet))
        }
        queue += (next..<large).map(Job.large)
        return queue
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
}

/// One configured language, ready to render: its formats and words, and its parsed templates.
struct PreparedLanguage: Sendable {
    let format: LanguageFormat
    let templates: [SheetKind: SheetTemplate]
    var language: Language { format.language }
    var strings: LanguageStrings { format.strings }
}
