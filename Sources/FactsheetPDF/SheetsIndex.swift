import Foundation

/// The sheets index of one language: its title, language, and every sheet it links to in order.
struct SheetsIndex {
    let title: String
    let language: String
    /// Sheets as the index lists them (paths relative to the output folder), with their link text.
    let sheets: [(path: String, name: String)]

    init(path: String, html: String) {
        let page = SheetPage(html: html)
        title = page.title
        language = page.language
        let base = URL(string: "file:///site/" + path)
        sheets = SheetPage.links(inMainOf: html).compactMap { link in
            guard let url = URL(string: link.href, relativeTo: base)?.absoluteURL, url.path.hasPrefix("/site/"), url.path.hasSuffix(".html")
            else {
                return nil
            }
            return (String(url.path.dropFirst("/site/".count)), link.text)
        }
    }

    func name(of path: String) -> String? {
        sheets.first { $0.path == path }?.name
    }
}
