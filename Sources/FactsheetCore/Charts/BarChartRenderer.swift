/// Draws a ``ChartSpec`` as an accessible SVG bar chart inside a `<figure>` with its data table.
public struct BarChartRenderer: Sendable {
    /// Okabe–Ito blue and vermillion: colour-blind safe, each above 3:1 against white.
    public static let palette = ["#0072B2", "#D55E00"]
    static let textColour = "#1a1a1a"
    static let gridColour = "#d0d0d0"
    static let axisColour = "#4d4d4d"
    static let fontSize = 12.0
    /// Average advance of a character at 12 px in DejaVu Sans, used to reserve room for labels.
    static let characterWidth = 7.0

    public let format: LanguageFormat
    public let strings: PageStrings

    public init(format: LanguageFormat) {
        self.format = format
        self.strings = PageStrings.for(format.language)
    }

    /// The chart as an HTML `<figure>`: the SVG, its notes and a data table for screen readers.
    public func figure(_ spec: ChartSpec) -> String {
        var html = "<figure class=\"chart chart-\(spec.layout == .columns ? "columns" : "rows")\" id=\"chart-\(spec.id)\">\n"
        html += svg(spec).xml + "\n"
        for note in spec.notes {
            html += "<p class=\"chart-note\">\(Escaping.html(note))</p>\n"
        }
        html += dataTable(spec)
        html += "</figure>\n"
        return html
    }

    // MARK: - SVG

    /// The chart alone, as an SVG element tree.
    public func svg(_ spec: ChartSpec) -> SVGElement {
        switch spec.layout {
        case .columns: columns(spec)
        case .rows: rows(spec)
        }
    }

