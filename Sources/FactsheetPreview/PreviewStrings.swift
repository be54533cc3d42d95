/// Every word the preview itself shows in the browser, in one place.
///
/// Diagnostics keep the wording of `factsheet check` (``FactsheetInput/Problem/message``); these
/// are only the few words around them, in the same language as the command's messages. They are
/// not in `Templates/<lang>/strings.yaml` on purpose: this page is what the preview shows when
/// the edition does not build, and a broken or missing strings file is one of the reasons it
/// does not. No published page prints them.
public enum PreviewStrings {
    /// The `lang` attribute of the preview's own pages.
    static let language = "en"

    /// Heading and title of the page shown while the edition does not build: "1 error", "3 errors".
    static func errorsHeading(count: Int) -> String {
        count == 1 ? "1 error" : "\(count) errors"
    }

    /// Heading of the warnings listed under the errors: "1 warning", "2 warnings".
    static func warningsHeading(count: Int) -> String {
        count == 1 ? "1 warning" : "\(count) warnings"
    }

    /// Under the heading: what failed and what happens next.
    static let errorsExplanation = "The edition does not build. Fix the files named below and save: this page reloads by itself."

    /// Title and heading of the page for a path the site does not have.
    static let notFoundHeading = "Not found"

    /// Under it: which path, with a link to the language choice.
    static func notFoundExplanation(path: String) -> String {
        "The built site has no page '\(path)'."
    }

    /// The link from the not-found page to the site's first page.
    static let notFoundLink = "Go to the first page"

    /// Suffix of every preview page's title, so the tab says what it is.
    static let titleSuffix = "factsheet preview"
}
