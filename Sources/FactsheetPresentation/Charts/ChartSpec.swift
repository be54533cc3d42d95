/// What a bar chart shows, in one language, before it is drawn.
package struct ChartSpec: Sendable, Hashable {
    /// How the bars run.
    enum Layout: Sendable, Hashable {
        /// Vertical bars, one group per category along the bottom (years, periods).
        case columns
        /// Horizontal bars, one row per category down the side (municipalities).
        case rows
    }

    /// A link to a file made from the chart: its visible text, its accessible name (which
    /// contains the text and names the chart), where it leads and the file's media type.
    package struct Link: Sendable, Hashable {
        package var text: String
        var label: String
        package var href: String
        var type: String
        /// Whether a browser should save the file rather than show it.
        var download: Bool

        package init(text: String, label: String, href: String, type: String, download: Bool) {
            self.text = text
            self.label = label
            self.href = href
            self.type = type
            self.download = download
        }
    }

    /// A named sequence of values, one per category; nil where there is nothing to show.
    struct Series: Sendable, Hashable {
        var name: String
        var values: [Int?]
    }

    /// The chart's id as templates name it (`women_representatives`); also the base of its element ids.
    package var id: String
    var layout: Layout
    /// The accessible name: the heading above the chart in the template, without the footnote
    /// markers that point to the sheet's footnotes (the name is read where they are not).
    package var title: String
    /// The heading as the sheet prints it, markers and all; nil when it is ``title``.
    package var heading: String?
    /// A sentence or two written from the data, announced by screen readers.
    package var summary: String
    /// Header of the category column in the data table ("Year", "Municipality").
    var categoryHeader: String
    var categories: [String]
    var series: [Series]
    /// Remarks printed under the chart (a period's note).
    package var notes: [String]
    /// Lines drawn inside the SVG under the chart, for a chart read on its own (the notice on
    /// illustrative data, the period notes).
    package var footer: [String] = []
    /// The line under the chart that says where its figures come from (the edition, the data status).
    package var source: String?
    /// Links under the chart to its data and its file, for reuse; not printed.
    package var links: [Link] = []
    /// Text shown in place of a bar whose value is nil.
    var missingLabel: String
    /// The value the axis must reach at least: charts printed side by side that show the same
    /// unit share one scale.
    var sharedMaximum: Int?

    init(
        id: String, layout: Layout, title: String, summary: String, categoryHeader: String, categories: [String],
        series: [Series], notes: [String] = [], missingLabel: String = "–"
    ) {
        self.id = id
        self.layout = layout
        self.title = title
        self.summary = summary
        self.categoryHeader = categoryHeader
        self.categories = categories
        self.series = series
        self.notes = notes
        self.missingLabel = missingLabel
    }

    /// `heading` less the footnote markers at its end (`…missing* **` → `…missing`).
    package static func title(ofHeading heading: String) -> String {
        var title = Substring(heading)
        while let last = title.last, last == "*" || last == "†" || last == "‡" || last.isWhitespace { title = title.dropLast() }
        return title.isEmpty ? heading : String(title)
    }

    /// The largest value in any series, 0 when there is none.
    var maximum: Int {
        series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
    }

    /// What the axis covers: the largest value, or the shared maximum when that is larger.
    var axisMaximum: Int {
        max(maximum, sharedMaximum ?? 0)
    }
}
