import FactsheetInput
import FactsheetPresentation
import FactsheetSupport

/// `sitemap.xml` (the sitemaps.org 0.9 protocol): every HTML page of the site at its absolute
/// address, each with the addresses of its versions in every language as
/// `<xhtml:link rel="alternate" hreflang>` (the extension search engines read), written only
/// when the edition configures `site_url`.
struct Sitemap: Sendable {
    /// One page in every language it is built in, and the page for readers of none of them
    /// (`hreflang="x-default"`: the language choice, for the national sheets).
    struct PageGroup: Sendable {
        var paths: [Language: String]
        var defaultPath: String? = nil
    }

    /// The address `output/` is published at, ending in `/`.
    let siteURL: String
    /// The languages in the order of the language links, with their tags.
    let languages: [LanguageFormat]
    let groups: [PageGroup]

    /// The site's pages as groups: the national sheets with the language choice, the sheets
    /// indexes, the review pages, then each municipality's sheets in register order.
    ///
    /// - Parameters:
    ///   - national: the languages whose national sheet (and so sheets index) was built.
    ///   - municipal: the languages with municipal sheets.
    init(siteURL: String, languages: [LanguageFormat], national: Set<Language>, municipal: Set<Language>, municipalities: [String]) {
        self.siteURL = siteURL
        self.languages = languages
        func group(_ among: Set<Language>, _ path: (Language) -> String) -> [Language: String] {
            Dictionary(uniqueKeysWithValues: languages.map(\.language).filter(among.contains).map { ($0, path($0)) })
        }
        let all = Set(languages.map(\.language))
        var groups = [
            PageGroup(paths: group(national, SitePath.national), defaultPath: SitePath.languageChoice),
            PageGroup(paths: group(national, SitePath.sheets)),
            PageGroup(paths: group(all, SitePath.review)),
        ]
        if !municipal.isEmpty {
            groups += municipalities.map { code in PageGroup(paths: group(municipal, { SitePath.municipality(code, $0) })) }
        }
        self.groups = groups.filter { !$0.paths.isEmpty }
    }

    /// The most a sitemap file may list, and its largest size uncompressed (the protocol's limits).
    static let maximumURLs = 50_000
    static let maximumBytes = 50 * 1024 * 1024

    /// `sitemap.xml` listing every page; or, for a site past the protocol's limits, the pages
    /// in `sitemap-1.xml`, `sitemap-2.xml` … and `sitemap.xml` as the index of those files.
    func files(maximumURLs: Int = Self.maximumURLs, maximumBytes: Int = Self.maximumBytes) -> [BuiltFile] {
        let head = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """
        let tail = "</urlset>\n"
        var parts: [String] = []
        var part = head
        var count = 0
        for entry in entries {
            if count == maximumURLs || (count > 0 && part.utf8.count + entry.utf8.count + tail.utf8.count > maximumBytes) {
                parts.append(part + tail)
                part = head
                count = 0
            }
            part += entry
            count += 1
        }
        parts.append(part + tail)
        guard parts.count > 1 else { return [BuiltFile(path: SitePath.sitemap, contents: parts[0])] }
        var index = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        var files: [BuiltFile] = []
        for (number, text) in parts.enumerated() {
            let path = SitePath.sitemapPart(number + 1)
            files.append(BuiltFile(path: path, contents: text))
            index += "<sitemap>\n<loc>\(address(path))</loc>\n</sitemap>\n"
        }
        return [BuiltFile(path: SitePath.sitemap, contents: index + "</sitemapindex>\n")] + files
    }

    /// One `<url>` element per page; every page of a group lists the whole group, itself included.
    var entries: [String] {
        var entries: [String] = []
        for group in groups {
            var links = ""
            for format in languages {
                guard let path = group.paths[format.language] else { continue }
                links += "<xhtml:link rel=\"alternate\" hreflang=\"\(Escaping.html(format.tag))\" href=\"\(address(path))\"/>\n"
            }
            if let path = group.defaultPath {
                links += "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(address(path))\"/>\n"
            }
            let pages = languages.compactMap { group.paths[$0.language] } + (group.defaultPath.map { [$0] } ?? [])
            for path in pages {
                entries.append("<url>\n<loc>\(address(path))</loc>\n" + links + "</url>\n")
            }
        }
        return entries
    }

    /// The absolute address of the file at `path`, escaped for XML.
    private func address(_ path: String) -> String {
        Escaping.html(siteURL + path)
    }
}
