import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A page's head read as a link preview or a search engine reads it: the `<meta>` and `<link>`
/// tags between `<head>` and `</head>`, attribute values with their references resolved.
struct PageHead {
    var tags: [(name: String, attributes: [String: String])] = []
    var title = ""

    init(_ html: String) throws {
        let start = try #require(html.range(of: "<head>"))
        let end = try #require(html.range(of: "</head>"))
        var rest = html[start.upperBound..<end.lowerBound]
        if let open = rest.range(of: "<title>"), let close = rest.range(of: "</title>") {
            title = Self.unescape(String(rest[open.upperBound..<close.lowerBound]))
        }
        while let open = rest.firstIndex(of: "<") {
            let close = try #require(rest[open...].firstIndex(of: ">"), "a tag that does not end")
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let name = String(tag.prefix { $0 != " " })
            guard name == "meta" || name == "link" else { continue }
            var attributes: [String: String] = [:]
            var text = tag.dropFirst(name.count)
            // name="value" pairs; a value never holds a raw quote, as escaping leaves none.
            while let equals = text.firstIndex(of: "=") {
                let key = text[..<equals].trimmingCharacters(in: .whitespaces)
                let valueStart = text.index(equals, offsetBy: 2)
                let valueEnd = try #require(text[valueStart...].firstIndex(of: "\""), "an attribute value that does not end")
                #expect(text[text.index(after: equals)] == "\"", "the value of \(key) is quoted")
                attributes[key] = Self.unescape(String(text[valueStart..<valueEnd]))
                text = text[text.index(after: valueEnd)...]
            }
            #expect(text.trimmingCharacters(in: .whitespaces).isEmpty, "nothing after the attributes of <\(name)\(tag)>")
            tags.append((name, attributes))
        }
    }

    /// The `content` of every `<meta>` with this `name` or `property`.
    func meta(_ key: String) -> [String] {
        tags.filter { $0.name == "meta" && ($0.attributes["name"] == key || $0.attributes["property"] == key) }
            .compactMap { $0.attributes["content"] }
    }

