import FactsheetSupport
import Foundation

/// Makes an SVG file safe to inline in every page: read with libxml2's reader (``XMLReader``) and
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
final class LogoSanitiser {
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
    /// The text in UTF-8, to find where an element or attribute is written: libxml2's reader
    /// gives no position for a node.
    private let bytes: [UInt8]
    /// Where each line starts in `bytes`.
    private let lineStarts: [Int]
    /// Where the search for the next start tag goes on in `bytes`.
    private var scanned = 0
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

    private init(source: SourceFile, text: String) {
        self.source = source
        let bytes = Array(text.utf8)
        self.bytes = bytes
        lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
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
        do throws(XMLReader.SyntaxError) {
            let reader = try XMLReader(Data(bytes))
            while !aborted, let event = try reader.next() {
                switch event {
                case .start(let name, let attributes): start(name, attributes: attributes, tag: nextStartTag())
                case .end: end()
                case .text(let text): found(text)
                // Both are refused before parsing (`prologDefect`), with where they are written.
                case .processingInstruction, .documentType: break
                }
            }
            if !aborted, !sawRoot { error(.malformedXML(XMLReader.SyntaxError.noElement), at: position(at: bytes.count)) }
        } catch {
            // libxml2 calls an empty file "extra content at the end of the document".
            let reason = !sawRoot && error.code == 5 ? XMLReader.SyntaxError.noElement : error.reason(root: "svg")
            if !aborted { self.error(.malformedXML(reason), at: Position(line: error.line, column: error.column)) }
        }
        guard !log.hasErrors else { return nil }
        return Logo(
            fileName: source.fileName, attributes: String(decoding: rootAttributes, as: UTF8.self),
            content: String(decoding: content, as: UTF8.self))
    }

    // MARK: - Reader events

