import Foundation
import MarkdownRendering
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// Keeps what the build hands a finisher, and writes what it is told to.
final class CapturingFinisher: SiteFinisher, @unchecked Sendable {
    var site: SiteIndex?
    let files: [BuiltFile]
    let failure: (any Error)?

    init(files: [BuiltFile] = [], failure: (any Error)? = nil) {
        self.files = files
        self.failure = failure
    }

    var needsOutlines: Bool { true }

    func finish(_ site: SiteIndex, provenance: Provenance, publisher: [String: String], write: (BuiltFile) throws -> Void) throws {
        self.site = site
        if let failure { throw failure }
        for file in files { try write(file) }
    }
}

/// The site index says what the pages say: nothing an output after the pages needs is read back from HTML.
@Suite struct SiteIndexTests {
    /// The oracle itself, on a page written by hand.
    @Test func theHTMLOracleReadsLanguageTitleHeadingsAndLinks() {
        let html = """
            <!DOCTYPE html>
            <html lang="sq">
            <head><title>Gjilan/Gnjilane: K&#39;SB &amp; t&euml; 2017</title></head>
            <body><main>
            <h1>Gjilan &amp; Kamenica</h1>
            <p class="national"><a href="../sq/index.html">Kosova</a></p>
            <figure><h3 class="chart-title">Women members who
            represent a community</h3><svg><title>not a heading</title></svg></figure>
            </main></body></html>
            """
        let page = HTMLOutline(html: html)
        #expect(page.language == "sq")
        #expect(page.title == "Gjilan/Gnjilane: K'SB & t&euml; 2017")
        #expect(
            page.headings == [.init(level: 1, text: "Gjilan & Kamenica"), .init(level: 3, text: "Women members who represent a community")])
        #expect(HTMLOutline.links(inMainOf: html).map(\.text) == ["Kosova"])
    }

    /// Every sheet of the shipped edition, with links added to the national template in every
    /// language: one with characters its `href` escapes, worked out by hand from cmark-gfm's
    /// rules (`ä` as its two UTF-8 bytes in `%XX`, `&` and `'` kept as they are once the
    /// page's character references are read).
    @Test func everySheetsTitleLanguageHeadingsAndLinksAreThePagesOwn() async throws {
        var templates = Fixtures.templates(repository: true)
        for key in templates.languages.keys {
            guard let national = templates.languages[key]?.sheets[.national] else { continue }
            let text =
                String(decoding: national.bytes, as: UTF8.self)
                + "\n\nSee [the *OSCE* Mission](https://www.osce.org/mission-in-kosovo) and [a page](https://example.org/ä?a=1&b='c').\n"
            templates.languages[key]?.sheets[.national] = SourceFile(path: national.path, text: text)
        }
        let finisher = CapturingFinisher()
        let sink = CollectingSink()
        let result = try await FactsheetBuilder().build(
            edition: Fixtures.edition("input", repository: true), templates: templates, into: sink, finishing: [finisher])
        let site = try #require(finisher.site)
        let files = Dictionary(sink.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        #expect(site.sheets.map(\.path) == result.sheets)
        #expect(site.sheets.count == 3 * 39)
        for sheet in site.sheets {
            let html = try #require(files[sheet.path])
            let page = HTMLOutline(html: html)
            #expect(sheet.languageTag == page.language && sheet.title == page.title, "\(sheet.path)")
            #expect(sheet.headings.map { HTMLOutline.Heading(level: $0.level, text: $0.text) } == page.headings, "\(sheet.path)")
            let links = HTMLOutline.links(inMainOf: html).map { MarkdownDocument.Link(href: $0.href, text: $0.text) }
            #expect(sheet.links == links, "\(sheet.path)")
        }
        let national = try #require(site.sheets.first { $0.path == "en/index.html" })
        // The text's own links last; before them each chart's three (its data, its file, the workbook).
        #expect(
            national.links.suffix(2) == [
                .init(href: "https://www.osce.org/mission-in-kosovo", text: "the OSCE Mission"),
                .init(href: "https://example.org/%C3%A4?a=1&b='c'", text: "a page"),
            ])
        #expect(
            national.links.prefix(2) == [
                .init(href: "../data/charts/women_representatives.csv", text: "Data (CSV)"),
                .init(href: "../en/charts/women_representatives.svg", text: "Chart (SVG)"),
            ])
        #expect(national.links.count == 3 * 7 + 2)
        #expect(national.headings.contains { $0.level == 2 } && national.headings.first?.level == 1)

        // Each edition: its index's title and language, its sheets in the index's order.
        #expect(site.editions.map(\.language) == ["sq", "sr", "en"])
        for edition in site.editions {
            let indexPath = "\(edition.language)/sheets.html"
            let html = try #require(files[indexPath])
            let index = HTMLOutline(html: html)
            #expect(edition.title == index.title && edition.languageTag == index.language)
            #expect(edition.output == "\(edition.language)/edition.pdf")
            let base = try #require(URL(string: "file:///site/" + indexPath))
            let linked = HTMLOutline.links(inMainOf: html).compactMap { link -> (String, String)? in
                guard let url = URL(string: link.href, relativeTo: base)?.absoluteURL, url.path.hasSuffix(".html") else { return nil }
                return (String(url.path.dropFirst("/site/".count)), link.text)
            }
            let sheets = Set(result.sheets)
            #expect(edition.sheets == linked.map(\.0).filter(sheets.contains), "\(edition.language)")
            let names = Dictionary(linked, uniquingKeysWith: { first, _ in first })
            for path in edition.sheets {
                let sheet = try #require(site.sheets.first { $0.path == path })
                #expect(sheet.name == names[path] && sheet.subject == edition.title, "\(path)")
            }
            #expect(edition.nationalTitle == HTMLOutline(html: files["\(edition.language)/index.html"] ?? "").title)
        }
    }

    /// A finisher's files go through the sink and into the manifest, written once, last, with
    /// their standards; a finisher that fails stops the build with its own error, no manifest written.
    @Test func theManifestIsWrittenOnceLastWithTheFinishersFiles() async throws {
        let pdf = BuiltFile(path: "en/index.pdf", bytes: Array("%PDF-1.7 test".utf8), standards: ["PDF/A-2u", "PDF/UA-1"])
        let sink = CollectingSink()
        _ = try await FactsheetBuilder().build(
            edition: Fixtures.edition("small"), templates: Fixtures.templates(repository: true), into: sink,
            finishing: [CapturingFinisher(files: [pdf])])
        #expect(sink.files.filter { $0.path == SitePath.manifest }.count == 1)
        #expect(sink.files.last?.path == SitePath.manifest)
        let manifest = try #require(sink.files.last).contents
        // SHA-256 of "%PDF-1.7 test", by `printf %s '%PDF-1.7 test' | sha256sum`.
        #expect(
            manifest.contains(
                "\"en/index.pdf\": {\"bytes\": 13, \"sha256\": \"\(SiteIndexTests.sha256OfTestPDF)\", \"standards\": [\"PDF/A-2u\", \"PDF/UA-1\"]}"
            ))

        struct PrinterFailed: Error {}
        let failing = CollectingSink()
        await #expect(throws: PrinterFailed.self) {
            _ = try await FactsheetBuilder().build(
                edition: Fixtures.edition("small"), templates: Fixtures.templates(repository: true), into: failing,
                finishing: [CapturingFinisher(failure: PrinterFailed())])
        }
        #expect(!failing.files.isEmpty && !failing.files.contains { $0.path == SitePath.manifest })
    }

    static let sha256OfTestPDF = "eddc31937fbdaf708e866af0d20b9fb8c79dd001881c8a11e4c617f2882e779f"
}
