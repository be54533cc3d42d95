import FactsheetFigures
import FactsheetInput

/// One output of the site besides the sheets, made from the typed build: each is a type of its
/// own, listed in ``SiteOutputs/standard``, whose jobs run on the render pool beside the
/// municipal sheets and hand their files to the sink. A new output is a new type and one line
/// in that list; the manifest, the reuse of unchanged files and the atomic swap come with the sink.
protocol SiteOutput: Sendable {
    /// The jobs that make this output's files; each hands its files to `emit`.
    func jobs(_ site: SiteBuild) -> [@Sendable (_ emit: @Sendable (BuiltFile) -> Void) -> Void]

    /// Whether each job holds much memory while it runs (a workbook of every municipality): such
    /// jobs are spread over the queue of municipal sheets, so that no two of them run at once.
    var isLarge: Bool { get }
}

extension SiteOutput {
    var isLarge: Bool { false }
}

/// What an output is made from: the figures, the prepared languages, the page layout, and each
/// language's Kosovo-wide sheet as rendered (its title and chart files).
struct SiteBuild: Sendable {
    let context: RenderContext
    let national: [Language: RenderedPage]

    var figures: Figures { context.figures }
    var layout: PageLayout { context.layout }
    var languages: [PreparedLanguage] { context.languages }
}

enum SiteOutputs {
    /// Every output a build makes besides the sheets, in the order their jobs are queued.
    static let standard: [any SiteOutput] = [
        SheetsIndexes(), ReviewPages(), DataWorkbooks(), LanguageChoice(), KosovoWideData(), MunicipalData(), SitemapFiles(),
    ]
}

/// Each language's index of every sheet (`LANG/sheets.html`), with the national sheet's chart files.
struct SheetsIndexes: SiteOutput {
    func jobs(_ site: SiteBuild) -> [@Sendable (_ emit: @Sendable (BuiltFile) -> Void) -> Void] {
        site.languages.filter { site.national[$0.language] != nil }.map { edition in
            { emit in
                let language = edition.language
                let figures = site.figures
                let entries =
                    edition.templates[.municipality] == nil
                    ? []
                    : site.context.alphabetical(language).map { municipality -> PageLayout.SheetEntry in
                        let own = figures.figures(of: municipality.code)
                        return PageLayout.SheetEntry(
                            path: SitePath.municipality(municipality.code, language), name: municipality.name(in: language),
                            hadMCSC: own?.hadMCSC ?? false,
                            noMCSCSince: (own?.dissolvedYears.isEmpty ?? true) ? nil : figures.configuration.establishmentYears.max())
                    }
                let page = site.national[language]
                emit(
                    BuiltFile(
                        path: SitePath.sheets(language),
                        contents: site.layout.sheetsIndex(
                            edition.format, nationalTitle: page?.title ?? "", municipalities: entries,
                            charts: page?.charts.map { PageLayout.ChartEntry(path: $0.file.path, title: $0.title) } ?? [])))
            }
        }
    }
}

/// Each language's review page (`LANG/review.html`).
struct ReviewPages: SiteOutput {
    func jobs(_ site: SiteBuild) -> [@Sendable (_ emit: @Sendable (BuiltFile) -> Void) -> Void] {
        site.languages.map { edition in
            { emit in
                let page = ReviewPage(
                    layout: site.layout, format: edition.format, figures: site.figures,
                    alphabetical: site.context.alphabetical(edition.language))
                emit(BuiltFile(path: SitePath.review(edition.language), contents: page.html))
            }
        }
    }
}

/// Each language's data workbook (`LANG/data.xlsx`): every figure as accessible tables.
struct DataWorkbooks: SiteOutput {
    /// At 10,000 municipalities a workbook's tables and parts take some 60 MB until it is packed.
    var isLarge: Bool { true }

