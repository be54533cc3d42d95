import FactsheetFigures
import FactsheetInput
import FactsheetPresentation
import FactsheetSupport

/// The review page of one language (`LANG/review.html`): every figure of the Kosovo-wide sheet
/// with its rule and the municipalities it counts, adds up or leaves out, for checking a
/// sheet before it is released. Read from the same indicators as `indicators.json`.
struct ReviewPage {
    let layout: PageLayout
    let format: LanguageFormat
    let figures: Figures
    /// The register in the language's alphabetical order, sorted once for the whole build: a
    /// review page lists municipalities in every row, and sorting each row anew cost seconds
    /// at 10,000 municipalities.
    let alphabetical: [Municipality]

    var html: String {
        let strings = format.strings
        let language = format.language
        let path = SitePath.review(language)
        let configuration = figures.configuration
        let indicators = figures.indicators
        let title = strings.format(.reviewTitle, ["edition": .text(configuration.edition)], in: format)
        let preview = LinkPreview(kind: .website, description: layout.description(.descriptionReview, format))
        var html = layout.pageStart(format, path: path, title: title, preview: preview, alternates: layout.alternates(SitePath.review))
        html += "<main class=\"index review\">\n"
        html += layout.notice(strings)
        html += "<h1>\(Escaping.html(title))</h1>\n<p>\(Escaping.html(strings[.reviewIntro]))</p>\n"
        html +=
            "<p><a href=\"\(SitePath.link(from: path, to: SitePath.national(language)))\">\(Escaping.html(strings[.nationalSheet]))</a></p>\n"
        let periods = configuration.periods
        // Each municipality's place in alphabetical order, so that a row names its municipalities
        // without going through the whole register.
        let positions = Dictionary(alphabetical.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        for id in IndicatorID.allCases {
            let values = indicators.values.filter { $0.id == id }
            guard !values.isEmpty else { continue }
            let name = strings.indicatorName(id, threshold: configuration.censusThreshold, in: format)
            html += "<h2 id=\"\(id.rawValue)\">\(Escaping.html(name))</h2>\n"
            html +=
                "<table>\n<thead><tr><th scope=\"col\">\(Escaping.html(strings[id.section == .establishment ? .columnYear : .columnPeriod]))</th>"
            html += "<th scope=\"col\">\(Escaping.html(strings[.reviewValue]))</th>"
            // Only the rules that need census figures leave municipalities not assessed.
            let assessed = id.measure.isRepresentation
            switch values[0].detail {
            case .count:
                html += "<th scope=\"col\">\(Escaping.html(strings[.reviewCounted]))</th>"
                if assessed { html += "<th scope=\"col\">\(Escaping.html(strings[.reviewNotAssessed]))</th>" }
            case .sum:
                html += "<th scope=\"col\">\(Escaping.html(strings[.reviewByMunicipality]))</th>"
            }
            html += "</tr></thead>\n<tbody>\n"
            for value in values {
                // Establishment figures are per year; performance ones per period, named as on the sheet.
                let period = id.section == .performance ? periods.first { $0.id == value.period } : nil
                let label = period.map { format.capitalisedFirst(format.period($0)) } ?? value.period
                html += "<tr><th scope=\"row\">\(Escaping.html(label))</th><td>\(Escaping.html(format.number(value.value)))</td>"
                switch value.detail {
                case .count(let counted, let notAssessed):
                    html += "<td>\(Escaping.html(names(counted, positions: positions)))</td>"
                    if assessed { html += "<td>\(Escaping.html(names(notAssessed, positions: positions)))</td>" }
                case .sum(let byMunicipality):
                    let parts = alphabetical.compactMap { municipality in
                        byMunicipality[municipality.code].map { "\(municipality.name(in: language)) \(format.number($0))" }
                    }
                    html += "<td>\(Escaping.html(parts.isEmpty ? strings[.dash] : parts.joined(separator: "; ")))</td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</main>\n"
        html += layout.footer(language)
        html += "</body>\n</html>\n"
        return html
    }

    /// Municipalities by code as the language names and orders them, or a dash for none.
    private func names(_ codes: [String], positions: [String: Int]) -> String {
        let named = Set(codes.compactMap { positions[$0] }).sorted().map { alphabetical[$0].name(in: format.language) }
        return named.isEmpty ? format.strings[.dash] : named.joined(separator: "; ")
    }
}
