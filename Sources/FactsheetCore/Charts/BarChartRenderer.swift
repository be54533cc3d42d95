/// Draws a ``ChartSpec`` as an accessible SVG bar chart inside a `<figure>` with its data table.
///
/// Every label is measured with ``FontMetrics`` and given room: long category names wrap,
/// value labels sit outside their bars in space reserved for them, so nothing overlaps or is
/// clipped. The first series is solid, later ones hatched and outlined, so series stay apart
/// in grayscale print and without colour.
public struct BarChartRenderer: Sendable {
    /// Width of every chart in SVG units: half an A4 page's text width when printed (about
    /// 90 mm), so two charts stand side by side; on screen it scales with its column.
    public static let width = 340.0
    static let fontSize = 10.0
    static let valueSize = 9.5
    static let lineHeight = 12.0
    /// Bar thickness in row charts; a municipality with two periods takes 2 × 5.5 + 3 units.
    static let rowBarHeight = 5.5
    static let rowValueSize = 7.0
    static let rowLabelSize = 8.5
    static let rowLineHeight = 10.0
    public static let fontFamily = "DejaVu Sans, Noto Sans, Arial, sans-serif"

    public let format: LanguageFormat
    public let strings: PageStrings
    public let theme: ChartTheme
    let metrics = FontMetrics.dejaVuSans
    /// The theme's colours written once, not per element.
    private let textHex: String
    private let mutedHex: String

    public init(format: LanguageFormat, theme: ChartTheme = .standard) {
        self.format = format
        self.strings = PageStrings.for(format.language)
        self.theme = theme
        self.textHex = theme.text.description
        self.mutedHex = theme.mutedText.description
    }

    /// The chart as an HTML `<figure>`: its heading (when the template's heading is moved in,
    /// at `headingLevel`), the SVG, its notes and a data table for screen readers.
    public func figure(_ spec: ChartSpec, headingLevel: Int? = nil) -> String {
        var html = "<figure class=\"chart chart-\(spec.layout == .columns ? "columns" : "rows")\" id=\"chart-\(spec.id)\">\n"
        if let level = headingLevel.map({ min(6, max(1, $0)) }) {
            html += "<h\(level) class=\"chart-title\">\(Escaping.html(spec.title))</h\(level)>\n"
        }
        html += svg(spec).xml + "\n"
        for note in spec.notes {
            html += "<p class=\"chart-note\">\(Escaping.html(note))</p>\n"
        }
        html += dataTable(spec)
        html += "</figure>\n"
        return html
    }

    /// The chart alone, as an SVG element tree.
    public func svg(_ spec: ChartSpec) -> SVGElement {
        switch spec.layout {
        case .columns: columns(spec)
        case .rows: rows(spec)
        }
    }

    // MARK: - Frame, legend, fills