    func jobs(_ site: SiteBuild) -> [@Sendable (_ emit: @Sendable (BuiltFile) -> Void) -> Void] {
        site.languages.map { edition in
            { emit in
                let workbook = DataWorkbook(
                    layout: site.layout, format: edition.format, figures: site.figures,
                    alphabetical: site.context.alphabetical(edition.language))
                // An in-memory ZIP archive fails only when memory runs out, which ends the build anyway;
                // the jobs have no log to report to (Tests/xlsx/check.sh fails on a missing workbook).
                if let bytes = try? workbook.bytes() { emit(BuiltFile(path: SitePath.dataWorkbook(edition.language), bytes: bytes)) }
            }
        }
    }
}

/// The site's front page: the choice of language (`index.html`).
struct LanguageChoice: SiteOutput {
    func jobs(_ site: SiteBuild) -> [@Sendable (_ emit: @Sendable (BuiltFile) -> Void) -> Void] {
        [
            { emit in
                emit(
                    BuiltFile(path: SitePath.languageChoice, contents: site.layout.languageChoice(titles: site.national.mapValues(\.title)))
                )
            }
        ]
    }
}

/// `data/indicators.json`, the input files' Table Schemas (`data/schemas/NAME.json`, for data
/// collectors to check their files), the numbers behind every chart (`data/charts/ID.csv`)
/// and `data/datapackage.json`, the Frictionless Data Package describing them: one job, so
/// the package hashes the very files written rather than making them again.
struct KosovoWideData: SiteOutput {
    func jobs(_ site: SiteBuild) -> [@Sendable (_ emit: @Sendable (BuiltFile) -> Void) -> Void] {
        [
            { emit in
                let words = site.context.dataPackageWords
                let files = DataFiles(site.figures, words: words)
                for file in files.all { emit(file) }
                let package = DataPackage(
                    figures: site.figures, words: words, sameLanguage: site.languages.first { $0.language.key == words.language }?.strings,
                    published: site.layout.provenance.published, municipalFiles: MunicipalData.isWritten(site), files: files)
                emit(BuiltFile(path: SitePath.dataPackage, contents: package.json()))
            }
        ]
    }
}

/// Each municipality's own figures behind each chart of its sheet
/// (`data/municipalities/CODE/CHART.csv`), once for every language: the rows of the chart's
/// Kosovo-wide data file that are the municipality's.
struct MunicipalData: SiteOutput {
    /// Municipalities per job: small files, many of them.
    static let batch = 64

    /// Only where a language has municipal sheets to link to them.
    static func isWritten(_ site: SiteBuild) -> Bool {
        site.languages.contains { $0.templates[.municipality] != nil }
    }

    func jobs(_ site: SiteBuild) -> [@Sendable (_ emit: @Sendable (BuiltFile) -> Void) -> Void] {
        guard Self.isWritten(site) else { return [] }
        let figures = site.figures
        let charts = ChartID.charts(of: .municipality)
        return stride(from: 0, to: figures.municipal.count, by: Self.batch).map { start in
            { emit in
                for own in figures.municipal[start..<min(start + Self.batch, figures.municipal.count)] {
                    for chart in charts {
                        let rows = [ChartDataFiles.municipalHeader(chart)] + ChartDataFiles.municipalRows(chart, own, figures.configuration)
                        emit(BuiltFile(path: SitePath.municipalData(own.code, chart), bytes: ChartDataFiles.csvBytes(rows)))
                    }
                }
            }
        }
    }
}

/// `sitemap.xml` (and its parts past 50,000 addresses) with every page and its language
/// versions, for search engines: only when the edition configures `site_url`, since a sitemap
/// lists absolute addresses.
struct SitemapFiles: SiteOutput {
    func jobs(_ site: SiteBuild) -> [@Sendable (_ emit: @Sendable (BuiltFile) -> Void) -> Void] {
        guard let siteURL = site.figures.configuration.siteURL else { return [] }
        let languages = site.languages
        let built = Set(site.national.keys)
        let codes = site.figures.municipalities.map(\.code)
        return [
            { emit in
                let municipal = Set(languages.filter { $0.templates[.municipality] != nil }.map(\.language))
                let sitemap = Sitemap(
                    siteURL: siteURL, languages: languages.map(\.format), national: built, municipal: municipal, municipalities: codes)
                for file in sitemap.files() { emit(file) }
            }
        ]
    }
}
