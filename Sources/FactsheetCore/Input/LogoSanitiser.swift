import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Makes an SVG file safe to inline in every page: read with Foundation's `XMLParser` and
/// written anew from an allow-list of elements and attributes.
///
/// Whatever could run code, load a file or reach outside the logo is a located error
/// (``LogoDefect``), every one in the file reported in one run; editor data (`metadata`,
/// Inkscape's and Sodipodi's elements and attributes) and attributes that are not on the list
/// are left out without a word. A document type declaration is refused before parsing, so no
/// entity is ever expanded. Every `id` gets the prefix `logo-`, and every reference within the
/// file (`#id`, `url(#id)`) the same, so nothing collides with the charts' ids on the page.
/// Attributes are written in the order of their names, so the same file always gives the same
/// markup. Lines and columns in messages are 1-based; columns count characters.
final class LogoSanitiser: NSObject, XMLParserDelegate {
    /// The largest logo file read, in bytes: a logo drawn in SVG takes a few KiB.
    static let sizeLimit = 512 * 1024
    /// Put before every id of the logo and every reference to one.
    static let idPrefix = "logo-"

    /// The elements written out, each with its own attributes (geometry, units, links) kept
    /// besides `id`, `style`, the presentation properties and, where SVG 1.1 has it, `transform`.
    /// Any other element is an error, except editor data, which is left out; an attribute the
    /// element does not have (`x` on a path) is left out, as browsers ignore it.
    static let elementAttributes: [String: Set<String>] = [
        "svg": ["x", "y", "width", "height", "viewBox", "preserveAspectRatio"],
        "g": [], "defs": [], "title": [], "desc": [],
        "path": ["d"],
        "rect": ["x", "y", "width", "height", "rx", "ry"],
        "circle": ["cx", "cy", "r"],
        "ellipse": ["cx", "cy", "rx", "ry"],
        "line": ["x1", "y1", "x2", "y2"],
        "polyline": ["points"], "polygon": ["points"],
        "text": ["x", "y", "dx", "dy", "rotate", "textLength", "lengthAdjust"],
        "tspan": ["x", "y", "dx", "dy", "rotate", "textLength", "lengthAdjust"],
        "linearGradient": ["x1", "y1", "x2", "y2", "gradientUnits", "gradientTransform", "spreadMethod", "href"],
        "radialGradient": ["cx", "cy", "r", "fx", "fy", "gradientUnits", "gradientTransform", "spreadMethod", "href"],
        "stop": ["offset"],
        "clipPath": ["clipPathUnits"],
        "mask": ["x", "y", "width", "height", "maskUnits", "maskContentUnits"],
        "symbol": ["viewBox", "preserveAspectRatio"],
        "use": ["x", "y", "width", "height", "href"],
    ]
    /// The names of the elements written out, for messages.
    static var elements: [String] { elementAttributes.keys.sorted() }
    /// The elements that take `transform`.
    private static let transformable: Set<String> = [
        "g", "defs", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "use", "clipPath",
    ]
    /// The elements whose text is written out.
    private static let textElements: Set<String> = ["text", "tspan", "title", "desc"]
    /// Elements left out with everything inside them: editors' data about the file.
    private static let editorData: Set<String> = ["metadata"]
    /// Presentation properties of SVG 1.1 kept, as attributes and in `style`; filters, markers
    /// and cursors are not among them, nor is anything the Nu HTML Checker does not know.
    static let properties: Set<String> = [
        "alignment-baseline", "baseline-shift", "clip-path", "clip-rule", "color", "color-interpolation", "color-rendering", "direction",
        "display", "dominant-baseline", "fill", "fill-opacity", "fill-rule", "font-family", "font-size", "font-size-adjust",
        "font-stretch", "font-style", "font-variant", "font-weight", "letter-spacing", "mask", "opacity", "overflow", "shape-rendering",
        "stop-color", "stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor", "text-decoration", "text-rendering", "unicode-bidi",
        "visibility", "word-spacing", "writing-mode",
    ]

