import FactsheetCore
import MarkdownRendering

/// What the fuzzer and the property tests run on arbitrary bytes: loaders must never crash,
/// and Markdown escaping must render every text as exactly that text.
public enum FuzzHarness {
    /// Runs one input; the first byte picks the target, the rest is its input.
    ///
    /// 0: a monitoring CSV file against a fixed register and configuration; 1: `factsheet.yaml`;
    /// 2: `census.csv`; 3: Markdown escaping; 4: a monitoring workbook (`.xlsx`). Returns a
    /// description of a broken property, or nil.
    public static func run(_ input: [UInt8]) -> String? {
        guard let selector = input.first else { return nil }
        let bytes = Array(input.dropFirst())
        switch selector % 5 {
        case 0: _ = try? DatasetLoader().load(sources(monitoring: bytes))
        case 1: _ = try? DatasetLoader().load(sources(configuration: bytes))
        case 2: _ = try? DatasetLoader().load(sources(census: bytes))
        case 4: _ = try? DatasetLoader().load(sources(monitoring: bytes, workbook: true))
        default: return checkEscaping(String(decoding: bytes, as: UTF8.self))
        }
        return nil
    }

    /// Escapes `text`, renders it with cmark-gfm and compares with the HTML the text alone should give.
    public static func checkEscaping(_ text: String) -> String? {
        let html = MarkdownDocument(markdown: Escaping.markdown(text)).html()
        let expected = expectedHTML(for: text)
        return html == expected ? nil : "escaping \(Array(text.unicodeScalars.map(\.value))) gave \(html.debugDescription), expected \(expected.debugDescription)"
    }

    /// A paragraph holding the text as cmark writes text: line ends and control characters
    /// as spaces, spaces and tabs at the ends trimmed, `& < > "` escaped; nothing for blank text.
    static func expectedHTML(for text: String) -> String {
        var plain = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0 == "\u{7F}" ? " " : $0 }))
        while let first = plain.first, first == " " { plain.removeFirst() }
        while let last = plain.last, last == " " { plain.removeLast() }
        if plain.isEmpty { return "" }
        var html = ""
        for scalar in plain.unicodeScalars {
            switch scalar {
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            default: html.unicodeScalars.append(scalar)
            }
        }
        return "<p>\(html)</p>\n"
    }

    static let configuration = """
        edition: "F"
        data_status: official
        legal: { minimum_meetings_per_year: 6, census_threshold: 50 }
        establishment: { years: [2017] }
        performance: { periods: [{ year: 2017, first_month: 1, last_month: 9 }] }
        """
    static let register = "code,name_sq,name_en,region\nalpha,A,A,\nbeta,B,B,\n"
    static let census = "municipality,community,population\nalpha,serb,10\n"
    static let monitoring =
        "municipality,mcsc,women_representatives,compensation,communities_represented,meetings,meetings_security,work_plan\n"
        + "alpha,yes,1,regular,serb,5,1,none\nbeta,no,,,,,,\n"

    static func sources(configuration: [UInt8]? = nil, census: [UInt8]? = nil, monitoring: [UInt8]? = nil, workbook: Bool = false) -> EditionSources {
        EditionSources(
            folder: "fuzz",
            configuration: SourceFile(path: "fuzz/factsheet.yaml", bytes: configuration ?? Array(Self.configuration.utf8)),
            municipalities: SourceFile(path: "fuzz/municipalities.csv", text: register),
            census: SourceFile(path: "fuzz/census.csv", bytes: census ?? Array(Self.census.utf8)),
            monitoring: [SourceFile(path: "fuzz/monitoring/2017.\(workbook ? "xlsx" : "csv")", bytes: monitoring ?? Array(Self.monitoring.utf8))])
    }
}