    /// `href` of every `<link>` with this `rel` (and `hreflang`, when given).
    func links(_ rel: String, hreflang: String? = nil) -> [String] {
        tags.filter { $0.name == "link" && $0.attributes["rel"] == rel && (hreflang == nil || $0.attributes["hreflang"] == hreflang) }
            .compactMap { $0.attributes["href"] }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

@Suite struct LinkPreviewTests {
    static let smallYAML = Fixtures.text("small", "factsheet.yaml")

    func site(_ sources: EditionSources = Fixtures.edition("small")) async throws -> BuildResult {
        try await FactsheetBuilder(options: BuildOptions()).build(edition: sources, templates: Fixtures.templates(repository: true))
    }

    func head(_ result: BuildResult, _ path: String) throws -> PageHead {
        try PageHead(try #require(result.files.first { $0.path == path }, "\(path) missing").contents)
    }

    /// The shipped English and Albanian phrases (Templates/*/strings.yaml) filled in by hand for
    /// the small edition: edition "Test 2017", illustrative.
    static let expected: [String: String] = [
        "en/index.html":
            "Illustrative data. Kosovo-wide fact sheet Test 2017 on the Municipal Community Safety Councils (MCSCs): their establishment, performance and functioning, in figures and charts.",
        "sq/index.html":
            "Të dhëna ilustruese. Fleta informative për Këshillat Komunalë për Siguri në Bashkësi (KKSB) Test 2017 për gjithë Kosovën: themelimi, performanca dhe funksionimi i tyre, në shifra dhe grafikë.",
        "en/municipalities/alpha.html":
            "Illustrative data. Alpha: fact sheet Test 2017 on the Municipal Community Safety Council (MCSC) – its establishment, members, meetings and work plan, in figures.",
        "sq/municipalities/delta.html":
            "Të dhëna ilustruese. Delta: fleta informative për Këshillin Komunal për Siguri në Bashkësi (KKSB) Test 2017 – themelimi, anëtarët, takimet dhe plani i punës, në shifra.",
        "en/sheets.html":
            "Illustrative data. All MCSC fact sheets Test 2017: Kosovo-wide and for each municipality, with the charts as files for reuse.",
        "sq/review.html":
            "Të dhëna ilustruese. Çdo shifër e fletës informative për KKSB-të Test 2017 për gjithë Kosovën, me rregullin pas saj dhe komunat që numëron, për t’u kontrolluar para publikimit.",
        // The language choice speaks its first language (sq), and describes the publication.
        "index.html":
            "Të dhëna ilustruese. Fleta informative për Këshillat Komunalë për Siguri në Bashkësi (KKSB) Test 2017 për gjithë Kosovën: themelimi, performanca dhe funksionimi i tyre, në shifra dhe grafikë.",
    ]

    @Test func everyPageDescribesItselfInItsLanguageForLinkPreviews() async throws {
        let result = try await site()
        let pages = result.files.filter { $0.path.hasSuffix(".html") }
        // The choice, and in each of 2 languages the national sheet, the index, the review page and 5 municipal sheets.
        let expectedCount: Int = 1 + 2 * (1 + 1 + 1 + 5)
        #expect(pages.count == expectedCount)
        for page in pages {
            let head = try PageHead(page.contents)
            let language = page.path.hasPrefix("en/") ? "en" : "sq"
            let description = head.meta("description")
            #expect(description.count == 1, "\(page.path)")
            #expect(head.meta("og:description") == description, "\(page.path)")
            // The language choice previews as the publication: the title of the first language's national sheet.
            let title =
                page.path == "index.html"
                ? try PageHead(try #require(result.files.first { $0.path == "sq/index.html" }).contents).title : head.title
            #expect(head.meta("og:title") == [title], "\(page.path)")
            #expect(!head.title.isEmpty)
            let isSheet = result.sheets.contains(page.path)
            #expect(head.meta("og:type") == [isSheet ? "article" : "website"], "\(page.path)")
            // The language's own tag with CLDR's likeliest region; the other language as the alternate.
            #expect(head.meta("og:locale") == [language == "en" ? "en_US" : "sq_AL"], "\(page.path)")
            #expect(head.meta("og:locale:alternate") == [language == "en" ? "sq_AL" : "en_US"], "\(page.path)")
            #expect(description.first?.hasPrefix(language == "en" ? "Illustrative data. " : "Të dhëna ilustruese. ") == true)
            // Without site_url no page claims an address: a relative og:url is invalid.
            #expect(head.meta("og:url").isEmpty, "\(page.path)")
            #expect(head.links("canonical").isEmpty, "\(page.path)")
            #expect(head.links("alternate").allSatisfy { !$0.contains("://") }, "\(page.path)")
            if let expected = Self.expected[page.path] {
                #expect(description == [expected])
            }
        }
        #expect(Set(Self.expected.keys).isSubset(of: Set(pages.map(\.path))))
        #expect(try head(result, "index.html").meta("og:title") == ["Këshillat Komunalë për Siguri në Bashkësi (KKSB) Test 2017"])
        #expect(!result.files.contains { $0.path.hasPrefix("sitemap") }, "no sitemap without site_url")
    }

    @Test func theShippedDescriptionsFitALinkPreview() async throws {
        let result = try await FactsheetBuilder(options: BuildOptions()).build(
            edition: Fixtures.edition("input", repository: true), templates: Fixtures.templates(repository: true))
        let pages = result.files.filter { $0.path.hasSuffix(".html") }
        // The choice, and in each of 3 languages the national sheet, the index, the review page and 38 municipal sheets.
        let expectedCount: Int = 1 + 3 * (3 + 38)
        #expect(pages.count == expectedCount)
        for page in pages {
            let description = try #require(try PageHead(page.contents).meta("description").first, "\(page.path)")
            // Previews cut at about 200 characters; the longest, the Albanian national sheet's, has 186.
            #expect((100...200).contains(description.count), "\(page.path): \(description.count) characters")
        }
        // Serbian pages speak Serbian, with Serbian's locale.
        let decan = try head(result, "sr/municipalities/decan.html")
        #expect(decan.meta("og:locale") == ["sr_RS"])
        #expect(decan.meta("og:locale:alternate") == ["sq_AL", "en_US"])
        #expect(
            decan.meta("description") == [
                "Ilustrativni podaci. Deçan/Dečane: informativni list o opštinskom savetu za bezbednost zajednica (OSBZ) 2017 – osnivanje, članovi, sastanci i plan rada, u brojkama."
            ])
        #expect(decan.meta("og:site_name") == ["Misija OEBS-a na Kosovu"])
    }

    @Test func aMunicipalityThatNeverHadAnMCSCIsDescribedSo() async throws {
        // gamma had an MCSC in 2016 only; without it there, it had none in any year.
        let monitoring = Fixtures.text("small", "monitoring/2016.csv").replacingOccurrences(
            of: "gamma,yes,1,none,albanian,12,12,none", with: "gamma,no,,,,,,")
        let result = try await site(Fixtures.edition("small", replacing: "monitoring/2016.csv", with: monitoring))
        let gamma = try head(result, "en/municipalities/gamma.html").meta("description")
        let name = "Gamma *[x](javascript:alert(1))* <script>alert(1)</script> & | _y_"
        #expect(
            gamma == [
                "Illustrative data. \(name): fact sheet Test 2017 on Municipal Community Safety Councils (MCSCs). The municipality had no MCSC in the years the sheet covers."
            ])
    }

    @Test func namesWithQuotesAndMarkupStayInsideTheirAttributes() async throws {
        let name = #"Ni "<b>&amp;</b>' > x"#
        let register = Fixtures.text("small", "municipalities.csv").replacingOccurrences(
            of: "alpha,Alfa,Alpha,one", with: #"alpha,"Ni ""<b>&amp;</b>' > x","Ni ""<b>&amp;</b>' > x",one"#)
        let result = try await site(Fixtures.edition("small", replacing: "municipalities.csv", with: register))
        for language in ["sq", "en"] {
            let page = try #require(result.files.first { $0.path == "\(language)/municipalities/alpha.html" }).contents
            #expect(!page.contains("<b>"), "the name's markup never reaches the page")
            let head = try PageHead(page)
            #expect(head.title.hasPrefix(name + ": "))
            #expect(head.meta("og:title") == [head.title])
            let description = try #require(head.meta("description").first)
            #expect(description.contains(name + ": "))
            #expect(head.meta("og:description") == [description])
            // Each tag of the head is as built, none split by the name.
            let metaCount: Int = 3 + 4 + 2  // charset, viewport, generator; description and 3 og; og:locale and 1 alternate
            #expect(head.tags.filter { $0.name == "meta" }.count == metaCount)
        }
        let head = try head(result, "en/municipalities/alpha.html")
        #expect(
            head.meta("description") == [
                "Illustrative data. \(name): fact sheet Test 2017 on the Municipal Community Safety Council (MCSC) – its establishment, members, meetings and work plan, in figures."
            ])
    }

    static func withSiteURL(_ url: String) -> EditionSources {
        Fixtures.edition("small", replacing: "factsheet.yaml", with: smallYAML + "site_url: \(url)\n")
    }

    @Test func withASiteURLEveryPageNamesItsAddressAndItsVersions() async throws {
        let result = try await site(Self.withSiteURL("https://example.org/fact-sheets"))
        let base = "https://example.org/fact-sheets/"
        let alpha = try head(result, "en/municipalities/alpha.html")
        #expect(alpha.meta("og:url") == [base + "en/municipalities/alpha.html"])
        #expect(alpha.links("canonical") == [base + "en/municipalities/alpha.html"])
        #expect(alpha.links("alternate", hreflang: "sq") == [base + "sq/municipalities/alpha.html"])
        #expect(alpha.links("alternate", hreflang: "en") == [base + "en/municipalities/alpha.html"])
        #expect(alpha.links("alternate", hreflang: "x-default").isEmpty)
        // The national sheets and the language choice name the choice as the page for other readers.
        for path in ["sq/index.html", "en/index.html", "index.html"] {
            let head = try head(result, path)
            #expect(head.meta("og:url") == [base + path])
            #expect(head.links("alternate", hreflang: "x-default") == [base + "index.html"])
            #expect(head.links("alternate", hreflang: "sq") == [base + "sq/index.html"])
        }
        for page in result.files where page.path.hasSuffix(".html") {
            #expect(try PageHead(page.contents).links("canonical") == [base + page.path])
        }
    }

    /// Every `<url>` of a sitemap: its `loc` and its alternates by `hreflang`.
    final class SitemapReader: NSObject, XMLParserDelegate {
        var root = ""
        var urls: [(loc: String, alternates: [String: String])] = []
        var sitemaps: [String] = []
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if root.isEmpty { root = "\(namespaceURI ?? "") \(element)" }
            text = ""
            if element == "url" { urls.append(("", [:])) }
            if element == "link", namespaceURI == "http://www.w3.org/1999/xhtml", attributes["rel"] == "alternate",
                let language = attributes["hreflang"], let href = attributes["href"]
            {
                urls[urls.count - 1].alternates[language] = href
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            if element == "loc", !urls.isEmpty, sitemaps.isEmpty, root.hasSuffix(" urlset") { urls[urls.count - 1].loc = text }
            if element == "loc", root.hasSuffix(" sitemapindex") { sitemaps.append(text) }
        }

        static func read(_ text: String) throws -> SitemapReader {
            let reader = SitemapReader()
            let parser = XMLParser(data: Data(text.utf8))
            parser.shouldProcessNamespaces = true
            parser.delegate = reader
            #expect(parser.parse(), "well-formed XML")
            return reader
        }
    }

    @Test func theSitemapListsEveryPageWithItsLanguageVersions() async throws {
        let result = try await site(Self.withSiteURL("https://example.org/"))
        let base = "https://example.org/"
        let text = try #require(result.files.first { $0.path == "sitemap.xml" }).contents
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
        let sitemap = try SitemapReader.read(text)
        #expect(sitemap.root == "http://www.sitemaps.org/schemas/sitemap/0.9 urlset")
        // 17 pages: the choice, 2 national sheets, 2 indexes, 2 review pages, 5 × 2 municipal sheets.
        #expect(sitemap.urls.count == 17)
        let pages = Set(result.files.map(\.path).filter { $0.hasSuffix(".html") }.map { base + $0 })
        #expect(Set(sitemap.urls.map(\.loc)) == pages)
        for url in sitemap.urls {
            // Each lists itself among its versions, and every version lists the same set.
            #expect(url.alternates.values.contains(url.loc), "\(url.loc)")
            for version in url.alternates.values {
                #expect(sitemap.urls.first { $0.loc == version }?.alternates == url.alternates, "\(version)")
            }
        }
        let beta = try #require(sitemap.urls.first { $0.loc == base + "sq/municipalities/beta.html" })
        #expect(beta.alternates == ["sq": base + "sq/municipalities/beta.html", "en": base + "en/municipalities/beta.html"])
        let choice = try #require(sitemap.urls.first { $0.loc == base + "index.html" })
        #expect(
            choice.alternates == ["sq": base + "sq/index.html", "en": base + "en/index.html", "x-default": base + "index.html"])
        // Listed in the manifest like every other file.
        #expect(result.manifest.contains { $0.path == "sitemap.xml" })
        #expect(try #require(result.files.first { $0.path == "manifest.json" }).contents.contains("\"sitemap.xml\""))
    }

    @Test func aSitemapPastTheLimitIsSplitAndIndexed() throws {
        let formats = [Fixtures.sq, Fixtures.en]
        let sitemap = Sitemap(
            siteURL: "https://example.org/", languages: formats, national: [Language("sq"), Language("en")],
            municipal: [Language("sq"), Language("en")], municipalities: ["a", "b", "c"])
        // 3 + 2 + 2 + 3 × 2 = 13 pages.
        #expect(sitemap.entries.count == 13)
        #expect(sitemap.files().map(\.path) == ["sitemap.xml"])
        let files = sitemap.files(maximumURLs: 5)
        #expect(files.map(\.path) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        let index = try SitemapReader.read(files[0].contents)
        #expect(index.root == "http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex")
        #expect(
            index.sitemaps == [
                "https://example.org/sitemap-1.xml", "https://example.org/sitemap-2.xml", "https://example.org/sitemap-3.xml",
            ])
        let counts = try files.dropFirst().map { try SitemapReader.read($0.contents).urls.count }
        #expect(counts == [5, 5, 3])
        // The byte limit splits too: room for the head, one entry and the end only.
        let one = sitemap.entries[0].utf8.count + 200
        #expect(sitemap.files(maximumBytes: one).count == 1 + 13)
    }

