import Foundation
import FuzzHarness
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Generated logos, many of them hostile (scripts, event handlers, links out, entities, CSS
/// `url()`s, CDATA, namespaced and upper-case names, broken XML): whatever the sanitiser lets
/// through is well-formed SVG from its allow-list that cannot run code or load anything, and
/// whatever it refuses is refused with located errors.
@Suite struct LogoPropertyTests {
    static let roots = [
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"%A>", "<svg width=\"10\" height=\"10\"%A>", "<svg%A>",
        "<SVG viewBox=\"0 0 1 1\">", "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\">", "<html>",
        "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\"%A>",
    ]
    static let elements = [
        "g", "path", "rect", "circle", "text", "tspan", "title", "linearGradient", "stop", "use", "defs", "clipPath", "mask", "symbol",
        "script", "SCRIPT", "svg:script", "foreignObject", "image", "iframe", "style", "animate", "set", "a", "video", "metadata",
        "sodipodi:namedview", "feImage", "handler", "listener",
    ]
    static let attributes = [
        "fill=\"#123\"", "d=\"M0 0H1\"", "x=\"1\"", "id=\"a\"", "id=\"b\"", "style=\"fill:red;stroke:url(#a)\"", "transform=\"scale(2)\"",
        "onload=\"alert(1)\"", "ONCLICK=\"alert(1)\"", "onmouseover='x()'", "href=\"javascript:alert(1)\"",
        "xlink:href=\"http://example.org/x.svg#a\"", "href=\"#a\"", "xlink:href=\"#b\"", "style=\"fill:url(http://example.org/x)\"",
        "style=\"background:url(javascript:x)\"", "fill=\"url(#a)\"", "fill=\"URL( '#b' )\"", "fill=\"url(data:image/png;base64,AA)\"",
        "xml:base=\"http://example.org/\"", "begin=\"0s\"", "href=\"&#106;avascript:x\"", "style=\"fill:u\\rl(http://x)\"",
        "style=\"/**/fill:url(/**/http://x)\"", "requiredExtensions=\"x\"", "class=\"c\"", "data-x=\"1\"", "filter=\"url(#a)\"",
        "src=\"http://example.org/x\"", "values=\"javascript:alert(1)\"", "attributeName=\"href\"", "to=\"javascript:alert(1)\"",
    ]
    static let texts = [
        "Logo", "A &amp; B", "&lt;script&gt;alert(1)&lt;/script&gt;", "<![CDATA[<script>alert(1)</script>]]>", "<!-- <script> -->",
        "<?xml-stylesheet href=\"http://x\"?>", "&nbsp;", "&#x3C;b&#x3E;", "ë ç", "]]>", "<",
    ]
    static let prologs = [
        "", "", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "<!DOCTYPE svg [<!ENTITY x \"<script>\">]>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "<!-- made with an editor -->\n",
    ]

    static func logo(_ random: inout SeededGenerator) -> String {
        func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }
        func attributes() -> String {
            (0..<Int(random.next() % 4)).map { _ in " " + pick(Self.attributes) }.joined()
        }
        func content(_ depth: Int) -> String {
            var text = ""
            for _ in 0..<Int(random.next() % 4) {
                switch random.next() % 3 {
                case 0: text += pick(Self.texts)
                default:
                    let name = pick(Self.elements)
                    if depth > 2 || random.next() % 3 == 0 {
                        text += "<\(name)\(attributes())/>"
                    } else {
                        text += "<\(name)\(attributes())>\(content(depth + 1))</\(name)>"
                    }
                }
            }
            return text
        }
        let root = pick(Self.roots)
        let name = String(root.dropFirst().prefix { $0 != " " && $0 != ">" })
        var text = pick(Self.prologs) + root.replacingOccurrences(of: "%A", with: attributes()) + content(0) + "</\(name)>"
        // Now and then broken: cut short, or a byte changed.
        switch random.next() % 10 {
        case 0: text = String(text.prefix(Int(random.next() % UInt64(text.count + 1))))
        case 1:
            var scalars = Array(text.unicodeScalars)
            if !scalars.isEmpty {
                scalars[Int(random.next() % UInt64(scalars.count))] = pick(["<", ">", "\"", "&", "'"]).unicodeScalars.first!
            }
            text = String(String.UnicodeScalarView(scalars))
        default: break
        }
        return text
    }

    /// Elements and attributes of a written logo, as an XML parser reads them back.
    final class Reader: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var other: [String] = []
        var ended = 0
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { ended += 1 }
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) { elements.append((name, attributes)) }
        func parser(_ parser: XMLParser, foundCDATA block: Data) { other.append("CDATA") }
        func parser(_ parser: XMLParser, foundComment comment: String) { other.append("comment") }
        func parser(_ parser: XMLParser, foundProcessingInstructionWithTarget target: String, data: String?) { other.append("PI") }
    }

    /// What is wrong with written markup, or nil.
    static func unsafe(_ markup: String) -> String? {
        let reader = Reader()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = reader
        guard parser.parse() else { return "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")" }
        if let other = reader.other.first { return "a \(other) was written" }
        if reader.ended != reader.elements.count { return "elements left open" }
        for (name, attributes) in reader.elements {
            guard LogoSanitiser.elementAttributes[name] != nil else { return "element <\(name)>" }
            for (attribute, value) in attributes {
                let lowered = attribute.lowercased()
                if lowered.hasPrefix("on") || lowered.contains(":") { return "attribute \(attribute)" }
                if lowered == "href" && !value.hasPrefix("#logo-") { return "href=\"\(value)\"" }
                if lowered == "id" && !value.hasPrefix("logo-") { return "id=\"\(value)\"" }
                let plain = value.lowercased()
                if plain.contains("javascript:") || plain.contains("data:") || plain.contains("\\") { return "\(attribute)=\"\(value)\"" }
                var rest = plain[...]
                while let url = rest.range(of: "url(") {
                    let after = rest[url.upperBound...].drop { $0 == " " || $0 == "'" || $0 == "\"" }
                    if !after.hasPrefix("#logo-") { return "\(attribute)=\"\(value)\"" }
                    rest = rest[url.upperBound...]
                }
            }
        }
        return nil
    }

    @Test func theCheckCatchesWhatItLooksFor() {
        // Controls: markup the sanitiser must never write fails the check.
        for markup in [
            "<svg><script/></svg>", "<svg onload=\"x\"/>", "<svg><use href=\"http://x\"/></svg>", "<svg><g id=\"a\"/></svg>",
            "<svg><rect style=\"fill:url(http://x)\"/></svg>", "<svg><!-- c --></svg>", "<svg><g xlink:href=\"#logo-a\"/></svg>", "<svg>",
        ] {
            #expect(Self.unsafe(markup) != nil, "\(markup)")
        }
        #expect(Self.unsafe("<svg viewBox=\"0 0 1 1\"><rect fill=\"URL( '#logo-a' )\" id=\"logo-a\"/></svg>") == nil)
    }

    @Test func generatedLogosAreWrittenSafeOrRefusedWithLocatedErrors() {
        var random = SeededGenerator(state: 0x10_60)
        var written = 0
        var refused = 0
        for round in 0..<3000 {
            let text = Self.logo(&random)
            var log = DiagnosticLog()
            let logo = LogoSanitiser.logo(from: SourceFile(path: "in/logo.svg", text: text), log: &log)
            if let logo {
                let markup = logo.svg(" class=\"logo\" aria-hidden=\"true\"")
                let problem = Self.unsafe(markup)
                #expect(problem == nil, "round \(round): \(problem ?? "")\n\(text)\n\(markup)")
                if problem != nil { return }
                written += 1
            } else {
                #expect(log.errorCount > 0, "round \(round): refused without an error\n\(text)")
                for diagnostic in log.diagnostics {
                    #expect(diagnostic.location.file == "in/logo.svg" && diagnostic.location.line != nil, "round \(round): \(diagnostic)")
                }
                refused += 1
            }
        }
        // Both outcomes, many times: a property over one of them would prove little.
        #expect(written > 150)
        #expect(refused > 300)
    }
}
