import Testing

@testable import FactsheetInput
@testable import FactsheetPreview
@testable import FactsheetSite

@Suite struct PreviewSiteTests {
    static let page = Array("<!DOCTYPE html>\n<html><body><p>sheet</p></body>\n</html>\n".utf8)
    static let site = PreviewSite(
        version: "ab-3",
        content: .site([
            "index.html": page, "sq/index.html": page, "data/indicators.json": Array("{}".utf8),
            "data/charts/x.csv": Array("a,b\n".utf8), "manifest.json": Array("{}".utf8),
        ]))

    @Test(arguments: [
        ("/", "index.html"), ("/sq/", "sq/index.html"), ("/sq/index.html", "sq/index.html"),
        ("/data/charts/x.csv", "data/charts/x.csv"),
    ])
    func pathsOfTheSite(path: String, key: String) {
        #expect(SitePathResolver.key(forPath: path) == key)
    }

    @Test(arguments: [
        "/../etc/passwd", "/sq/../../etc/passwd", "//etc/passwd", "/sq//index.html", "/./index.html", "etc/passwd",
        "/sq/%2e%2e/index.html", "/..%2f..%2fetc/passwd", "/sq\\..\\index.html", "/a\0b", "/..",
    ])
    func pathsThatCouldLeaveTheSiteAreRefused(path: String) {
        #expect(SitePathResolver.key(forPath: path) == nil)
        #expect(Self.site.response(forPath: path).status == 404)
    }

    @Test(arguments: [
        ("/", "text/html; charset=utf-8"), ("/data/indicators.json", "application/json"),
        ("/data/charts/x.csv", "text/csv; charset=utf-8"),
    ])
    func contentTypeByExtension(path: String, type: String) {
        let response = Self.site.response(forPath: path)
        #expect(response.status == 200)
        #expect(response.contentType == type)
    }

    @Test func contentTypesOfOtherFiles() {
        #expect(ContentType.forPath("sq/index.pdf") == "application/pdf")
        #expect(ContentType.forPath("charts/a.svg") == "image/svg+xml")
        #expect(ContentType.forPath("sitemap.xml") == "application/xml")
        #expect(ContentType.forPath("README") == "application/octet-stream")
    }

    @Test func reloadScriptOnlyInServedHTML() {
        let html = Self.site.response(forPath: "/sq/index.html").text
        #expect(html.contains("new EventSource(\"/__factsheet/events\")"))
        #expect(html.contains("var version = \"ab-3\", keepsScroll = true"))
        // Just before the closing body tag, once.
        #expect(html.contains("</script>\n</body>"))
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(!Self.site.response(forPath: "/data/indicators.json").text.contains("script"))
        #expect(!Self.site.response(forPath: "/data/charts/x.csv").text.contains("script"))
    }

    @Test func missingPageIsNotFoundAndEscaped() {
        let response = Self.site.response(forPath: "/sq/<img src=x onerror=alert(1)>.html")
        #expect(response.status == 404)
        #expect(!response.text.contains("<img"))
        #expect(response.text.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test func problemsPageIsEscapedAndLocated() throws {
        let diagnostics = [
            Diagnostic(.warning, at: SourceLocation(file: "in/monitoring/2016.csv", row: 3), .municipalityNotMonitored(code: "gjilan")),
            Diagnostic(
                .error, at: SourceLocation(file: "in/monitoring/2016.csv", row: 7, column: "meetings"),
                .invalidValue(expected: "a whole number ≥ 0", found: "<script>alert('x')</script>")),
        ]
        let site = PreviewSite(version: "ab-4", content: .problems(PreviewProblem.ordered(diagnostics)))
        let response = site.response(forPath: "/sq/index.html")
        #expect(response.status == 500)
        let html = response.text
        #expect(html.contains("<h1>1 error</h1>"))
        #expect(html.contains("<h2>1 warning</h2>"))
        #expect(html.contains("<strong>in/monitoring/2016.csv, row 7, column &#39;meetings&#39;</strong>: "))
        #expect(html.contains(": expected a whole number ≥ 0, found &#39;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#39;</li>"))
        #expect(!html.contains("<script>alert"))
        // The page reloads by itself once the error is fixed.
        #expect(html.contains("var version = \"ab-4\", keepsScroll = false"))
        // Errors come before warnings, as `factsheet check` prints them.
        let error = try #require(html.range(of: "row 7"))
        let warning = try #require(html.range(of: "row 3"))
        #expect(error.lowerBound < warning.lowerBound)
        // Data files get the problems as plain text, worded as `factsheet check` words them.
        let text = site.response(forPath: "/data/indicators.json")
        #expect(text.contentType == "text/plain; charset=utf-8")
        let line =
            "error: in/monitoring/2016.csv, row 7, column 'meetings': "
            + "expected a whole number ≥ 0, found '<script>alert('x')</script>'"
        #expect(text.text.hasPrefix(line + "\n"))
    }

    @Test func watchedFileNames() {
        #expect(FolderWatcher.matters("factsheet.md"))
        #expect(FolderWatcher.matters("2016.csv"))
        #expect(FolderWatcher.matters("strings.yaml"))
        #expect(FolderWatcher.matters("logo.svg"))
        #expect(!FolderWatcher.matters(".factsheet.md.swp"))
        #expect(!FolderWatcher.matters("factsheet.md~"))
        #expect(!FolderWatcher.matters("4913"))
    }
}

@Suite struct PreviewRedirectTests {
    @Test func folderWithoutSlashRedirects() {
        let response = PreviewSiteTests.site.response(forPath: "/sq")
        #expect(response.status == 301)
        #expect(response.location == "/sq/")
    }
}

@Suite struct LoopbackHostTests {
    @Test(arguments: ["127.0.0.1:8017", "localhost:8017", "LOCALHOST", "127.0.0.1"])
    func loopbackNamesAreAnswered(host: String) {
        #expect(LoopbackHost.allows(host))
    }

    @Test(arguments: ["evil.example:8017", "127.0.0.1.evil.example", "192.168.1.2:8017", "localhost.evil:8017", ""])
    func otherNamesAreRefused(host: String) {
        #expect(!LoopbackHost.allows(host))
    }
}