    @Test(arguments: [
        ("sq", "sq_AL"), ("sr-Latn", "sr_RS"), ("en", "en_US"), ("sq-XK", "sq_XK"), ("sr-Cyrl-XK", "sr_XK"), ("en-GB", "en_GB"),
        ("tr", "tr_TR"),
    ])
    func openGraphLocaleFromTheTag(tag: String, locale: String) {
        #expect(LinkPreview.openGraphLocale(tag: tag) == locale)
    }

    @Test func aLocaleSharedByTwoLanguagesIsNamedOnce() throws {
        // Serbian in Latin and in Cyrillic script are both sr_RS to Open Graph.
        let latin = LanguageFormat(Language("sr"), strings: LanguageStrings(tag: "sr-Latn", phrases: [:], cells: [:]))
        let cyrillic = LanguageFormat(Language("sc"), strings: LanguageStrings(tag: "sr-Cyrl", phrases: [:], cells: [:]))
        let formats = [latin, cyrillic, Fixtures.en]
        let configuration = EditionConfiguration(
            edition: "E", dataStatus: .official, minimumMeetingsPerYear: 6, censusThreshold: 50, establishmentYears: [2017],
            periods: [Period(year: 2017)], languages: formats.map(\.language))
        let layout = PageLayout(
            configuration: configuration, provenance: Provenance(sources: Fixtures.edition("small"), published: nil), languages: formats)
        let head = try PageHead(layout.sheetsIndex(latin, nationalTitle: "T", municipalities: []))
        #expect(head.meta("og:locale") == ["sr_RS"])
        #expect(head.meta("og:locale:alternate") == ["en_US"])
        #expect(head.links("alternate").count == 3)
    }

