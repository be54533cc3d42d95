import FactsheetInput
import FactsheetSupport
import Foundation

/// Draws a ``ChartSpec`` as an accessible SVG bar chart inside a `<figure>` with its data table.
///
/// Every label is measured with ``FontMetrics`` and given room: long category names wrap;
/// column charts put each value above its bar, row charts in a column per series beside the
/// name; nothing overlaps or is clipped, and no text prints below 7 pt. The first series is
/// solid, later ones hatched and outlined, so series stay apart in grayscale print and
/// without colour.
package final class BarChartRenderer: Sendable {
    /// Footer paragraphs as wrapped lines: every chart file of a language carries the same few
    /// (the notice, the period notes, the source line), and wrapping measures each word.
    private let wrappedFooters = WrappedLines()

    /// Width of every chart in SVG units: one of the two columns of a printed A4 page
    /// (``PrintGeometry/columnWidth``, 89.5 mm), so two charts stand side by side; on screen it
    /// scales with its column.
    package static let width = 340.0
    static let fontSize = 10.0
    static let valueSize = 9.5
    static let lineHeight = 12.0
    /// The smallest text any chart writes: 9.5 units print at 7.09 pt on a 89.5 mm column
    /// (``PrintGeometry/points(ofChartText:)``), the least a printed sheet may carry.
    static let smallestSize = 9.5
    /// Bar thickness in row charts; a municipality with two periods takes 2 × 5.25 + 2 units.
    static let rowBarHeight = 5.25
    /// Room between two municipalities' bars.
    static let rowGap = 2.0
    /// Municipality names and the value columns beside them.
    static let rowTextSize = smallestSize
    static let rowLineHeight = 11.0
    /// Room between the names, the value columns and the bars.
    static let rowColumnGap = 7.0
    /// What a row chart's value column shows for a missing value; its legend says what it means.
    static let missingMark = "–"
    static let fontFamily = "DejaVu Sans, Noto Sans, Arial, sans-serif"

    let format: LanguageFormat
    let strings: LanguageStrings
    let theme: ChartTheme
    let metrics = FontMetrics.dejaVuSans
    /// The theme's colours written once, not per element.
    private let textHex: String
    private let mutedHex: String
    private let gridHex: String
    private let axisHex: String
    private let backgroundHex: String
    private let seriesHex: [String]

    package init(format: LanguageFormat, theme: ChartTheme = .standard) {
        self.format = format
        self.strings = format.strings
        self.theme = theme
        self.textHex = theme.text.description
        self.mutedHex = theme.mutedText.description
        self.gridHex = theme.grid.description
        self.axisHex = theme.axis.description
        self.backgroundHex = theme.background.description
        self.seriesHex = (0..<4).map { theme.colour(forSeries: $0).description }
    }

    private func seriesColour(_ index: Int) -> String {
        seriesHex.indices.contains(index) ? seriesHex[index] : theme.colour(forSeries: index).description
    }

    /// The chart as an HTML `<figure>`, in UTF-8: its heading (when the template's heading is
    /// moved in, at `headingLevel`), the SVG, its notes and a data table for screen readers.
    package func figureBytes(_ spec: ChartSpec, headingLevel: Int? = nil) -> [UInt8] {
        figureBytes(spec, draw(spec), headingLevel: headingLevel)
    }

    /// ``figureBytes(_:headingLevel:)`` of `spec` and the SVG file of `file`, the chart
    /// drawn once for both: `file` is the same chart as `spec` with a description (`summary`),
    /// a footer and links of its own, which are all the two may differ in.
    package func figureAndFile(_ spec: ChartSpec, file: ChartSpec, headingLevel: Int? = nil) -> (figure: [UInt8], file: [UInt8]) {
        let drawing = draw(spec)
        return (figureBytes(spec, drawing, headingLevel: headingLevel), standaloneBytes(file, drawing))
    }

    private func figureBytes(_ spec: ChartSpec, _ drawing: Drawing, headingLevel: Int?) -> [UInt8] {
        var out = SVGWriter(capacity: 1024)
        out.raw("<figure class=\"chart chart-")
        out.raw(spec.layout == .columns ? "columns" : "rows")
        out.raw("\" id=\"chart-")
        out.text(spec.id)
        out.raw("\">\n")
        if let level = headingLevel.map({ min(6, max(1, $0)) }) {
            out.raw("<h")
            out.integer(level)
            out.raw(" class=\"chart-title\">")
            out.text(spec.heading ?? spec.title)
            out.raw("</h")
            out.integer(level)
            out.raw(">\n")
        }
        var bytes = out.bytes
        frame(spec, drawing, into: &bytes)
        out = SVGWriter(capacity: 4096 + spec.categories.count * 200)
        out.raw("\n")
        for note in spec.notes {
            out.raw("<p class=\"chart-note\">")
            out.text(note)
            out.raw("</p>\n")
        }
        if let source = spec.source {
            out.raw("<p class=\"chart-source\">")
            out.text(source)
            out.raw("</p>\n")
        }
        if !spec.links.isEmpty {
            out.raw("<p class=\"chart-links\">")
            for link in spec.links {
                out.raw("<a href=\"")
                out.text(link.href)
                out.raw("\" type=\"")
                out.text(link.type)
                out.raw(link.download ? "\" download aria-label=\"" : "\" aria-label=\"")
                out.text(link.label)
                out.raw("\">")
                out.text(link.text)
                out.raw("</a>")
            }
            out.raw("</p>\n")
        }
        dataTable(spec, to: &out)
        out.raw("</figure>\n")
        bytes += out.bytes
        return bytes
    }

    /// The chart alone, as SVG.
    func svg(_ spec: ChartSpec) -> String {
        var bytes: [UInt8] = []
        frame(spec, draw(spec), into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The chart as an SVG file of its own, in UTF-8, from its drawing: an XML declaration, the
    /// language of its text, a white background, its title and description inside.
    private func standaloneBytes(_ spec: ChartSpec, _ drawing: Drawing) -> [UInt8] {
        var svg: [UInt8] = []
        frame(spec, drawing, into: &svg)
        let opening = Self.svgOpening
        guard svg.starts(with: opening) else { return svg }
        var bytes = Self.xmlDeclaration
        bytes.reserveCapacity(svg.count + 128)
        bytes += opening
        bytes += Array(" xml:lang=\"\(Escaping.html(format.tag))\" style=\"background:#fff\"".utf8)
        bytes += svg[opening.count...]
        bytes.append(0x0A)
        return bytes
    }

    private static let svgOpening = Array("<svg xmlns=\"http://www.w3.org/2000/svg\"".utf8)
    private static let xmlDeclaration = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)

    /// A chart's drawing without its frame: everything between the `<svg>` start tag with the
    /// title, description and patterns (``startFrame(_:height:to:)``) and the footer, and where
    /// the footer starts. A figure and the chart's file differ only in the frame and the footer.
    private struct Drawing {
        let body: [UInt8]
        let footerTop: Double
    }

    private func draw(_ spec: ChartSpec) -> Drawing {
        var out = SVGWriter(capacity: 8192 + spec.categories.count * 400)
        let footerTop =
            switch spec.layout {
            case .columns: columns(spec, to: &out)
            case .rows: rows(spec, to: &out)
            }
        return Drawing(body: out.bytes, footerTop: footerTop)
    }

    /// The drawing in its frame: the start tag, title, description and patterns for `spec`'s
    /// height with its footer, the drawing, the footer and the end tag, appended to `bytes`.
    private func frame(_ spec: ChartSpec, _ drawing: Drawing, into bytes: inout [UInt8]) {
        let footer = footerLines(spec)
        var out = SVGWriter(capacity: 2048)
        startFrame(spec, height: drawing.footerTop + footerHeight(footer), to: &out)
        bytes += out.bytes
        bytes += drawing.body
        out = SVGWriter(capacity: 1024)
        writeFooter(footer, top: drawing.footerTop, to: &out)
        out.end("svg")
        bytes += out.bytes
    }

    // MARK: - Frame, legend, fills

    /// The `<svg>` start tag, title, description and hatch patterns; the caller writes the
    /// content and `</svg>`.
    private func startFrame(_ spec: ChartSpec, height: Double, to out: inout SVGWriter) {
        let base = "chart-\(spec.id)"
        out.start("svg")
        out.attribute("xmlns", raw: "http://www.w3.org/2000/svg")
        out.attribute("viewBox", "0 0 \(SVGNumber.format(Self.width)) \(SVGNumber.format(height))")
        out.attribute("width", Self.width)
        out.attribute("height", height)
        out.attribute("role", raw: "img")
        out.attribute("aria-labelledby", "\(base)-title \(base)-desc")
        out.attribute("font-family", Self.fontFamily)
        out.attribute("font-size", Self.fontSize)
        out.open()
        out.start("title")
        out.attribute("id", base + "-title")
        out.content(spec.title, end: "title")
        out.start("desc")
        out.attribute("id", base + "-desc")
        out.content(spec.summary, end: "desc")
        guard spec.series.count > 1 else { return }
        out.start("defs")
        out.open()
        for index in spec.series.indices.dropFirst() {
            out.start("pattern")
            out.attribute("id", "\(base)-pattern-\(index)")
            out.attribute("width", raw: "6")
            out.attribute("height", raw: "6")
            out.attribute("patternUnits", raw: "userSpaceOnUse")
            out.attribute("patternTransform", raw: index % 2 == 1 ? "rotate(45)" : "rotate(-45)")
            out.open()
            out.start("rect")
            out.attribute("width", raw: "6")
            out.attribute("height", raw: "6")
            out.attribute("fill", seriesColour(index))
            out.empty()
            out.start("rect")
            out.attribute("width", raw: "2.5")
            out.attribute("height", raw: "6")
            out.attribute("fill", backgroundHex)
            out.attribute("fill-opacity", raw: "0.6")
            out.empty()
            out.end("pattern")
        }
        out.end("defs")
    }

    /// A bar: solid for the first series; hatched with a solid outline (3:1 edge) for the others.
    private func bar(x: Double, y: Double, width: Double, height: Double, series index: Int, spec: ChartSpec, to out: inout SVGWriter) {
        out.start("rect")
        out.attribute("x", x)
        out.attribute("y", y)
        out.attribute("width", max(0, width))
        out.attribute("height", max(0, height))
        if index == 0 {
            out.attribute("fill", seriesColour(0))
        } else {
            out.attribute("fill", "url(#chart-\(spec.id)-pattern-\(index))")
            out.attribute("stroke", seriesColour(index))
            out.attribute("stroke-width", raw: "1")
        }
        out.empty()
    }

    /// Where a legend wrapped to `width` puts each series' swatch, starting at (`left`, `top`),
    /// with the series' name in as many lines as it needs, and the height it takes; nothing for a
    /// single series. A name wider than the legend wraps under itself rather than running off the chart.
    private func legend(_ spec: ChartSpec, left: Double, top: Double, width: Double) -> ([LegendPlace], Double) {
        guard spec.series.count > 1 else { return ([], 0) }
        var places: [LegendPlace] = []
        var x = left
        var y = top
        var rowHeight = Self.lineHeight
        for series in spec.series {
            let lines = metrics.wrap(series.name, maxWidth: width - 14, size: Self.fontSize)
            let itemWidth = 14 + (lines.map { metrics.width(of: $0, size: Self.fontSize) }.max() ?? 0) + 14
            if x > left && x + itemWidth > left + width {
                x = left
                y += rowHeight + 3
                rowHeight = Self.lineHeight
            }
            places.append(LegendPlace(x: x, y: y, lines: lines))
            rowHeight = max(rowHeight, Double(lines.count) * Self.lineHeight)
            x += itemWidth
        }
        return (places, y - top + rowHeight + 6)
    }

    /// A legend entry's swatch position and its name's lines.
    private struct LegendPlace {
        let x: Double
        let y: Double
        let lines: [String]
    }

    private func writeLegend(_ spec: ChartSpec, _ places: [LegendPlace], to out: inout SVGWriter) {
        for (index, place) in places.enumerated() where index < spec.series.count {
            bar(x: place.x + 0.5, y: place.y + 0.5, width: 9, height: 9, series: index, spec: spec, to: &out)
            for (number, line) in place.lines.enumerated() {
                text(line, x: place.x + 14, y: place.y + 8.5 + Double(number) * Self.lineHeight, anchor: "start", to: &out)
            }
        }
    }

    // MARK: - Columns

    /// The drawing of a column chart; returns where its footer starts.
    private func columns(_ spec: ChartSpec, to out: inout SVGWriter) -> Double {
        let scale = AxisScale(maximum: spec.axisMaximum)
        let tickLabels = scale.ticks.map(format.number)
        let left = (tickLabels.map { metrics.width(of: $0, size: Self.fontSize) }.max() ?? 0) + 12
        let right = 8.0
        let plotWidth = Self.width - left - right
        let (legendPlaces, legendHeight) = legend(spec, left: left, top: 2, width: plotWidth)
        let groupWidth = plotWidth / Double(max(1, spec.categories.count))
        let categoryLines = spec.categories.map { metrics.wrap($0, maxWidth: groupWidth - 8, size: Self.fontSize) }
        let lineCount = Double(categoryLines.map(\.count).max() ?? 1)

        let top = legendHeight + Self.valueSize + 10
        let plotHeight = 100.0
        let plotEnd = top + plotHeight + 8 + lineCount * Self.lineHeight + 4
        let barWidth = min(60, groupWidth * 0.72 / Double(max(1, spec.series.count)))
        // The value label may use the bar's width and half of each gap beside it.
        let labelRoom = groupWidth * 0.9 / Double(max(1, spec.series.count))

        writeLegend(spec, legendPlaces, to: &out)
        for (tick, label) in zip(scale.ticks, tickLabels) {
            let y = top + plotHeight - plotHeight * scale.fraction(tick)
            line(x1: left, y1: y, x2: left + plotWidth, y2: y, colour: gridHex, width: 1, to: &out)
            text(label, x: left - 6, y: y + 4, anchor: "end", to: &out)
        }
        for (categoryIndex, lines) in categoryLines.enumerated() {
            let groupLeft = left + groupWidth * Double(categoryIndex)
            let barsWidth = barWidth * Double(spec.series.count)
            for (seriesIndex, series) in spec.series.enumerated() {
                let x = groupLeft + (groupWidth - barsWidth) / 2 + barWidth * Double(seriesIndex)
                let centre = x + barWidth / 2
                guard let value = series.values[categoryIndex] else {
                    text(
                        spec.missingLabel, x: centre, y: top + plotHeight - 6, anchor: "middle", muted: true,
                        size: fitted(spec.missingLabel, room: labelRoom, size: 10), to: &out)
                    continue
                }
                let barHeight = plotHeight * scale.fraction(value)
                bar(
                    x: x + 1, y: top + plotHeight - barHeight, width: barWidth - 2, height: barHeight, series: seriesIndex, spec: spec,
                    to: &out)
                let label = format.number(value)
                text(
                    label, x: centre, y: top + plotHeight - barHeight - 5, anchor: "middle", bold: true,
                    size: fitted(label, room: labelRoom, size: Self.valueSize, weight: .bold), to: &out)
            }
            multiline(lines, x: groupLeft + groupWidth / 2, y: top + plotHeight + 8 + 11, anchor: "middle", to: &out)
        }
        line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, colour: axisHex, width: 1.5, to: &out)
        return plotEnd
    }

    // MARK: - Rows

    /// One row per municipality: its name, its values in one column per series (under the
    /// series' swatch), then its bars. The values stand beside the name rather than at the bar
    /// ends, so two thin bars need no room for two lines of figures and the text prints at
    /// ``smallestSize`` while 38 municipalities still fit half a page. Returns where its footer starts.
    private func rows(_ spec: ChartSpec, to out: inout SVGWriter) -> Double {
        let scale = AxisScale(maximum: spec.axisMaximum)
        let size = Self.rowTextSize
        let categoryLines = spec.categories.map { metrics.wrap($0, maxWidth: Self.width * 0.4, size: size) }
        let labelRight = 4 + (categoryLines.flatMap { $0 }.map { metrics.width(of: $0, size: size) }.max() ?? 0)
        let cells = spec.series.map { $0.values.map { $0.map(format.number) ?? Self.missingMark } }
        let cellWidth = max(9, cells.flatMap { $0 }.map { metrics.width(of: $0, size: size) }.max() ?? 0)
        // The right edge of each series' value column.
        let valueRights = spec.series.indices.map { labelRight + Self.rowColumnGap + (cellWidth + 5) * Double($0) + cellWidth }
        let left = (valueRights.last ?? labelRight) + Self.rowColumnGap
        let lastTick = metrics.width(of: format.number(scale.top), size: Self.fontSize) / 2
        let plotWidth = Self.width - left - lastTick - 4
        let (legendPlaces, legendHeight) = legend(spec, left: 4, top: 2, width: Self.width - 8)
        // The swatch heading each value column, and on the same line what the missing mark means.
        let headerTop = legendHeight + 1
        let top = headerTop + 11
        let barHeight = Self.rowBarHeight
        let barsHeight = barHeight * Double(spec.series.count)

        var y = top
        var groups: [(lines: [String], top: Double, height: Double, index: Int)] = []
        for (index, lines) in categoryLines.enumerated() {
            let height = max(barsHeight, Double(lines.count) * Self.rowLineHeight) + Self.rowGap
            groups.append((lines, y, height, index))
            y += height
        }
        let plotBottom = y

        writeLegend(spec, legendPlaces, to: &out)
        for (index, right) in valueRights.enumerated() {
            bar(x: right - cellWidth / 2 - 4, y: headerTop, width: 8, height: 8, series: index, spec: spec, to: &out)
        }
        if spec.series.contains(where: { $0.values.contains(nil) }) {
            text(Self.missingMark + " " + spec.missingLabel, x: 4, y: headerTop + 7.5, anchor: "start", muted: true, size: size, to: &out)
        }
        for tick in scale.ticks {
            let x = left + plotWidth * scale.fraction(tick)
            line(x1: x, y1: top, x2: x, y2: plotBottom, colour: gridHex, width: 1, to: &out)
            text(format.number(tick), x: x, y: plotBottom + 15, anchor: "middle", to: &out)
        }
        // A baseline this far below a line's middle centres its digits (cap height 0.73 em).
        let centring = size * 0.36
        for group in groups {
            let middle = group.top + (group.height - Self.rowGap) / 2
            let textTop = middle - Double(group.lines.count - 1) * Self.rowLineHeight / 2 + centring
            multiline(group.lines, x: labelRight, y: textTop, anchor: "end", size: size, lineHeight: Self.rowLineHeight, to: &out)
            let barsTop = middle - barsHeight / 2
            for (seriesIndex, series) in spec.series.enumerated() {
                let value = series.values[group.index]
                text(
                    cells[seriesIndex][group.index], x: valueRights[seriesIndex], y: middle + centring, anchor: "end",
                    muted: value == nil, size: size, to: &out)
                guard let value else { continue }
                let barTop = barsTop + barHeight * Double(seriesIndex)
                bar(
                    x: left, y: barTop + 0.25, width: plotWidth * scale.fraction(value), height: barHeight - 0.5, series: seriesIndex,
                    spec: spec, to: &out)
            }
        }
        line(x1: left, y1: top, x2: left, y2: plotBottom, colour: axisHex, width: 1.5, to: &out)
        return plotBottom + 22
    }

    // MARK: - Footer

    /// The footer's paragraphs wrapped to the chart's width, each a list of lines.
    private func footerLines(_ spec: ChartSpec) -> [[String]] {
        spec.footer.map { paragraph in
            wrappedFooters.lines(of: paragraph) { metrics.wrap(paragraph, maxWidth: Self.width - 8, size: Self.smallestSize) }
        }
    }

    private func footerHeight(_ paragraphs: [[String]]) -> Double {
        paragraphs.isEmpty ? 0 : Double(paragraphs.map(\.count).reduce(0, +)) * Self.rowLineHeight + Double(paragraphs.count) * 3 + 6
    }

    /// The footer's lines from `top` down, left-aligned, a little room between paragraphs.
    private func writeFooter(_ paragraphs: [[String]], top: Double, to out: inout SVGWriter) {
        var y = top + 6 + Self.smallestSize
        for lines in paragraphs {
            multiline(lines, x: 4, y: y, anchor: "start", size: Self.smallestSize, lineHeight: Self.rowLineHeight, to: &out)
            y += Double(lines.count) * Self.rowLineHeight + 3
        }
    }

    // MARK: - Text and lines

    /// The largest size up to `size` at which `label` fits in `room` pixels (never below
    /// ``smallestSize``, the least that prints legibly).
    private func fitted(_ label: String, room: Double, size: Double, weight: FontMetrics.Weight = .regular) -> Double? {
        let width = metrics.width(of: label, size: size, weight: weight)
        guard width > room else { return nil }
        return max(Self.smallestSize, (size * room / width * 10).rounded(.down) / 10)
    }

    private func line(x1: Double, y1: Double, x2: Double, y2: Double, colour: String, width: Double, to out: inout SVGWriter) {
        out.start("line")
        out.attribute("x1", x1)
        out.attribute("y1", y1)
        out.attribute("x2", x2)
        out.attribute("y2", y2)
        out.attribute("stroke", colour)
        out.attribute("stroke-width", width)
        out.empty()
    }

    private func text(
        _ content: String, x: Double, y: Double, anchor: StaticString, bold: Bool = false, muted: Bool = false, size: Double? = nil,
        to out: inout SVGWriter
    ) {
        out.start("text")
        out.attribute("x", x)
        out.attribute("y", y)
        out.attribute("text-anchor", raw: anchor)
        out.attribute("fill", muted ? mutedHex : textHex)
        if bold { out.attribute("font-weight", raw: "bold") }
        if muted { out.attribute("font-style", raw: "italic") }
        if let size { out.attribute("font-size", size) }
        out.content(content, end: "text")
    }

    /// Lines of text, the first baseline at `y`.
    private func multiline(
        _ lines: [String], x: Double, y: Double, anchor: StaticString, size: Double? = nil, lineHeight: Double = lineHeight,
        to out: inout SVGWriter
    ) {
        if lines.count == 1 { return text(lines[0], x: x, y: y, anchor: anchor, size: size, to: &out) }
        out.start("text")
        out.attribute("text-anchor", raw: anchor)
        out.attribute("fill", textHex)
        if let size { out.attribute("font-size", size) }
        if lines.isEmpty { return out.empty() }
        out.open()
        for (index, line) in lines.enumerated() {
            out.start("tspan")
            out.attribute("x", x)
            out.attribute("y", y + Double(index) * lineHeight)
            out.content(line, end: "tspan")
        }
        out.end("text")
    }

    // MARK: - Table

    private func dataTable(_ spec: ChartSpec, to out: inout SVGWriter) {
        out.raw("<table class=\"chart-data\">\n<caption>")
        out.text(strings.format(.chartData, ["title": .text(spec.title)], in: format))
        out.raw("</caption>\n<thead><tr><th scope=\"col\">")
        out.text(spec.categoryHeader)
        out.raw("</th>")
        for series in spec.series {
            out.raw("<th scope=\"col\">")
            out.text(series.name)
            out.raw("</th>")
        }
        out.raw("</tr></thead>\n<tbody>\n")
        for (index, category) in spec.categories.enumerated() {
            out.raw("<tr><th scope=\"row\">")
            out.text(category)
            out.raw("</th>")
            for series in spec.series {
                out.raw("<td>")
                out.text(series.values[index].map(format.number) ?? spec.missingLabel)
                out.raw("</td>")
            }
            out.raw("</tr>\n")
        }
        out.raw("</tbody>\n</table>\n")
    }
}

/// Lines of wrapped paragraphs, kept for the paragraphs met again; safe to use from several threads.
private final class WrappedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String: [String]] = [:]
    /// A bound on what is kept: footers are a handful of paragraphs per language.
    private static let capacity = 1_024

    func lines(of paragraph: String, wrap: () -> [String]) -> [String] {
        if let kept = lock.withLock({ lines[paragraph] }) { return kept }
        let wrapped = wrap()
        lock.withLock { if lines.count < Self.capacity { lines[paragraph] = wrapped } }
        return wrapped
    }
}
