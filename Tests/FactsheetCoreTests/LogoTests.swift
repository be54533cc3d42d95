import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// The publisher's logo: `logo:` in `factsheet.yaml`, the SVG file sanitised from an allow-list,
/// and the result in the masthead of every page. Expected markup and positions worked out by hand.
@Suite struct LogoTests {
    static let inkscape = Fixtures.file(Fixtures.fixturesFolder.appendingPathComponent("logos/inkscape.svg"), as: "small/logo.svg")

    func sanitise(_ text: String) -> (Logo?, [String]) {
        var log = DiagnosticLog()
        let logo = LogoSanitiser.logo(from: SourceFile(path: "small/logo.svg", text: text), log: &log)
        return (logo, log.diagnostics.map(\.description))
    }

    /// The `small` edition with `lines` added to its configuration (from line 12) and `assets` beside it.
    func edition(_ lines: String, assets: [String: SourceFile]) -> EditionSources {
        var sources = Fixtures.edition("small", replacing: "factsheet.yaml", with: Fixtures.text("small", "factsheet.yaml") + lines)
        sources.assets = assets
        return sources
    }

    @Test func anInkscapeLogoIsWrittenAnewWithPrefixedIdsAndNoEditorData() throws {
        let file = try #require(Self.inkscape)
        var log = DiagnosticLog()
        let logo = try #require(LogoSanitiser.logo(from: file, log: &log))
        #expect(log.diagnostics.isEmpty)
        #expect(logo.fileName == "logo.svg")
        // Root: width, height, version and the editors' attributes left out; attributes by name.
        // Inside: the named view and metadata gone, class, data-* and Inkscape's attributes and
        // style properties gone, ids and references prefixed, xlink:href written as href, text escaped.
        let expected =
            "<svg class=\"logo\" id=\"logo-svg8\" viewBox=\"0 0 120 40\">"
            + "<defs id=\"logo-defs2\"><linearGradient id=\"logo-band\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">"
            + "<stop offset=\"0\" style=\"stop-color:#0072b2;stop-opacity:1\"/><stop offset=\"1\" stop-color=\"#003f63\"/>"
            + "</linearGradient><clipPath clipPathUnits=\"userSpaceOnUse\" id=\"logo-frame\"><rect height=\"40\" rx=\"4\" width=\"120\"/>"
            + "</clipPath></defs><g clip-path=\"url(#logo-frame)\" id=\"logo-layer1\"><title id=\"logo-title1\">Mission &amp; logo</title>"
            + "<rect height=\"40\" style=\"fill:url(#logo-band);stroke:none\" width=\"40\"/><use href=\"#logo-dot\" x=\"12\"/>"
            + "<circle cx=\"60\" cy=\"20\" fill=\"#d55e00\" id=\"logo-dot\" r=\"8\"/>"
            + "<text font-size=\"14\" x=\"75\" y=\"26\">A<tspan dy=\"-2\">&lt;B&gt;</tspan></text></g></svg>"
        #expect(logo.svg(" class=\"logo\"") == expected)
    }

    @Test func aViewBoxIsMadeFromAWidthAndHeightInPixels() throws {
        let (logo, lines) = sanitise("<svg width=\"120px\" height=\"40\"><path d=\"M0 0H1\"/></svg>")
        #expect(lines.isEmpty)
        #expect(try #require(logo).svg("") == "<svg viewBox=\"0 0 120 40\"><path d=\"M0 0H1\"/></svg>")
    }