    @Test func siteURLIsCheckedAndEndsWithASlash() throws {
        func load(_ value: String) -> (EditionConfiguration?, [String]) {
            var log = DiagnosticLog()
            let source = SourceFile(path: "small/factsheet.yaml", text: Self.smallYAML + "site_url: \(value)\n")
            let configuration = ConfigurationLoader(source: source, assets: [:]).load(log: &log)
            return (configuration, log.diagnostics.map(\.description))
        }
        #expect(load("https://example.org/sheets").0?.siteURL == "https://example.org/sheets/")
        #expect(load("http://example.org").0?.siteURL == "http://example.org/")
        #expect(load("'HTTPS://Example.org/a%20b/'").0?.siteURL == "HTTPS://Example.org/a%20b/")
        let line = Self.smallYAML.split(separator: "\n", omittingEmptySubsequences: false).count
        for bad in [
            "example.org/sheets", "/sheets/", "ftp://example.org/", "https://", "https://example.org/?page=1", "https://example.org/#top",
            "'https://example.org/a b/'", "https://user@example.org/", "https://example.org/ë/", "'javascript:alert(1)'",
        ] {
            let (configuration, messages) = load(bad)
            #expect(configuration == nil, "\(bad)")
            #expect(messages.count == 1, "\(bad): \(messages)")
            #expect(
                messages.first?.hasPrefix(
                    "error: small/factsheet.yaml, line \(line), column 11: 'site_url': expected the absolute web address")
                    == true, "\(bad): \(messages)")
        }
    }
}