    private func frame(_ spec: ChartSpec, height: Double, content: [SVGElement]) -> SVGElement {
        let base = "chart-\(spec.id)"
        var children = [
            SVGElement("title", ["id": "\(base)-title"], text: spec.title),
            SVGElement("desc", ["id": "\(base)-desc"], text: spec.summary),
        ]
        let patterns = spec.series.indices.dropFirst().map { index -> SVGElement in
            let colour = theme.colour(forSeries: index).description
            return SVGElement(
                "pattern",
                ["id": "\(base)-pattern-\(index)", "width": "6", "height": "6", "patternUnits": "userSpaceOnUse",
                 "patternTransform": index % 2 == 1 ? "rotate(45)" : "rotate(-45)"],
                children: [
                    SVGElement("rect", ["width": "6", "height": "6", "fill": colour]),
                    SVGElement("rect", ["width": "2.5", "height": "6", "fill": theme.background.description, "fill-opacity": "0.6"]),
                ])
        }
        if !patterns.isEmpty { children.append(SVGElement("defs", children: patterns)) }
        children += content
        return SVGElement(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(SVGNumber.format(Self.width)) \(SVGNumber.format(height))",
                "width": SVGNumber.format(Self.width), "height": SVGNumber.format(height), "role": "img",
                "aria-labelledby": "\(base)-title \(base)-desc", "font-family": Self.fontFamily,
                "font-size": SVGNumber.format(Self.fontSize),
            ],
            children: children)
    }

    /// A bar: solid for the first series; hatched with a solid outline (3:1 edge) for the others.
    private func bar(x: Double, y: Double, width: Double, height: Double, series index: Int, spec: ChartSpec) -> SVGElement {
        var element = SVGElement(
            "rect",
            ["x": SVGNumber.format(x), "y": SVGNumber.format(y), "width": SVGNumber.format(max(0, width)),
             "height": SVGNumber.format(max(0, height))])
        if index == 0 {
            element = element.with("fill", theme.colour(forSeries: 0).description)
        } else {
            element = element.with("fill", "url(#chart-\(spec.id)-pattern-\(index))")
                .with("stroke", theme.colour(forSeries: index).description).with("stroke-width", "1")
        }
        return element
    }

    /// A legend wrapped to `width`, starting at (`left`, `top`); returns the elements and the height used.
    private func legend(_ spec: ChartSpec, left: Double, top: Double, width: Double) -> ([SVGElement], Double) {
        guard spec.series.count > 1 else { return ([], 0) }
        var elements: [SVGElement] = []
        var x = left
        var y = top
        for (index, series) in spec.series.enumerated() {
            let itemWidth = 14 + metrics.width(of: series.name, size: Self.fontSize) + 14
            if x > left && x + itemWidth > left + width {
                x = left
                y += Self.lineHeight + 3
            }
            elements.append(bar(x: x + 0.5, y: y + 0.5, width: 9, height: 9, series: index, spec: spec))
            elements.append(text(series.name, x: x + 14, y: y + 8.5, anchor: "start"))
            x += itemWidth
        }
        return (elements, y - top + Self.lineHeight + 6)
    }

    // MARK: - Columns

    private func columns(_ spec: ChartSpec) -> SVGElement {
        let scale = AxisScale(maximum: spec.maximum)
        let tickLabels = scale.ticks.map(format.number)
        let left = (tickLabels.map { metrics.width(of: $0, size: Self.fontSize) }.max() ?? 0) + 12
        let right = 8.0
        let plotWidth = Self.width - left - right
        let (legendItems, legendHeight) = legend(spec, left: left, top: 2, width: plotWidth)
        let groupWidth = plotWidth / Double(max(1, spec.categories.count))
        let categoryLines = spec.categories.map { metrics.wrap($0, maxWidth: groupWidth - 8, size: Self.fontSize) }
        let lineCount = Double(categoryLines.map(\.count).max() ?? 1)

        let top = legendHeight + Self.valueSize + 10
        let plotHeight = 100.0
        let height = top + plotHeight + 8 + lineCount * Self.lineHeight + 4
        let barWidth = min(60, groupWidth * 0.72 / Double(max(1, spec.series.count)))
        // The value label may use the bar's width and half of each gap beside it.
        let labelRoom = groupWidth * 0.9 / Double(max(1, spec.series.count))

        var content = legendItems
        for (tick, label) in zip(scale.ticks, tickLabels) {
            let y = top + plotHeight - plotHeight * scale.fraction(tick)
            content.append(line(x1: left, y1: y, x2: left + plotWidth, y2: y, colour: theme.grid, width: 1))
            content.append(text(label, x: left - 6, y: y + 4, anchor: "end"))
        }
        for (categoryIndex, lines) in categoryLines.enumerated() {
            let groupLeft = left + groupWidth * Double(categoryIndex)
            let barsWidth = barWidth * Double(spec.series.count)
            for (seriesIndex, series) in spec.series.enumerated() {
                let x = groupLeft + (groupWidth - barsWidth) / 2 + barWidth * Double(seriesIndex)
                let centre = x + barWidth / 2
                guard let value = series.values[categoryIndex] else {
                    content.append(text(spec.missingLabel, x: centre, y: top + plotHeight - 6, anchor: "middle", muted: true, size: fitted(spec.missingLabel, room: labelRoom, size: 10)))
                    continue
                }
                let barHeight = plotHeight * scale.fraction(value)
                content.append(bar(x: x + 1, y: top + plotHeight - barHeight, width: barWidth - 2, height: barHeight, series: seriesIndex, spec: spec))
                let label = format.number(value)
                content.append(
                    text(label, x: centre, y: top + plotHeight - barHeight - 5, anchor: "middle", bold: true,
                         size: fitted(label, room: labelRoom, size: Self.valueSize, weight: .bold)))
            }
            content.append(multiline(lines, x: groupLeft + groupWidth / 2, y: top + plotHeight + 8 + 11, anchor: "middle"))
        }
        content.append(line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, colour: theme.axis, width: 1.5))
        return frame(spec, height: height, content: content)
    }

    // MARK: - Rows

    private func rows(_ spec: ChartSpec) -> SVGElement {
        let scale = AxisScale(maximum: spec.maximum)
        let labelCap = Self.width * 0.4
        let categoryLines = spec.categories.map { metrics.wrap($0, maxWidth: labelCap, size: Self.rowLabelSize) }
        let labelWidth = categoryLines.flatMap { $0 }.map { metrics.width(of: $0, size: Self.rowLabelSize) }.max() ?? 0
        let valueLabels = spec.series.flatMap { $0.values.compactMap { $0 } }.map(format.number)
        let widestValue = valueLabels.map { metrics.width(of: $0, size: Self.rowValueSize) }.max() ?? 0
        let left = 4 + labelWidth + 8
        let lastTick = metrics.width(of: format.number(scale.top), size: Self.fontSize) / 2
        let right = max(widestValue + 8, lastTick + 4)
        let plotWidth = Self.width - left - right
        let (legendItems, legendHeight) = legend(spec, left: 4, top: 2, width: Self.width - 8)
        let top = legendHeight + 4
        let barHeight = Self.rowBarHeight
        let barsHeight = barHeight * Double(spec.series.count)

        var content = legendItems
        var y = top
        var groups: [(lines: [String], top: Double, height: Double, index: Int)] = []
        for (index, lines) in categoryLines.enumerated() {
            let height = max(barsHeight, Double(lines.count) * Self.rowLineHeight) + 3
            groups.append((lines, y, height, index))
            y += height
        }
        let plotBottom = y
        for tick in scale.ticks {
            let x = left + plotWidth * scale.fraction(tick)
            content.append(line(x1: x, y1: top, x2: x, y2: plotBottom, colour: theme.grid, width: 1))
            content.append(text(format.number(tick), x: x, y: plotBottom + 15, anchor: "middle"))
        }
        for group in groups {
            let barsTop = group.top + (group.height - barsHeight) / 2
            let textTop = group.top + (group.height - Double(group.lines.count) * Self.rowLineHeight) / 2 + Self.rowLabelSize * 0.8
            content.append(multiline(group.lines, x: 4 + labelWidth, y: textTop, anchor: "end", size: Self.rowLabelSize, lineHeight: Self.rowLineHeight))
            for (seriesIndex, series) in spec.series.enumerated() {
                let barTop = barsTop + barHeight * Double(seriesIndex)
                guard let value = series.values[group.index] else {
                    content.append(text(spec.missingLabel, x: left + 3, y: barTop + barHeight - 0.5, anchor: "start", muted: true, size: 7))
                    continue
                }
                let length = plotWidth * scale.fraction(value)
                content.append(bar(x: left, y: barTop + 0.25, width: length, height: barHeight - 0.5, series: seriesIndex, spec: spec))
                content.append(text(format.number(value), x: left + length + 3, y: barTop + barHeight - 0.5, anchor: "start", size: Self.rowValueSize))
            }
        }
        content.append(line(x1: left, y1: top, x2: left, y2: plotBottom, colour: theme.axis, width: 1.5))
        return frame(spec, height: plotBottom + 22, content: content)
    }

    // MARK: - Text and lines

    /// The largest size up to `size` at which `label` fits in `room` pixels (never below 8).
    private func fitted(_ label: String, room: Double, size: Double, weight: FontMetrics.Weight = .regular) -> Double? {
        let width = metrics.width(of: label, size: size, weight: weight)
        guard width > room else { return nil }
        return max(8, (size * room / width * 10).rounded(.down) / 10)
    }

    private func line(x1: Double, y1: Double, x2: Double, y2: Double, colour: RGBColour, width: Double) -> SVGElement {
        SVGElement(
            "line",
            ["x1": SVGNumber.format(x1), "y1": SVGNumber.format(y1), "x2": SVGNumber.format(x2), "y2": SVGNumber.format(y2),
             "stroke": colour.description, "stroke-width": SVGNumber.format(width)])
    }

    private func text(_ content: String, x: Double, y: Double, anchor: String, bold: Bool = false, muted: Bool = false, size: Double? = nil) -> SVGElement {
        var attributes = [
            SVGElement.Attribute("x", SVGNumber.format(x)), SVGElement.Attribute("y", SVGNumber.format(y)),
            SVGElement.Attribute("text-anchor", anchor), SVGElement.Attribute("fill", muted ? mutedHex : textHex),
        ]
        if bold { attributes.append(SVGElement.Attribute("font-weight", "bold")) }
        if muted { attributes.append(SVGElement.Attribute("font-style", "italic")) }
        if let size { attributes.append(SVGElement.Attribute("font-size", SVGNumber.format(size))) }
        return SVGElement("text", attributes: attributes, text: content)
    }

    /// Lines of text, the first baseline at `y`.
    private func multiline(_ lines: [String], x: Double, y: Double, anchor: String, size: Double? = nil, lineHeight: Double = lineHeight) -> SVGElement {
        if lines.count == 1 { return text(lines[0], x: x, y: y, anchor: anchor, size: size) }
        let spans = lines.enumerated().map { index, line in
            SVGElement("tspan", ["x": SVGNumber.format(x), "y": SVGNumber.format(y + Double(index) * lineHeight)], text: line)
        }
        var element = SVGElement("text", ["text-anchor": anchor, "fill": theme.text.description], children: spans)
        if let size { element = element.with("font-size", SVGNumber.format(size)) }
        return element
    }

    // MARK: - Table

    private func dataTable(_ spec: ChartSpec) -> String {
        var html = "<table class=\"chart-data\">\n<caption>\(Escaping.html(strings.chartDataCaption(spec.title)))</caption>\n"
        html += "<thead><tr><th scope=\"col\">\(Escaping.html(spec.categoryHeader))</th>"
        for series in spec.series {
            html += "<th scope=\"col\">\(Escaping.html(series.name))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for (index, category) in spec.categories.enumerated() {
            html += "<tr><th scope=\"row\">\(Escaping.html(category))</th>"
            for series in spec.series {
                let text = series.values[index].map(format.number) ?? spec.missingLabel
                html += "<td>\(Escaping.html(text))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        return html
    }
}
