import FactsheetSite
import FactsheetSupport

/// The preview's own pages: the located errors of a failed build, and "not found".
///
/// Every piece of text that comes from the input or the file system passes through
/// ``FactsheetSupport/Escaping/html(_:)``; the fixed words come from ``PreviewStrings``.
enum PreviewPage {
    /// The page shown for every HTML request while the edition does not build.
    static func problems(_ problems: [PreviewProblem]) -> String {
        let errors = problems.filter { $0.severity == .error }
        let warnings = problems.filter { $0.severity == .warning }
        let heading = PreviewStrings.errorsHeading(count: errors.count)
        var body = "<h1>\(Escaping.html(heading))</h1>\n<p>\(Escaping.html(PreviewStrings.errorsExplanation))</p>\n"
        body += list(errors)
        if !warnings.isEmpty {
            body += "<h2>\(Escaping.html(PreviewStrings.warningsHeading(count: warnings.count)))</h2>\n" + list(warnings)
        }
        return page(title: heading, body: body)
    }

    /// The page for a path the built site does not have.
    static func notFound(path: String) -> String {
        let body = """
            <h1>\(Escaping.html(PreviewStrings.notFoundHeading))</h1>
            <p>\(Escaping.html(PreviewStrings.notFoundExplanation(path: path)))</p>
            <p><a href="/">\(Escaping.html(PreviewStrings.notFoundLink))</a></p>

            """
        return page(title: PreviewStrings.notFoundHeading, body: body)
    }

    /// One list item per problem: `error: LOCATION: MESSAGE`, the location in bold.
    private static func list(_ problems: [PreviewProblem]) -> String {
        var html = "<ul class=\"problems\">\n"
        for problem in problems {
            html += "<li class=\"\(problem.severity.rawValue)\"><code>\(problem.severity.rawValue):</code> "
            if !problem.location.isEmpty {
                html += "<strong>\(Escaping.html(problem.location))</strong>: "
            }
            html += Escaping.html(problem.message) + "</li>\n"
        }
        return html + "</ul>\n"
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(PreviewStrings.language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Escaping.html(title)) · \(Escaping.html(PreviewStrings.titleSuffix))</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
        h1 { color: #a4262c; }
        ul.problems { padding-left: 1.2rem; }
        ul.problems li { margin: 0.4rem 0; overflow-wrap: anywhere; }
        li.error code { color: #a4262c; }
        li.warning code { color: #8a5300; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