    /// A 1-based line and column (in characters).
    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    private let source: SourceFile
    /// The text's lines as Unicode scalars, to find where an attribute is written: libxml2
    /// reports only where a start tag ends, and counts columns in characters.
    private let lines: [[Unicode.Scalar]]
    private var log = DiagnosticLog()
    /// The root's kept attributes, written ` name="value"`.
    private var rootAttributes: [UInt8] = []
    /// Everything inside the root.
    private var content: [UInt8] = []
    /// The written elements open now, innermost last; the root first.
    private var open: [String] = []
    /// Whether the last start tag written still waits for its `>` or `/>`.
    private var startTagPending = false
    /// How many elements deep the parser is inside one that is left out; 0 outside.
    private var skipped = 0
    private var sawRoot = false
    /// Set when the root is not `<svg>`: parsing stops there.
    private var aborted = false
    /// The line of each id (as written in the file) seen so far.
    private var ids: [String: Int] = [:]
    /// The first error libxml2 reported: its code and where.
    private var parseError: (code: Int, position: Position)?

    private init(source: SourceFile, text: String) {
        self.source = source
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
    }

    /// The logo in `source`, sanitised; nil with every problem in `log` when it cannot go on a page.
    static func logo(from source: SourceFile, log: inout DiagnosticLog) -> Logo? {
        guard source.isReadable(log: &log) else { return nil }
        guard source.bytes.count <= sizeLimit else {
            log.error(.logo(.tooLarge(limit: sizeLimit)), at: SourceLocation(file: source.path))
            return nil
        }
        guard let text = source.text(log: &log) else { return nil }
        let sanitiser = LogoSanitiser(source: source, text: text)
        let logo = sanitiser.sanitise(text)
        log.append(contentsOf: sanitiser.log.diagnostics)
        return logo
    }

    private func sanitise(_ text: String) -> Logo? {
        if let (defect, position) = Self.prologDefect(in: text) {
            error(defect, at: position)
            return nil
        }
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        let end = LibXML2.lock.withLock { () -> Position in
            _ = parser.parse()
            if parseError == nil, let error = parser.parserError {
                parseError = ((error as NSError).code, Position(line: parser.lineNumber, column: parser.columnNumber))
            }
            return Position(line: parser.lineNumber, column: parser.columnNumber)
        }
        parser.delegate = nil
        if !aborted {
            if let (code, position) = parseError {
                error(.malformedXML(Self.reason(code)), at: position)
            } else if !sawRoot {
                error(.malformedXML(Self.reason(4)), at: end)
            }
        }
        guard !log.hasErrors else { return nil }
        return Logo(
            fileName: source.fileName, attributes: String(decoding: rootAttributes, as: UTF8.self),
            content: String(decoding: content, as: UTF8.self))
    }

    // MARK: - Parser events

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        let end = Position(line: parser.lineNumber, column: parser.columnNumber)
        if skipped > 0 {
            skipped += 1
            return
        }
        let element = Self.svgName(name)
        if !sawRoot {
            sawRoot = true
            guard element == "svg" else {
                error(.rootNotSVG(found: name), at: tagStart(end))
                aborted = true
                parser.abortParsing()
                return
            }
        }
        guard let element, !Self.editorData.contains(element) else {
            skipped = 1
            return
        }
        guard Self.elementAttributes[element] != nil else {
            error(Self.defect(element: element), at: tagStart(end))
            skipped = 1
            return
        }
        var kept = keptAttributes(attributes, of: element, tagEnd: end)
        if open.isEmpty {
            kept = sizedRootAttributes(kept, written: attributes, tagEnd: end)
            for (name, value) in kept { Self.append(name, value, to: &rootAttributes) }
        } else {
            closeStartTag()
            content.append(UInt8(ascii: "<"))
            content.append(contentsOf: element.utf8)
            for (name, value) in kept { Self.append(name, value, to: &content) }
            startTagPending = true
        }
        open.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if skipped > 0 {
            skipped -= 1
            return
        }
        guard let element = open.popLast(), !open.isEmpty else { return }
        if startTagPending {
            content.append(contentsOf: "/>".utf8)
            startTagPending = false
        } else {
            content.append(contentsOf: "</\(element)>".utf8)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard skipped == 0, let element = open.last, Self.textElements.contains(element) else { return }
        closeStartTag()
        Escaping.appendHTML(string, to: &content)
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard self.parseError == nil, !aborted else { return }
        self.parseError = ((parseError as NSError).code, Position(line: parser.lineNumber, column: parser.columnNumber))
    }

    // MARK: - Elements and attributes

    /// The SVG element's name (`svg:path` is `path`); nil for another namespace's (`sodipodi:namedview`).
    private static func svgName(_ name: String) -> String? {
        guard let colon = name.firstIndex(of: ":") else { return name }
        return name[..<colon] == "svg" ? String(name[name.index(after: colon)...]) : nil
    }