    /// A start tag; `tag` is where its `<` is in `bytes`.
    private func start(_ name: String, attributes written: [(name: String, value: String)], tag: Int) {
        if skipped > 0 {
            skipped += 1
            return
        }
        let element = Self.svgName(name)
        if !sawRoot {
            sawRoot = true
            guard element == "svg" else {
                error(.rootNotSVG(found: name), at: position(at: tag))
                aborted = true
                return
            }
        }
        guard let element, !Self.editorData.contains(element) else {
            skipped = 1
            return
        }
        guard Self.elementAttributes[element] != nil else {
            error(Self.defect(element: element), at: position(at: tag))
            skipped = 1
            return
        }
        // XML allows each attribute once on an element.
        let attributes = Dictionary(written, uniquingKeysWith: { first, _ in first })
        var kept = keptAttributes(attributes, of: element, tag: tag)
        if open.isEmpty {
            kept = sizedRootAttributes(kept, written: attributes, tag: tag)
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

    private func end() {
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

    private func found(_ text: String) {
        guard skipped == 0, let element = open.last, Self.textElements.contains(element) else { return }
        closeStartTag()
        Escaping.appendHTML(text, to: &content)
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
    private func keptAttributes(_ attributes: [String: String], of element: String, tag: Int) -> [(String, String)] {
        let own = Self.elementAttributes[element] ?? []
        let styled = element != "title" && element != "desc"
        var kept: [String: String] = [:]
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            let local = name.split(separator: ":").last.map { $0.lowercased() } ?? ""
            if local.hasPrefix("on") {
                error(.eventAttribute(name), at: position(of: name, tag: tag))
                continue
            }
            if local == "href" {
                guard value.hasPrefix("#") else {
                    error(.externalLink(attribute: name, value: value), at: position(of: name, tag: tag))
                    continue
                }
                // `href` wins over `xlink:href`, as in SVG 2.
                if own.contains("href"), name == "href" || (name == "xlink:href" && kept["href"] == nil) {
                    kept["href"] = "#" + Self.idPrefix + value.dropFirst()
                }
                continue
            }
            guard let local = localValue(value, of: name, tag: tag), !name.contains(":"), !name.hasPrefix("xmlns") else { continue }
            switch name {
            case "id":
                // An id the page could not hold (empty, with spaces) could not be referred to either.
                guard !value.isEmpty, !value.contains(where: \.isWhitespace) else { continue }
                if let first = ids[value] {
                    error(.duplicateID(value, firstLine: first), at: position(of: name, tag: tag))
                } else {
                    ids[value] = position(at: tag).line
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
    private func localValue(_ value: String, of name: String, tag: Int) -> String? {
        let squeezed = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 })).lowercased()
        if squeezed.contains("javascript:") {
            error(.javascriptURL(attribute: name), at: position(of: name, tag: tag))
            return nil
        }
        if squeezed.contains("@import") {
            error(.cssImport(attribute: name), at: position(of: name, tag: tag))
            return nil
        }
        guard let local = Self.localURLs(value) else {
            error(.externalURL(attribute: name, value: value), at: position(of: name, tag: tag))
            return nil
        }
        return local
    }

    /// The root's attributes: its own `width` and `height` left out (the page's style sheet
    /// sizes the logo), a `viewBox` made from them when it has none.
    private func sizedRootAttributes(_ kept: [(String, String)], written: [String: String], tag: Int) -> [(String, String)] {
        var kept = kept.filter { $0.0 != "width" && $0.0 != "height" }
        if let viewBox = written["viewBox"] {
            let numbers = viewBox.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            if numbers.count != 4 || !numbers.allSatisfy({ Self.isNumber($0) }) || !numbers[2...].allSatisfy({ (Double($0) ?? 0) > 0 }) {
                error(.viewBox(found: viewBox), at: position(of: "viewBox", tag: tag))
            }
        } else if let width = written["width"].flatMap(Self.pixels), let height = written["height"].flatMap(Self.pixels) {
            kept.append(("viewBox", "0 0 \(width) \(height)"))
            kept.sort { $0.0 < $1.0 }
        } else {
            error(.noSize, at: position(at: tag))
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

    /// Where the next start tag begins in `bytes` (its `<`), past comments, CDATA sections, end
    /// tags and the XML declaration: the reader gives the elements in the order they are
    /// written, and in well-formed XML `<` stands nowhere else.
    private func nextStartTag() -> Int {
        while let open = bytes[scanned...].firstIndex(of: UInt8(ascii: "<")) {
            let rest = bytes[(open + 1)...]
            if rest.starts(with: "!--".utf8) {
                scanned = index(after: "-->", from: open + 4)
            } else if rest.starts(with: "![CDATA[".utf8) {
                scanned = index(after: "]]>", from: open + 9)
            } else if rest.first == UInt8(ascii: "?") {
                scanned = index(after: "?>", from: open + 2)
            } else if rest.first == UInt8(ascii: "/") || rest.first == UInt8(ascii: "!") {
                scanned = index(after: ">", from: open + 2)
            } else {
                scanned = open + 1
                return open
            }
        }
        return bytes.count
    }

    /// Where `marker` next ends in `bytes` from `start`; the end of the text when it does not.
    private func index(after marker: String, from start: Int) -> Int {
        let marker = Array(marker.utf8)
        var index = min(start, bytes.count)
        while index + marker.count <= bytes.count {
            if bytes[index..<(index + marker.count)].elementsEqual(marker) { return index + marker.count }
            index += 1
        }
        return bytes.count
    }

    /// The line and column of the byte at `offset`; columns count characters.
    private func position(at offset: Int) -> Position {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let characters = bytes[lineStarts[low]..<min(offset, bytes.count)].count { $0 & 0xC0 != 0x80 }
        return Position(line: low + 1, column: characters + 1)
    }

    /// Where the attribute `name` of the start tag at `tag` is written; the tag's start when it
    /// cannot be found.
    private func position(of name: String, tag: Int) -> Position {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        func ends(_ byte: UInt8) -> Bool { byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") }
        let wanted = Array(name.utf8)
        var index = tag + 1
        while index < bytes.count, !isSpace(bytes[index]), !ends(bytes[index]) { index += 1 }
        while true {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, !ends(bytes[index]) else { break }
            let start = index
            while index < bytes.count, !isSpace(bytes[index]), !ends(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
            if bytes[start..<index].elementsEqual(wanted) { return position(at: start) }
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'"),
                bytes[index] != UInt8(ascii: ">")
            {
                index += 1
            }
            guard index < bytes.count, bytes[index] != UInt8(ascii: ">") else { break }
            let quote = bytes[index]
            index += 1
            while index < bytes.count, bytes[index] != quote { index += 1 }
            index += 1
        }
        return position(at: tag)
    }

    private func error(_ defect: LogoDefect, at position: Position?) {
        log.error(.logo(defect), at: SourceLocation(file: source.path, line: position?.line, character: position?.column))
    }
}