    @Test func urlsAndStylesAreRewrittenOrLeftOut() {
        #expect(LogoSanitiser.localURLs("URL( '#a' ) url(#b)") == "URL( '#logo-a' ) url(#logo-b)")
        #expect(LogoSanitiser.localURLs("url(\"https://example.org/#a\")") == nil)
        #expect(LogoSanitiser.localURLs("url(/**/#a)") == nil)
        #expect(LogoSanitiser.localURLs("#0072B2") == "#0072B2")
        // Unknown properties, CSS escapes and declarations without a value are left out.
        #expect(
            LogoSanitiser.style("fill:#fff; cursor:pointer; stroke : url(#s) ;font-family:'A\\\"B';opacity:;")
                == "fill:#fff;stroke:url(#logo-s)")
        #expect(LogoSanitiser.style("-inkscape-font-specification:Sans") == nil)
        #expect(LogoSanitiser.style("fi/**/ll:red") == nil)
    }

    struct Hostile: Sendable, CustomTestStringConvertible {
        let name: String
        let svg: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { name }
    }

    static let hostile: [Hostile] = [
        Hostile(
            name: "script", svg: "<svg viewBox=\"0 0 1 1\">\n<g>\n  <script>alert(1)</script>\n</g>\n</svg>", line: 3, column: 3,
            message:
                "<script> runs a program, which a logo may not; expected a drawing of shapes, text and gradients only (save it as plain SVG)"
        ),
        Hostile(
            name: "onload", svg: "<svg viewBox=\"0 0 1 1\"\n     onload=\"alert(1)\">\n</svg>", line: 2, column: 6,
            message: "the attribute 'onload' runs a program, which a logo may not; expected no event attributes (on…)"),
        Hostile(
            name: "ONCLICK", svg: "<svg viewBox=\"0 0 1 1\">\n<g>\n<rect width=\"1\" ONCLICK=\"x()\"/></g></svg>", line: 3, column: 17,
            message: "the attribute 'ONCLICK' runs a program"),
        Hostile(
            name: "external href",
            svg:
                "<svg viewBox=\"0 0 1 1\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<use\n  x=\"1\"\n  xlink:href=\"http://example.org/a.svg#x\"/>\n</svg>",
            line: 4, column: 3,
            message:
                "'xlink:href' points outside the logo ('http://example.org/a.svg#x'); expected a reference within the file such as '#shape'"
        ),
        Hostile(
            name: "url(http…) in style",
            svg: "<svg viewBox=\"0 0 1 1\">\n<rect width=\"1\" height=\"1\"\n  style=\"fill:url(http://example.org/p.svg#g)\"/>\n</svg>",
            line: 3, column: 3,
            message:
                "'style' holds a url(…) that points outside the logo ('fill:url(http://example.org/p.svg#g)'); expected url(#id) within the file"
        ),
        Hostile(
            name: "URL( 'https…' ) in an attribute", svg: "<svg viewBox=\"0 0 1 1\"><rect fill=\"URL( 'https://x.org/y' )\"/></svg>",
            line: 1,
            column: 30, message: "'fill' holds a url(…) that points outside the logo"),
        Hostile(
            name: "foreignObject",
            svg: "<svg viewBox=\"0 0 1 1\">\n  <foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>\n</svg>",
            line: 2,
            column: 3, message: "<foreignObject> puts HTML inside the drawing, which a logo may not"),
        Hostile(
            name: "image",
            svg: "<svg viewBox=\"0 0 1 1\">\n<g>\n<image href=\"data:image/png;base64,AAAA\" width=\"1\" height=\"1\"/>\n</g>\n</svg>",
            line: 3, column: 1,
            message: "<image> shows another file, which a logo may not; expected the picture drawn as paths (save it as plain SVG)"),
        Hostile(
            name: "DOCTYPE with entities",
            svg:
                "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n  <!ENTITY a \"aaaaaaaaaa\">\n  <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<svg viewBox=\"0 0 1 1\"><text>&b;</text></svg>",
            line: 2, column: 1, message: "the logo holds a document type declaration (<!DOCTYPE or <!ENTITY), which could read other files"),
        Hostile(
            name: "external entity",
            svg: "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<svg viewBox=\"0 0 1 1\"><text>&x;</text></svg>", line: 1,
            column: 1, message: "the logo holds a document type declaration"),
        Hostile(
            name: "ENTITY without DOCTYPE", svg: "<svg viewBox=\"0 0 1 1\">\n  <!ENTITY x \"y\">\n</svg>", line: 2, column: 3,
            message: "the logo holds a document type declaration"),
        Hostile(
            name: "processing instruction",
            svg: "<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"https://example.org/s.css\"?>\n<svg viewBox=\"0 0 1 1\"/>", line: 2,
            column: 1,
            message: "the logo holds a processing instruction (<?…?>), which could load other files"),
        Hostile(
            name: "set",
            svg: "<svg viewBox=\"0 0 1 1\">\n<rect width=\"1\" height=\"1\">\n  <set attributeName=\"fill\" to=\"red\"/>\n</rect>\n</svg>",
            line: 3, column: 3,
            message: "<set> animates the drawing and can change its links, which a logo may not; expected a still drawing"),
        Hostile(
            name: "animate",
            svg:
                "<svg viewBox=\"0 0 1 1\">\n<use href=\"#a\">\n<animate attributeName=\"href\" values=\"javascript:alert(1)\"/>\n</use>\n</svg>",
            line: 3, column: 1, message: "<animate> animates the drawing"),
        Hostile(
            name: "javascript: behind a tab",
            svg: "<svg viewBox=\"0 0 1 1\">\n<rect width=\"1\" height=\"1\" fill=\"java&#x9;script:alert(1)\"/>\n</svg>", line: 2,
            column: 28,
            message: "'fill' holds a javascript: address, which runs a program"),
        Hostile(
            name: "javascript: href", svg: "<svg viewBox=\"0 0 1 1\">\n<use href=\"javascript:alert(1)\"/>\n</svg>", line: 2, column: 6,
            message: "'href' points outside the logo ('javascript:alert(1)')"),
        Hostile(
            name: "@import", svg: "<svg viewBox=\"0 0 1 1\">\n<g style=\"@import 'https://x.org/s.css'\"/>\n</svg>", line: 2, column: 4,
            message: "'style' holds @import, which loads a style sheet from elsewhere"),
        Hostile(
            name: "style sheet", svg: "<svg viewBox=\"0 0 1 1\">\n<style>rect { fill: red }</style>\n</svg>", line: 2, column: 1,
            message: "<style> is a style sheet, which could reach the page around the logo"),
        Hostile(
            name: "an element not on the list", svg: "<svg viewBox=\"0 0 1 1\">\n<defs>\n<filter id=\"f\"/>\n</defs>\n</svg>", line: 3,
            column: 1,
            message: "<filter> is not among the elements a logo may use; expected <circle>, <clipPath>, <defs>, <desc>, <ellipse>, <g>"),
        Hostile(
            name: "not svg", svg: "<html>\n<svg viewBox=\"0 0 1 1\"/>\n</html>", line: 1, column: 1,
            message: "expected an SVG drawing with <svg> around everything, found <html>"),
        Hostile(
            name: "mismatched end tag", svg: "<svg viewBox=\"0 0 1 1\">\n<g>\n<rect></g>\n</svg>", line: 3, column: 11,
            message: "the logo is not well-formed XML: an end tag that does not match the element it closes"),
        Hostile(
            name: "a bare &", svg: "<svg viewBox=\"0 0 1 1\">\n<text>A & B</text>\n</svg>", line: 2, column: 10,
            message: "the logo is not well-formed XML: '&' that does not start a reference such as &amp; (write & as &amp;)"),
        Hostile(
            name: "no size", svg: "<svg width=\"100%\" height=\"2em\">\n</svg>", line: 1, column: 1,
            message: "the <svg> element has neither a viewBox nor a width and height in pixels; expected viewBox=\"0 0 WIDTH HEIGHT\""),
        Hostile(
            name: "empty viewBox", svg: "<svg viewBox=\"0 0 0 1\"/>", line: 1, column: 6,
            message: "expected a viewBox of four numbers 'x y width height' with a width and height above 0, found '0 0 0 1'"),
        Hostile(
            name: "an id twice", svg: "<svg viewBox=\"0 0 1 1\">\n<g id=\"a\"/>\n<g id=\"a\"/>\n</svg>", line: 3, column: 4,
            message: "the id 'a' is given twice (first on line 2); expected each id once"),
        Hostile(
            name: "a declaration after a blank line", svg: "\n<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 1 1\"/>", line: 2, column: 6,
            message: "the logo is not well-formed XML: the XML declaration (<?xml …?>) is not at the very start of the file"),
        Hostile(
            name: "another encoding", svg: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<svg viewBox=\"0 0 1 1\"/>", line: 1,
            column: 21,
            message: "the logo declares the encoding 'ISO-8859-1'; expected UTF-8 (save it as UTF-8)"),
    ]

    @Test(arguments: hostile) func whatCouldRunOrReachOutIsALocatedError(_ hostile: Hostile) {
        let (logo, lines) = sanitise(hostile.svg)
        #expect(logo == nil)
        #expect(lines.count == 1, "\(lines)")
        let prefix = "error: small/logo.svg, line \(hostile.line), column \(hostile.column): "
        #expect(lines.first?.hasPrefix(prefix + hostile.message) == true, "\(lines)")
    }

    @Test func everyProblemOfALogoIsReportedInOneRun() {
        let (logo, lines) = sanitise(
            "<svg viewBox=\"0 0 1 1\">\n<script>x()</script>\n<g onclick=\"x()\">\n<use href=\"https://x.org/a.svg#b\"/>\n</g>\n</svg>")
        #expect(logo == nil)
        #expect(lines.count == 3)
        for (line, text) in zip([2, 3, 4], lines) { #expect(text.hasPrefix("error: small/logo.svg, line \(line), ")) }
    }

    @Test func aLogoOverTheLimitIsNotRead() {
        let padding = String(repeating: " ", count: LogoSanitiser.sizeLimit)
        let (logo, lines) = sanitise("<svg viewBox=\"0 0 1 1\">\(padding)</svg>")
        #expect(logo == nil)
        #expect(
            lines == [
                "error: small/logo.svg: the logo is larger than 512 KiB; expected a drawing of a few KiB (save it as plain SVG, without embedded pictures)"
            ])
    }

    // MARK: - The setting

    @Test(arguments: [
        (
            "lgo.svg",
            "'logo': no file 'lgo.svg' beside factsheet.yaml; expected the logo as an SVG file in the same folder; did you mean 'logo.svg'?"
        ),
        (
            "../logo.svg",
            "'logo': expected a file name without a folder, such as 'logo.svg' (the logo goes beside factsheet.yaml), found '../logo.svg'"
        ),
        ("logo.png", "'logo': expected an SVG file (.svg), such as 'logo.svg', found 'logo.png'"),
        (".logo.svg", "'logo': expected the name of a file that is not hidden (no '.' first), such as 'logo.svg', found '.logo.svg'"),
    ])
    func aLogoSettingThatNamesNoSVGFileBesideIsAnError(_ name: String, _ message: String) throws {
        let file = try #require(Self.inkscape)
        let sources = edition("logo: \(name)\n", assets: ["logo.svg": file])
        #expect(throws: DiagnosticsError.self) { try DatasetLoader().load(sources) }
        do {
            _ = try DatasetLoader().load(sources)
        } catch {
            #expect(error.lines == ["error: small/factsheet.yaml, line 12, column 7: " + message])
        }
    }

    @Test func aHostileLogoStopsTheBuildAtItsOwnLine() async {
        let hostile = SourceFile(path: "small/logo.svg", text: "<svg viewBox=\"0 0 1 1\">\n<script>alert(1)</script>\n</svg>\n")
        do {
            _ = try await FactsheetBuilder().build(
                edition: edition("logo: logo.svg\n", assets: ["logo.svg": hostile]), templates: Fixtures.templates(repository: true))
            Issue.record("expected the build to fail")
        } catch {
            #expect(error.lines.count == 1)
            #expect(error.lines.first?.hasPrefix("error: small/logo.svg, line 2, column 1: <script> runs a program") == true)
        }
    }

    // MARK: - Pages and provenance

    @Test func theLogoIsInTheMastheadOfEveryPage() async throws {
        let file = try #require(Self.inkscape)
        let result = try await FactsheetBuilder().build(
            edition: edition("publisher: { sq: Misioni, en: The Mission }\nlogo: logo.svg\n", assets: ["logo.svg": file]),
            templates: Fixtures.templates(repository: true))
        let pages = result.files.filter { $0.path.hasSuffix(".html") && $0.path != "index.html" }
        #expect(pages.count == 2 * (1 + 5 + 2))  // per language: the national sheet, five municipal ones, the index and the review page
        for page in pages {
            let masthead =
                "<p class=\"masthead\"><svg class=\"logo\" aria-hidden=\"true\" focusable=\"false\" id=\"logo-svg8\" viewBox=\"0 0 120 40\"><defs"
            #expect(page.contents.contains(masthead), "\(page.path)")
            #expect(page.contents.contains("</svg><span class=\"publisher\">"), "\(page.path)")
            #expect(page.contents.contains(PageLayout.logoCSS), "\(page.path)")
            #expect(page.contents.components(separatedBy: "id=\"logo-dot\"").count == 2, "\(page.path)")
        }
        // The language choice has no masthead; an edition without a logo, no logo style (the golden pages).
        #expect(try #require(result.files.first { $0.path == "index.html" }).contents.contains("class=\"logo\"") == false)
    }

    @Test func aChangedLogoChangesTheInputHash() throws {
        let file = try #require(Self.inkscape)
        var changed = file
        changed.bytes = Array(String(decoding: file.bytes, as: UTF8.self).replacingOccurrences(of: "#d55e00", with: "#d55e01").utf8)
        let without = Provenance(sources: Fixtures.edition("small"), published: nil).inputHash
        let with = Provenance(sources: edition("", assets: ["logo.svg": file]), published: nil).inputHash
        let withChanged = Provenance(sources: edition("", assets: ["logo.svg": changed]), published: nil).inputHash
        let plain = Provenance(sources: edition("", assets: [:]), published: nil).inputHash
        #expect(plain == without)
        #expect(Set([without, with, withChanged]).count == 3)
    }

    @Test func theNextEditionTakesTheLogoAlong() throws {
        let file = try #require(Self.inkscape)
        let next = try NextEdition(from: edition("logo: logo.svg\n", assets: ["logo.svg": file]))
        #expect(
            next.files.map(\.path) == [
                "factsheet.yaml", "municipalities.csv", "census.csv", "logo.svg", "monitoring/2017.csv", "monitoring/2018.csv",
            ])
        #expect(next.files[3].bytes == file.bytes)
        #expect(String(decoding: next.files[0].bytes, as: UTF8.self).contains("logo: logo.svg"))
    }
}