    private func frame(_ spec: ChartSpec, width: Double, height: Double, content: [SVGElement]) -> SVGElement {
        let base = "chart-\(spec.id)"
        var children = [
            SVGElement("title", ["id": "\(base)-title"], text: spec.title),
            SVGElement("desc", ["id": "\(base)-desc"], text: spec.summary),
        ]
        if spec.series.count > 1 {
            children.append(
                SVGElement(
                    "defs",
                    children: [
                        SVGElement(
                            "pattern",
                            ["id": "\(base)-hatch", "width": "6", "height": "6", "patternUnits": "userSpaceOnUse", "patternTransform": "rotate(45)"],
                            children: [
                                SVGElement("rect", ["width": "6", "height": "6", "fill": Self.palette[1]]),
                                SVGElement("rect", ["width": "2", "height": "6", "fill": "#ffffff", "fill-opacity": "0.55"]),
                            ])
                    ]))
        }
        children += content
        return SVGElement(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(SVGNumber.format(width)) \(SVGNumber.format(height))",
                "width": SVGNumber.format(width), "height": SVGNumber.format(height), "role": "img",
                "aria-labelledby": "\(base)-title \(base)-desc", "font-family": "DejaVu Sans, Noto Sans, Arial, sans-serif",
                "font-size": SVGNumber.format(Self.fontSize),
            ],
            children: children)
    }

    private func fill(series index: Int, spec: ChartSpec) -> String {
        index == 0 ? Self.palette[0] : "url(#chart-\(spec.id)-hatch)"
    }

    /// A legend in one or more lines starting at `top`; returns the elements and the height used.
    private func legend(_ spec: ChartSpec, left: Double, top: Double, width: Double) -> ([SVGElement], Double) {
        guard spec.series.count > 1 else { return ([], 0) }
        var elements: [SVGElement] = []
        var x = left
        var y = top
        for (index, series) in spec.series.enumerated() {
            let itemWidth = 18 + Double(series.name.count) * Self.characterWidth + 16
            if x > left && x + itemWidth > left + width {
                x = left
                y += 20
            }
            elements.append(
                SVGElement(
                    "rect",
                    ["x": SVGNumber.format(x), "y": SVGNumber.format(y), "width": "12", "height": "12", "fill": fill(series: index, spec: spec),
                     "stroke": Self.axisColour, "stroke-width": "0.5"]))
            elements.append(
                SVGElement("text", ["x": SVGNumber.format(x + 18), "y": SVGNumber.format(y + 10.5), "fill": Self.textColour], text: series.name))
            x += itemWidth
        }
        return (elements, y - top + 24)
    }

    private func columns(_ spec: ChartSpec) -> SVGElement {
        let width = 560.0
        let left = 44.0, right = 12.0
        let (legendItems, legendHeight) = legend(spec, left: left, top: 4, width: width - left - right)
        let top = 8 + legendHeight + 16
        let plotHeight = 180.0
        let bottom = 34.0
        let height = top + plotHeight + bottom
        let plotWidth = width - left - right
        let scale = AxisScale(maximum: spec.maximum)
        var content = legendItems
        content += horizontalGrid(scale: scale, left: left, width: plotWidth, top: top, height: plotHeight)

        let groupWidth = plotWidth / Double(max(1, spec.categories.count))
        let barWidth = min(56, groupWidth * 0.7 / Double(max(1, spec.series.count)))
        for (categoryIndex, category) in spec.categories.enumerated() {
            let groupLeft = left + groupWidth * Double(categoryIndex)
            let barsWidth = barWidth * Double(spec.series.count)
            for (seriesIndex, series) in spec.series.enumerated() {
                let x = groupLeft + (groupWidth - barsWidth) / 2 + barWidth * Double(seriesIndex)
                let centre = x + barWidth / 2
                guard let value = series.values[categoryIndex] else {
                    content.append(label(spec.missingLabel, x: centre, y: top + plotHeight - 6, anchor: "middle", muted: true))
                    continue
                }
                let barHeight = plotHeight * scale.fraction(value)
                content.append(
                    SVGElement(
                        "rect",
                        ["x": SVGNumber.format(x + 1), "y": SVGNumber.format(top + plotHeight - barHeight), "width": SVGNumber.format(barWidth - 2),
                         "height": SVGNumber.format(barHeight), "fill": fill(series: seriesIndex, spec: spec)]))
                content.append(label(format.number(value), x: centre, y: top + plotHeight - barHeight - 5, anchor: "middle", bold: true))
            }
            content.append(label(category, x: groupLeft + groupWidth / 2, y: top + plotHeight + 20, anchor: "middle"))
        }
        content.append(baseline(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight))
        return frame(spec, width: width, height: height, content: content)
    }

    private func rows(_ spec: ChartSpec) -> SVGElement {
        let width = 560.0
        let longest = spec.categories.map(\.count).max() ?? 0
        let labelWidth = min(230, Double(longest) * Self.characterWidth * 0.95 + 10)
        let left = labelWidth + 8, right = 40.0
        let (legendItems, legendHeight) = legend(spec, left: 8, top: 4, width: width - 16)
        let top = 8 + legendHeight
        let barHeight = 11.0
        let groupHeight = barHeight * Double(spec.series.count) + 7
        let plotHeight = groupHeight * Double(spec.categories.count)
        let height = top + plotHeight + 26
        let plotWidth = width - left - right
        let scale = AxisScale(maximum: spec.maximum)
        var content = legendItems
        for tick in scale.ticks {
            let x = left + plotWidth * scale.fraction(tick)
            content.append(
                SVGElement(
                    "line",
                    ["x1": SVGNumber.format(x), "y1": SVGNumber.format(top), "x2": SVGNumber.format(x), "y2": SVGNumber.format(top + plotHeight),
                     "stroke": Self.gridColour, "stroke-width": "1"]))
            content.append(label(format.number(tick), x: x, y: top + plotHeight + 16, anchor: "middle"))
        }
        for (categoryIndex, category) in spec.categories.enumerated() {
            let groupTop = top + groupHeight * Double(categoryIndex) + 3.5
            content.append(
                label(category, x: labelWidth, y: groupTop + barHeight * Double(spec.series.count) / 2 + 4, anchor: "end"))
            for (seriesIndex, series) in spec.series.enumerated() {
                let y = groupTop + barHeight * Double(seriesIndex)
                guard let value = series.values[categoryIndex] else {
                    content.append(label(spec.missingLabel, x: left + 4, y: y + barHeight - 2, anchor: "start", muted: true, size: 10))
                    continue
                }
                let length = plotWidth * scale.fraction(value)
                content.append(
                    SVGElement(
                        "rect",
                        ["x": SVGNumber.format(left), "y": SVGNumber.format(y + 0.5), "width": SVGNumber.format(length),
                         "height": SVGNumber.format(barHeight - 1), "fill": fill(series: seriesIndex, spec: spec)]))
                content.append(label(format.number(value), x: left + length + 4, y: y + barHeight - 2, anchor: "start", size: 10))
            }
        }
        content.append(baseline(x1: left, y1: top, x2: left, y2: top + plotHeight))
        return frame(spec, width: width, height: height, content: content)
    }

    private func horizontalGrid(scale: AxisScale, left: Double, width: Double, top: Double, height: Double) -> [SVGElement] {
        scale.ticks.flatMap { tick -> [SVGElement] in
            let y = top + height - height * scale.fraction(tick)
            return [
                SVGElement(
                    "line",
                    ["x1": SVGNumber.format(left), "y1": SVGNumber.format(y), "x2": SVGNumber.format(left + width), "y2": SVGNumber.format(y),
                     "stroke": Self.gridColour, "stroke-width": "1"]),
                label(format.number(tick), x: left - 6, y: y + 4, anchor: "end"),
            ]
        }
    }

    private func baseline(x1: Double, y1: Double, x2: Double, y2: Double) -> SVGElement {
        SVGElement(
            "line",
            ["x1": SVGNumber.format(x1), "y1": SVGNumber.format(y1), "x2": SVGNumber.format(x2), "y2": SVGNumber.format(y2),
             "stroke": Self.axisColour, "stroke-width": "1.5"])
    }

    private func label(_ text: String, x: Double, y: Double, anchor: String, bold: Bool = false, muted: Bool = false, size: Double? = nil) -> SVGElement {
        var element = SVGElement(
            "text", ["x": SVGNumber.format(x), "y": SVGNumber.format(y), "text-anchor": anchor, "fill": muted ? "#595959" : Self.textColour],
            text: text)
        if bold { element = element.with("font-weight", "bold") }
        if muted { element = element.with("font-style", "italic") }
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
