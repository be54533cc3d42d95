import FactsheetSupport
import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct ChartTests {
    @Test(arguments: [
        // maximum → ticks, worked out by hand: max/5 rounded up to 1, 2 or 5 × 10ⁿ, then up to a multiple.
        (0, [0, 1]),  // all zeros: an axis to 1, never a division by zero
        (1, [0, 1]),  // 1/5 = 0.2 → step 1 (counts are whole)
        (7, [0, 2, 4, 6, 8]),  // 1.4 → 2
        (10, [0, 2, 4, 6, 8, 10]),  // 2 → 2
        (38, [0, 10, 20, 30, 40]),  // 7.6 → 10
        (1234, [0, 500, 1000, 1500]),  // 246.8 → 500
        (25, [0, 5, 10, 15, 20, 25]),  // 5 → 5
    ])
    func niceTicks(maximum: Int, expected: [Int]) {
        #expect(AxisScale(maximum: maximum).ticks == expected)
    }

    @Test func tickLabelsFollowTheLanguage() async {
        #expect(Fixtures.en.number(12345) == "12,345")
        #expect(Fixtures.sq.number(12345) == "12\u{00A0}345")
        // Albanian does not group four-digit numbers (CLDR minimum grouping digits = 2).
        #expect(Fixtures.sq.number(1234) == "1234")
    }

    /// Numbers below 1,000 come from a table made once; it must agree with ICU's formatting.
    @Test(arguments: Fixtures.shippedLanguages) func smallNumbersAgreeWithTheLocale(key: String) {
        let format = Fixtures.format(key)
        let style = IntegerFormatStyle<Int>(locale: Locale(identifier: format.tag))
        let mismatches = (0..<1001).filter { format.number($0) != $0.formatted(style) }
        #expect(mismatches.isEmpty)
    }

    @Test func fontMetricsMeasureAlbanianAndSerbianLetters() async {
        let metrics = FontMetrics.dejaVuSans
        // DejaVu Sans: "e" advances 1260 units of 2048; "ë" the same glyph width; at 20.48 px one unit = 0.01 px.
        #expect(abs(metrics.width(of: "e", size: 20.48) - 12.60) < 0.001)
        #expect(metrics.width(of: "ë", size: 12) == metrics.width(of: "e", size: 12))
        for letter in ["ç", "č", "ć", "š", "ž", "đ", "Đ", "ş"] {
            let width = metrics.width(of: letter, size: 12)
            #expect(width > 3 && width < 12, "\(letter) is in the table")
        }
        // A decomposed ë (e + U+0308) measures like the composed one.
        #expect(metrics.width(of: "e\u{0308}", size: 12) == metrics.width(of: "ë", size: 12))
    }

    @Test func longNamesWrapAtSlashesAndSpaces() async {
        let metrics = FontMetrics.dejaVuSans
        let name = "Mitrovica/Mitrovicë Veri"
        let lines = metrics.wrap(name, maxWidth: 100, size: 12)
        #expect(lines == ["Mitrovica/", "Mitrovicë Veri"])
        #expect(lines.allSatisfy { metrics.width(of: $0, size: 12) <= 100 })
        #expect(metrics.wrap("Prizren", maxWidth: 100, size: 12) == ["Prizren"])
    }

    func rowsSpec(_ names: [String], values: [Int?]) -> ChartSpec {
        ChartSpec(
            id: "meetings_held", layout: .rows, title: "Meetings", summary: "Summary", categoryHeader: "Municipality",
            categories: names,
            series: [
                .init(name: "January–December 2016", values: values), .init(name: "January–September 2017", values: values.reversed()),
            ],
            missingLabel: "no MCSC")
    }

    /// Numbers from an SVG attribute list, for geometry checks.
    func attribute(_ name: String, in element: String) -> Double? {
        let tag = " " + element.prefix { $0 != ">" }
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        return Double(tag[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func everyLabelOfA38RowChartFitsInsideTheChart() async throws {
        // The shipped names, and one long enough to wrap (no shipped name does).
        let register = ShippedRegister.names + ["Mitrovica/Mitrovicë Veri e Bashkuar me Zubin Potokun dhe Zveçanin"]
        #expect(register.count == 39)
        let values: [Int?] = register.indices.map { $0 % 7 == 0 ? nil : ($0 * 37) % 1300 }
        let renderer = BarChartRenderer(format: Fixtures.en)
        let svg = renderer.svg(rowsSpec(register, values: values))
        let metrics = FontMetrics.dejaVuSans
        let texts = svg.components(separatedBy: "<text ").dropFirst()
        var checked = 0
        for element in texts where !element.hasPrefix("text-anchor") {
            guard let x = attribute("x", in: element), let anchor = element.range(of: "text-anchor=\"")
            else { continue }
            let anchorValue = element[anchor.upperBound...].prefix { $0 != "\"" }
            let content = String(element.split(separator: ">", maxSplits: 1)[1].prefix { $0 != "<" })
            let size = attribute("font-size", in: element) ?? 12
            let width = metrics.width(of: content.replacingOccurrences(of: "&amp;", with: "&"), size: size)
            let (start, end) =
                anchorValue == "end" ? (x - width, x) : anchorValue == "middle" ? (x - width / 2, x + width / 2) : (x, x + width)
            #expect(start >= 0 && end <= BarChartRenderer.width, "'\(content)' spans \(start)…\(end)")
            checked += 1
        }
        #expect(checked > 38 * 2)
        // Wrapped names are written as tspans (right-aligned row labels) and measured the same way.
        let spans = svg.components(separatedBy: "<tspan ").dropFirst()
        #expect(spans.count >= 2)
        for span in spans {
            let x = try #require(attribute("x", in: span))
            let content = String(span.split(separator: ">", maxSplits: 1)[1].prefix { $0 != "<" })
            #expect(x - metrics.width(of: content, size: BarChartRenderer.rowTextSize) >= 0, "'\(content)'")
        }
    }

    /// A series name wider than the chart (the Serbian municipal meetings chart's second series)
    /// wraps under its swatch instead of running off the right edge, and the plot moves down for it.
    @Test func aLegendNameWiderThanTheChartWraps() async throws {
        let long = "Sastanci na kojima se raspravljalo o bezbednosti ili zabrinutostima zajednica"
        let spec = ChartSpec(
            id: "meetings", layout: .columns, title: "Sastanci OSBZ", summary: "", categoryHeader: "Period",
            categories: ["Januar–decembar 2016", "Januar–septembar 2017"],
            series: [.init(name: "Sastanci", values: [5, 6]), .init(name: long, values: [5, 6])], missingLabel: "bez OSBZ")
        let metrics = FontMetrics.dejaVuSans
        #expect(metrics.width(of: long, size: 9.5) > BarChartRenderer.width)
        let svg = BarChartRenderer(format: Fixtures.format("sr")).svg(spec)
        var legendLines: [(y: Double, text: String)] = []
        for element in svg.components(separatedBy: "<text ").dropFirst() where element.contains("text-anchor=\"start\"") {
            let content = String(element.split(separator: ">", maxSplits: 1)[1].prefix { $0 != "<" })
            let x = try #require(attribute("x", in: element))
            let size = attribute("font-size", in: element) ?? 9.5
            #expect(x + metrics.width(of: content, size: size) <= BarChartRenderer.width, "'\(content)'")
            legendLines.append((try #require(attribute("y", in: element)), content))
        }
        // "Sastanci", then the long name in two lines one line-height apart, joined back to the name.
        #expect(legendLines.count == 3)
        #expect(legendLines.dropFirst().map(\.text).joined(separator: " ") == long)
        #expect(legendLines[2].y > legendLines[1].y)
    }

    @Test func printedSizeOfChartTextWorkedOutByHand() {
        // (210 mm − 2 × 12 mm margins − 7 mm gap) / 2 = 89.5 mm per column.
        #expect(PrintGeometry.columnWidth == 89.5)
        // 9.5 units of 340 across 89.5 mm: 9.5 × 89.5 / 340 = 2.5007 mm; ÷ 0.35278 mm/pt = 7.089 pt.
        #expect(abs(PrintGeometry.points(ofChartText: 9.5) - 7.089) < 0.001)
        // The old row labels (8.5 units) and values (7 units) printed at 6.3 and 5.2 pt: the check must catch them.
        #expect(PrintGeometry.points(ofChartText: 8.5) < PrintGeometry.smallestChartText)
        #expect(abs(PrintGeometry.points(ofChartText: 7) - 5.22) < 0.01)
    }

    /// An attribute of an element in the SVG namespace, by its local name.
    func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
    }

    /// Every text of every chart on every sheet of the shipped edition, at its own or inherited
    /// size, scaled from the chart's width to the printed column: none below 7 pt.
    @Test func noChartTextPrintsBelowSevenPoints() async throws {
        let result = try await FactsheetBuilder().build(
            edition: Fixtures.edition("input", repository: true), templates: Fixtures.templates(repository: true))
        var texts = 0
        var rowCharts = 0
        var smallest = Double.infinity
        for file in result.files where file.path.hasSuffix(".html") || file.path.hasSuffix(".svg") {
            for part in file.contents.components(separatedBy: "<svg ").dropFirst() {
                let svg = "<svg " + part.components(separatedBy: "</svg>")[0] + "</svg>"
                let root = try #require(try XMLDocument(xmlString: svg).rootElement())
                let viewBox = try #require(attribute("viewBox", of: root), "\(file.path)").split(separator: " ").compactMap { Double($0) }
                let chartWidth = try #require(viewBox.count == 4 ? viewBox[2] : nil)
                // A row chart writes a name and two values for each of its 34 to 38 municipalities.
                if svg.components(separatedBy: "<text").count > 3 * 34 { rowCharts += 1 }
                for case let element as XMLElement in try root.nodes(forXPath: "//*[local-name()='text' or local-name()='tspan']") {
                    var node: XMLNode? = element
                    var size: Double?
                    while let current = node as? XMLElement, size == nil {
                        size = attribute("font-size", of: current).flatMap(Double.init)
                        node = current.parent
                    }
                    let points = PrintGeometry.points(ofChartText: try #require(size), chartWidth: chartWidth)
                    smallest = min(smallest, points)
                    let content = element.stringValue ?? ""
                    #expect(points >= PrintGeometry.smallestChartText, "\(file.path): '\(content)' prints at \(points) pt")
                    texts += 1
                }
            }
        }
        // 3 languages × (7 national charts + 2 per municipal sheet), standalone charts included.
        #expect(texts > 3 * 38 * 2 * 5)
        // Two row charts per language, on the national sheet and as standalone files.
        #expect(rowCharts == 3 * 2 * 2)
        #expect(smallest >= 7 && smallest < 7.5)
    }

    @Test func aChartWithOneMunicipality() async throws {
        let svg = BarChartRenderer(format: Fixtures.sq).svg(rowsSpec(["Junik"], values: [3]))
        #expect(throws: Never.self) { try XMLDocument(xmlString: svg) }
        #expect(svg.contains(">Junik</text>"))
    }

    @Test func textInSVGIsEscaped() async throws {
        let hostile = "</text><script>alert(1)</script> & \"quoted\" 'single'"
        var spec = rowsSpec([hostile], values: [1])
        spec.title = hostile
        spec.summary = hostile
        let figure = BarChartRenderer(format: Fixtures.en).figure(spec)
        #expect(!figure.contains("<script>"))
        #expect(figure.contains("&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;"))
        let svg = BarChartRenderer(format: Fixtures.en).svg(spec)
        let document = try XMLDocument(xmlString: svg)
        let title = try #require(try document.nodes(forXPath: "//*[local-name()='title']").first)
        #expect(title.stringValue == hostile)
    }

    @Test func standardPaletteMeetsContrastAndColourBlindChecks() async {
        #expect(ChartTheme.standard.failures().isEmpty)
        // Published WCAG ratios against white: #0072B2 5.19, #D55E00 3.87 (rounded).
        #expect(abs(RGBColour(hex: "#0072B2")!.contrast(with: RGBColour(hex: "#FFFFFF")!) - 5.19) < 0.01)
        #expect(abs(RGBColour(hex: "#D55E00")!.contrast(with: RGBColour(hex: "#FFFFFF")!) - 3.87) < 0.01)
        #expect(abs(RGBColour(hex: "#000000")!.contrast(with: RGBColour(hex: "#FFFFFF")!) - 21) < 0.001)
    }

    @Test func aPaletteThatFailsIsABuildError() async {
        // Okabe–Ito orange (2.25:1 against white) fails 3:1; red and green merge for deuteranopes.
        let orange = ChartTheme(series: [RGBColour(hex: "#E69F00")!, RGBColour(hex: "#0072B2")!])
        #expect(
            orange.failures().contains { if case .lowContrast(let colour, _, _) = $0 { colour.description == "#E69F00" } else { false } })
        let redGreen = ChartTheme(series: [RGBColour(hex: "#B22222")!, RGBColour(hex: "#2E7D32")!])
        #expect(redGreen.failures().contains { if case .indistinct(_, _, .some, _) = $0 { true } else { false } })

        let yaml = Fixtures.text("small", "factsheet.yaml") + "charts:\n  palette: [\"#E69F00\", \"#0072B2\"]\n"
        do {
            _ = try DatasetLoader().load(Fixtures.edition("small", replacing: "factsheet.yaml", with: yaml))
            Issue.record("expected a palette error")
        } catch {
            #expect(
                error.lines.contains { $0.hasPrefix("error: small/factsheet.yaml, line 13, column 12: colour #E69F00 has contrast 2.25:1") }
            )
        }
    }

    @Test func goldenCharts() async throws {
        let result = try await FactsheetBuilder().build(edition: Fixtures.edition("small"), templates: Fixtures.templates(repository: true))
        let html = try #require(result.files.first { $0.path == "en/index.html" }).contents
        let svgs = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>\n" }
        #expect(svgs.count == 7)
        for svg in svgs {
            _ = try XMLDocument(xmlString: svg)
            let id = try #require(
                svg.components(separatedBy: "<title id=\"chart-").dropFirst().first?.components(separatedBy: "-title").first)
            try Golden.check(svg, named: "chart-\(id).svg")
        }
    }
}

/// The English names of the shipped register, read from `input/municipalities.csv`.
enum ShippedRegister {
    static var names: [String] {
        let text = String(
            decoding: FileManager.default.contents(
                atPath: Fixtures.repositoryFolder.appendingPathComponent("input/municipalities.csv").path) ?? Data(), as: UTF8.self)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard let column = rows.first?.firstIndex(of: "name_en") else { return [] }
        return rows.dropFirst().map { String($0[column]) }
    }
}

@Suite struct EscapingTests {
    @Test(arguments: [
        ("plain ë text", "plain ë text"),
        ("a<b>&\"c\"'d'", "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;"),
        ("tab\tline\nend\r", "tab\tline\nend\r"),
        ("bell\u{7}null\u{0}", "bell null "),
        ("x\u{FFFE}y\u{FFFF}z\u{FFFD}", "x y z\u{FFFD}"),
    ])
    func htmlEscaping(_ text: String, _ expected: String) {
        #expect(Escaping.html(text) == expected)
    }
}
