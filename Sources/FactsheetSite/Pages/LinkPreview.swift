import FactsheetInput
import Foundation

/// What a page's head tells link previews and search engines: a description in the page's
/// language and the Open Graph type (`og:type`).
struct LinkPreview: Sendable, Hashable {
    /// `og:type`: sheets are articles, the index pages and the language choice a website.
    enum Kind: String, Sendable {
        case article
        case website
    }

    var kind: Kind
    /// Plain text for `<meta name="description">` and `og:description`; escaped where written.
    var description: String
    /// `og:title` where it is not the page's `<title>` (the language choice, whose title is
    /// "Choose a language" in every language, previews as the publication it leads to).
    var title: String? = nil

    /// The Open Graph locale (`language_TERRITORY`) for a BCP 47 tag: its language and region
    /// (`sq-XK` → `sq_XK`), or, for a tag without a region, the region CLDR thinks likeliest for
    /// it (`sq` → `sq_AL`, `sr-Latn` → `sr_RS`, `en` → `en_US`); the language alone when CLDR
    /// knows none. The script is left out: Open Graph has no place for it.
    static func openGraphLocale(tag: String) -> String {
        let language = Locale.Language(identifier: tag)
        let code = language.languageCode?.identifier ?? tag.split(separator: "-").first.map(String.init) ?? tag
        let region = language.region ?? Locale.Language(identifier: language.maximalIdentifier).region
        return region.map { "\(code)_\($0.identifier)" } ?? code
    }
}
