import Dispatch
import FactsheetInput
import FactsheetPresentation
import FactsheetSite
import FactsheetSupport
import MarkdownRendering

/// What the fuzzer and the property tests run on arbitrary bytes: loaders must never crash,
/// and Markdown escaping must render every text as exactly that text.
public enum FuzzHarness {
    /// Runs one input; the first byte picks the target, the rest is its input.
    ///
    /// 0: a monitoring CSV file against a fixed register and configuration; 1: `factsheet.yaml`;
    /// 2: `census.csv`; 3: Markdown escaping; 4: a whole build of a ``RandomEdition`` of one to
    /// five municipalities whose choices come from the bytes (only when `templates` are given);
    /// 5: a monitoring workbook (`.xlsx`); 6: the publisher's logo (`logo:`, an SVG file the
    /// sanitiser reads). Returns a description of a broken property, or nil.
    public static func run(_ input: [UInt8], templates: TemplateSources? = nil) -> String? {
        guard let selector = input.first else { return nil }
        let bytes = Array(input.dropFirst())
        switch selector % 7 {
        case 0: _ = try? DatasetLoader().load(sources(monitoring: bytes))
        case 1: _ = try? DatasetLoader().load(sources(configuration: bytes))
        case 2: _ = try? DatasetLoader().load(sources(census: bytes))
        case 3: return checkEscaping(String(decoding: bytes, as: UTF8.self))
        case 4:
            guard let templates else { return nil }
            var stream = ByteStream(bytes)
            // Small editions keep a run to milliseconds; the property tests build up to a thousand.
            let edition = RandomEdition(count: 1 + Int(stream.next() % 5), random: &stream)
            return waiting { await checkBuild(edition, templates: templates, concurrent: false) }
        case 5: _ = try? DatasetLoader().load(sources(monitoring: bytes, workbook: true))
        default: _ = try? DatasetLoader().load(sources(logo: bytes))
        }
        return nil
    }

    /// Builds `edition` in memory and checks the outcome: either every error is located in an
    /// input file (with its row where the file is a table and the problem is a cell's), or the
    /// site is complete (every page of every municipality in every language, the data files and
    /// the manifest), no page carries markup from the data, and each period's `meetings_held`
    /// is the sum of the rows written. Returns a description of what broke, or nil.
    public static func checkBuild(_ edition: RandomEdition, templates: TemplateSources, concurrent: Bool = true) async -> String? {
        let builder = FactsheetBuilder(options: BuildOptions(concurrent: concurrent))
        let result: BuildResult
        do {
            result = try await builder.build(edition: edition.sources, templates: templates)
        } catch {
            if error.errors.isEmpty { return "the build failed without an error" }
            for diagnostic in error.errors {
                let location = diagnostic.location
                guard location.file.hasPrefix(edition.sources.folder + "/") else { return "not located in an input file: \(diagnostic)" }
                if case .invalidValue = diagnostic.problem, location.file.hasSuffix(".csv"), location.row == nil || location.column == nil {
                    return "a bad cell without its row and column: \(diagnostic)"
                }
            }
            return nil
        }
        var expected: Set<String> = [SitePath.languageChoice, SitePath.indicators, SitePath.manifest]
        for language in edition.languages {
            expected.insert(SitePath.national(language))
            expected.insert(SitePath.sheets(language))
            expected.insert(SitePath.dataWorkbook(language))
            for code in edition.codes { expected.insert(SitePath.municipality(code, language)) }
        }
        let paths = Set(result.files.map(\.path))
        let missing = expected.subtracting(paths)
        if !missing.isEmpty { return "a complete build lacks \(missing.sorted().prefix(5))" }
        for file in result.files where file.path.hasSuffix(".html") {
            for markup in ["<script", "<img", "<iframe", "href=\"javascript"] where contains(file.bytes, Array(markup.utf8)) {
                return "\(file.path) carries '\(markup)' from the data"
            }
        }
        for (year, sum) in edition.meetingsHeld {
            let computed = result.indicators.value(.meetingsHeld, String(year))?.value
            if computed != sum {
                return "meetings_held \(year): computed \(computed.map(String.init) ?? "nothing"), the rows add up to \(sum)"
            }
        }
        return nil
    }