    /// Why an element that is not on the allow-list is refused.
    private static func defect(element name: String) -> LogoDefect {
        switch name.lowercased() {
        case "script", "handler", "listener": .script(element: name)
        case "foreignobject": .foreignObject
        case "image", "feimage", "video", "audio", "iframe", "embed", "object", "canvas": .embedded(element: name)
        case "animate", "animatemotion", "animatetransform", "animatecolor", "set", "mpath", "discard": .animation(element: name)
        case "style": .styleSheet
        default: .element(name)
        }
    }

    /// The attributes of `element` to write, by name, with ids and references prefixed; every
    /// forbidden one is an error, whether the element would have kept it or not.
    private func keptAttributes(_ attributes: [String: String], of element: String, tagEnd: Position) -> [(String, String)] {
        let own = Self.elementAttributes[element] ?? []
        let styled = element != "title" && element != "desc"
        var kept: [String: String] = [:]
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            let local = name.split(separator: ":").last.map { $0.lowercased() } ?? ""
            if local.hasPrefix("on") {
                error(.eventAttribute(name), at: position(of: name, tagEnd: tagEnd))
                continue
            }
            if local == "href" {
                guard value.hasPrefix("#") else {
                    error(.externalLink(attribute: name, value: value), at: position(of: name, tagEnd: tagEnd))
                    continue
                }
                // `href` wins over `xlink:href`, as in SVG 2.
                if own.contains("href"), name == "href" || (name == "xlink:href" && kept["href"] == nil) {
                    kept["href"] = "#" + Self.idPrefix + value.dropFirst()
                }
                continue
            }
            guard let local = localValue(value, of: name, tagEnd: tagEnd), !name.contains(":"), !name.hasPrefix("xmlns") else { continue }
            switch name {
            case "id":
                // An id the page could not hold (empty, with spaces) could not be referred to either.
                guard !value.isEmpty, !value.contains(where: \.isWhitespace) else { continue }
                if let first = ids[value] {
                    error(.duplicateID(value, firstLine: first), at: position(of: name, tagEnd: tagEnd))
                } else {
                    ids[value] = tagStart(tagEnd).line
                }
                kept["id"] = Self.idPrefix + value
            case "style":
                if styled { kept["style"] = Self.style(value) }
            default:
                let applies =
                    own.contains(name) || (styled && Self.properties.contains(name))
                    || (name == "transform" && Self.transformable.contains(element))
                // A backslash is a CSS escape, which could spell `url(` in other letters.
                if applies, !value.contains("\\") { kept[name] = local }
            }
        }
        return kept.sorted { $0.key < $1.key }
    }

    /// `value` with its references made local (``localURLs(_:)``) when it stays within the logo:
    /// no script address, no `@import`, no `url(…)` but `url(#…)`; nil with the problem in the log.
    private func localValue(_ value: String, of name: String, tagEnd: Position) -> String? {
        let squeezed = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 })).lowercased()
        if squeezed.contains("javascript:") {
            error(.javascriptURL(attribute: name), at: position(of: name, tagEnd: tagEnd))
            return nil
        }
        if squeezed.contains("@import") {
            error(.cssImport(attribute: name), at: position(of: name, tagEnd: tagEnd))
            return nil
        }
        guard let local = Self.localURLs(value) else {
            error(.externalURL(attribute: name, value: value), at: position(of: name, tagEnd: tagEnd))
            return nil
        }
        return local
    }

    /// The root's attributes: its own `width` and `height` left out (the page's style sheet
    /// sizes the logo), a `viewBox` made from them when it has none.
    private func sizedRootAttributes(_ kept: [(String, String)], written: [String: String], tagEnd: Position) -> [(String, String)] {
        var kept = kept.filter { $0.0 != "width" && $0.0 != "height" }
        if let viewBox = written["viewBox"] {
            let numbers = viewBox.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            if numbers.count != 4 || !numbers.allSatisfy({ Self.isNumber($0) }) || !numbers[2...].allSatisfy({ (Double($0) ?? 0) > 0 }) {
                error(.viewBox(found: viewBox), at: position(of: "viewBox", tagEnd: tagEnd))
            }
        } else if let width = written["width"].flatMap(Self.pixels), let height = written["height"].flatMap(Self.pixels) {
            kept.append(("viewBox", "0 0 \(width) \(height)"))
            kept.sort { $0.0 < $1.0 }
        } else {
            error(.noSize, at: tagStart(tagEnd))
        }
        return kept
    }

    /// A positive length in pixels (`120`, `120.5px`), as written without its unit.
    private static func pixels(_ text: String) -> String? {
        var number = Substring(text.trimmingCharacters(in: .whitespaces))
        if number.hasSuffix("px") { number = number.dropLast(2) }
        guard isNumber(number), (Double(number) ?? 0) > 0 else { return nil }
        return String(number)
    }

    /// A decimal number as SVG writes one: `-1`, `0.5`, `.5`, `1e3`.
    private static func isNumber(_ text: Substring) -> Bool {
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        var rest = text.unicodeScalars[...]
        if let sign = rest.first, sign == "+" || sign == "-" { rest = rest.dropFirst() }
        let integer = rest.prefix(while: isDigit)
        rest = rest.dropFirst(integer.count)
        var fraction = 0
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(fraction)
        }
        guard !integer.isEmpty || fraction > 0 else { return false }
        if let e = rest.first, e == "e" || e == "E" {
            rest = rest.dropFirst()
            if let sign = rest.first, sign == "+" || sign == "-" { rest = rest.dropFirst() }
            let exponent = rest.prefix(while: isDigit).count
            guard exponent > 0 else { return false }
            rest = rest.dropFirst(exponent)
        }
        return rest.isEmpty
    }

    /// `value` with every `url(#id)` made `url(#logo-id)`; nil when a `url(…)` points anywhere else.
    static func localURLs(_ value: String) -> String? {
        guard value.range(of: "url(", options: .caseInsensitive) != nil else { return value }
        let scalars = Array(value.unicodeScalars)
        let opening = Array("url(".unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let isURL =
                index + opening.count <= scalars.count
                && zip(scalars[index..<(index + opening.count)], opening).allSatisfy { String($0).lowercased() == String($1) }
            guard isURL else {
                result.append(scalars[index])
                index += 1
                continue
            }
            var next = index + opening.count
            while next < scalars.count, [" ", "\t", "\n", "\r", "\u{0C}"].contains(scalars[next]) { next += 1 }
            if next < scalars.count, scalars[next] == "'" || scalars[next] == "\"" { next += 1 }
            guard next < scalars.count, scalars[next] == "#" else { return nil }
            result.append(contentsOf: scalars[index...next])
            result.append(contentsOf: idPrefix.unicodeScalars)
            index = next + 1
        }
        return String(result)
    }

    /// The declarations of a `style` attribute whose property is a presentation property, as
    /// `name:value;…`, references made local; nil when none is kept. Comments become spaces; a
    /// declaration with a backslash (a CSS escape) is left out.
    static func style(_ value: String) -> String? {
        var text = value
        while let start = text.range(of: "/*") {
            let end = text.range(of: "*/", range: start.upperBound..<text.endIndex)?.upperBound ?? text.endIndex
            text.replaceSubrange(start.lowerBound..<end, with: " ")
        }
        var kept: [String] = []
        for declaration in text.split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let property = declaration[..<colon].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let value = declaration[declaration.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            guard properties.contains(property), !value.isEmpty, !value.contains("\\"), let local = localURLs(value) else { continue }
            kept.append(property + ":" + local)
        }
        return kept.isEmpty ? nil : kept.joined(separator: ";")
    }

    /// ` name="value"`, the value escaped.
    private static func append(_ name: String, _ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: "=\"".utf8)
        Escaping.appendHTML(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    private func closeStartTag() {
        guard startTagPending else { return }
        content.append(UInt8(ascii: ">"))
        startTagPending = false
    }

    // MARK: - Before parsing

    /// A document type declaration or entity, a processing instruction, or an encoding other
    /// than UTF-8 named in the XML declaration, with where it is written.
    private static func prologDefect(in text: String) -> (LogoDefect, Position)? {
        for marker in ["<!DOCTYPE", "<!ENTITY"] {
            if let range = text.range(of: marker, options: .caseInsensitive) {
                return (.documentType, position(of: range.lowerBound, in: text))
            }
        }
        // The XML declaration, first in the file (libxml2 reports one after anything else).
        let declarationStart = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        var searchFrom = text.startIndex
        while let range = text.range(of: "<?", range: searchFrom..<text.endIndex) {
            let isDeclaration =
                range.lowerBound == declarationStart && text[range.upperBound...].hasPrefix("xml")
                && text[range.upperBound...].dropFirst(3).first?.isWhitespace == true
            if !isDeclaration { return (.processingInstruction, position(of: range.lowerBound, in: text)) }
            searchFrom = range.upperBound
        }
        if text[declarationStart...].hasPrefix("<?xml"), let close = text.range(of: "?>") {
            let declaration = text[declarationStart..<close.lowerBound]
            if let key = declaration.range(of: "encoding") {
                let value = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                    .prefix { $0 != "\"" && $0 != "'" && $0 != " " }
                if !["utf-8", "utf8"].contains(value.lowercased()) {
                    return (.encoding(found: String(value)), position(of: key.lowerBound, in: text))
                }
            }
        }
        return nil
    }

    /// The line and column of `index` in `text`.
    private static func position(of index: String.Index, in text: String) -> Position {
        let before = text[..<index]
        let line = before.utf8.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        return Position(line: line, column: before[lineStart...].unicodeScalars.count + 1)
    }

    // MARK: - Where things are

    /// Where the start tag that ends at `end` (its `>`, or the `/` of `/>`, as libxml2 reports
    /// it) begins: its `<`.
    private func tagStart(_ end: Position) -> Position {
        var line = end.line - 1
        var index = end.column - 1
        while lines.indices.contains(line) {
            index = min(index, lines[line].count - 1)
            while index >= 0 {
                if lines[line][index] == "<" { return Position(line: line + 1, column: index + 1) }
                index -= 1
            }
            line -= 1
            index = Int.max
        }
        return end
    }

    /// Where the attribute `name` of the start tag that ends at `end` is written; the tag's
    /// start when it cannot be found.
    private func position(of name: String, tagEnd end: Position) -> Position {
        let start = tagStart(end)
        var cursor = Cursor(lines: lines, line: start.line - 1, index: start.column - 1)
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" }
        cursor.advance()
        while let scalar = cursor.current, !isSpace(scalar), scalar != ">", scalar != "/" { cursor.advance() }
        while true {
            while let scalar = cursor.current, isSpace(scalar) { cursor.advance() }
            guard let first = cursor.current, first != ">", first != "/" else { break }
            let position = cursor.position
            var attribute = String.UnicodeScalarView()
            while let scalar = cursor.current, !isSpace(scalar), scalar != "=", scalar != ">", scalar != "/" {
                attribute.append(scalar)
                cursor.advance()
            }
            if String(attribute) == name { return position }
            while let scalar = cursor.current, scalar != "\"", scalar != "'", scalar != ">" { cursor.advance() }
            guard let quote = cursor.current, quote != ">" else { break }
            cursor.advance()
            while let scalar = cursor.current, scalar != quote { cursor.advance() }
            cursor.advance()
        }
        return start
    }

    /// Walks the text's characters across lines.
    private struct Cursor {
        let lines: [[Unicode.Scalar]]
        var line: Int
        var index: Int

        /// The character here: a line's end is `\n`; nil past the end of the text.
        var current: Unicode.Scalar? {
            guard lines.indices.contains(line) else { return nil }
            if index < lines[line].count { return lines[line][index] }
            return line + 1 < lines.count ? "\n" : nil
        }

        var position: Position { Position(line: line + 1, column: index + 1) }

        mutating func advance() {
            guard lines.indices.contains(line) else { return }
            if index < lines[line].count {
                index += 1
            } else {
                line += 1
                index = 0
            }
        }
    }

    private func error(_ defect: LogoDefect, at position: Position?) {
        log.error(.logo(defect), at: SourceLocation(file: source.path, line: position?.line, character: position?.column))
    }

    /// libxml2's error code in words, for "not well-formed XML".
    private static func reason(_ code: Int) -> String {
        switch code {
        case 4: "the file holds no element"
        case 5: "the file ends before its elements are closed, or goes on after the end of the <svg> element"
        case 9: "a character that XML does not allow"
        case 23, 68: "'&' that does not start a reference such as &amp; (write & as &amp;)"
        case 26: "an entity that is not defined; expected only &amp; &lt; &gt; &quot; &apos; and numbered references"
        case 38: "'<' inside an attribute value (write it as &lt;)"
        case 39, 40, 41, 65: "an attribute without a value in quotes"
        case 42: "an attribute given twice on one element"
        case 64: "the XML declaration (<?xml …?>) is not at the very start of the file"
        case 73, 77: "a tag that is not closed with '>'"
        case 76: "an end tag that does not match the element it closes"
        default: "XML error \(code)"
        }
    }
}