    /// Whether `bytes` hold `needle` (a byte search: a page is bytes, and a String search goes
    /// through Foundation's locale-aware comparison).
    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        while let found = bytes[index...].firstIndex(of: first) {
            if found + needle.count > bytes.count { return false }
            if bytes[found..<(found + needle.count)].elementsEqual(needle) { return true }
            index = found + 1
        }
        return false
    }

    /// Runs async work from the fuzzer's synchronous callback (not a thread of Swift's pool).
    private static func waiting(_ work: @escaping @Sendable () async -> String?) -> String? {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value
    }

    private final class ResultBox: @unchecked Sendable {
        var value: String?
    }

    /// Escapes `text`, renders it with cmark-gfm and compares with the HTML the text alone should give.
    public static func checkEscaping(_ text: String) -> String? {
        let html = MarkdownDocument(markdown: Escaping.markdown(text)).html()
        let expected = expectedHTML(for: text)
        return html == expected
            ? nil
            : "escaping \(Array(text.unicodeScalars.map(\.value))) gave \(html.debugDescription), expected \(expected.debugDescription)"
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
    static let register = csv(
        [MunicipalityColumn.allCases.flatMap { $0.isFamily ? ["sq", "en"].map(MunicipalityColumn.name) : [$0.name] }]
            + ["alpha", "beta"].map { code in
                MunicipalityColumn.allCases.flatMap { column -> [String] in
                    switch column {
                    case .code: [code]
                    case .names: [code.prefix(1).uppercased(), code.prefix(1).uppercased()]
                    case .region: [""]
                    }
                }
            })
    static let census = csv([
        CensusColumn.allCases.map(\.name),
        CensusColumn.allCases.map { column in
            switch column {
            case .municipality: "alpha"
            case .community: "serb"
            case .population: "10"
            }
        },
    ])
    /// Header, alpha with an MCSC and every figure, beta without one.
    static let monitoring = csv(
        [MonitoringColumn.allCases.map(\.name)]
            + [true, false].map { council in
                MonitoringColumn.allCases.map { column in
                    switch column {
                    case .municipality: council ? "alpha" : "beta"
                    case .mcsc: council ? "yes" : "no"
                    case .womenRepresentatives: council ? "1" : ""
                    case .compensation: council ? "regular" : ""
                    case .communitiesRepresented: council ? "serb" : ""
                    case .meetings: council ? "5" : ""
                    case .meetingsSecurity: council ? "1" : ""
                    case .workPlan: council ? "none" : ""
                    }
                }
            })

    private static func csv(_ rows: [[String]]) -> String { rows.map { $0.joined(separator: ",") + "\n" }.joined() }

    static func sources(
        configuration: [UInt8]? = nil, census: [UInt8]? = nil, monitoring: [UInt8]? = nil, workbook: Bool = false, logo: [UInt8]? = nil
    ) -> EditionSources {
        EditionSources(
            folder: "fuzz",
            configuration: SourceFile(
                path: "fuzz/factsheet.yaml",
                bytes: configuration ?? Array((Self.configuration + (logo == nil ? "" : "\nlogo: logo.svg")).utf8)),
            municipalities: SourceFile(path: "fuzz/municipalities.csv", text: register),
            census: SourceFile(path: "fuzz/census.csv", bytes: census ?? Array(Self.census.utf8)),
            monitoring: [
                SourceFile(path: "fuzz/monitoring/2017.\(workbook ? "xlsx" : "csv")", bytes: monitoring ?? Array(Self.monitoring.utf8))
            ], assets: logo.map { ["logo.svg": SourceFile(path: "fuzz/logo.svg", bytes: $0)] } ?? [:])
    }
}
