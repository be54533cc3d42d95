import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Streams the elements of one XML part of a workbook to closures, through Foundation's `XMLParser`.
///
/// Element and attribute names are given without their namespace prefix (`x:row` is `row`):
/// some writers prefix the spreadsheet namespace, Excel does not. A part holding a document
/// type declaration is refused before parsing, so no entity is ever expanded.
final class WorkbookXMLReader: NSObject, XMLParserDelegate {
    /// Called with the element's local name and its attributes by local name.
    var didStart: (String, [String: String]) -> Void = { _, _ in }
    var didEnd: (String) -> Void = { _ in }
    /// Called with character data (CDATA included), in as many pieces as the parser likes.
    var didFindText: (String) -> Void = { _ in }
    /// Set by a closure to stop parsing with this defect.
    var stop: WorkbookDefect?

    private weak var parser: XMLParser?
    /// Elements open now, and whether a root element was seen: a part cut short parses without error.
    private var depth = 0
    private var sawRoot = false

    /// Parses `data`, the part named `part`; throws the first defect found.
    func parse(_ data: Data, part: String) throws(WorkbookDefect) {
        if Self.hasDocumentType(data) { throw .documentTypeDeclaration(part: part) }
        // Foundation's XMLParser (swift-corelibs-foundation with Swift 6.3) stops the process on a
        // processing instruction without data (`<?pi?>`); workbook parts hold none but the XML declaration.
        if Self.hasProcessingInstruction(data) { throw .processingInstruction(part: part) }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        self.parser = parser
        let (ok, line, reason) = LibXML2.lock.withLock { () -> (Bool, Int, String) in
            let ok = parser.parse()
            return (ok, parser.lineNumber, parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error")
        }
        parser.delegate = nil
        if let stop { throw stop }
        if !ok { throw .malformedXML(part: part, line: line, reason: reason) }
        if !sawRoot || depth != 0 { throw .malformedXML(part: part, line: line, reason: "the part ends before its elements are closed") }
    }

    /// Whether `data` holds `<!DOCTYPE` in UTF-8 or UTF-16.
    static func hasDocumentType(_ data: Data) -> Bool {
        let marker = Array("<!DOCTYPE".utf8)
        let little: [UInt8] = marker.flatMap { [$0, 0] }
        let big: [UInt8] = marker.flatMap { [0, $0] }
        return [marker, little, big].contains { pattern in data.range(of: Data(pattern)) != nil }
    }

    /// Whether `data` holds `<?` anywhere but in the XML declaration at its start, in UTF-8 or UTF-16.
    static func hasProcessingInstruction(_ data: Data) -> Bool {
        let marker: [UInt8] = Array("<?".utf8)
        let patterns: [[UInt8]] = [marker, marker.flatMap { [$0, 0] }, marker.flatMap { [0, $0] }]
        let declaration = "<?xml".unicodeScalars.map { UInt8($0.value) }
        for pattern in patterns {
            var start = data.startIndex
            while let found = data.range(of: Data(pattern), in: start..<data.endIndex) {
                // The declaration may only come first, after a byte-order mark at most.
                let prefix = data[data.startIndex..<found.lowerBound]
                let isDeclaration =
                    prefix.count <= 3 && prefix.allSatisfy { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0xFE || $0 == 0xFF || $0 == 0 }
                    && data[found.lowerBound...].lazy.filter { $0 != 0 }.prefix(5).elementsEqual(declaration)
                if !isDeclaration { return true }
                start = found.upperBound
            }
        }
        return false
    }

    /// `x:row` → `row`.
    static func localName(_ name: String) -> String {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        // `r:id` is also given as `id`, unless the element has an unprefixed `id` of its own.
        // Most elements (every cell) have neither prefixed names nor declarations: passed as they are.
        var local = attributes
        if attributes.keys.contains(where: { $0.utf8.contains(UInt8(ascii: ":")) || $0.hasPrefix("xmlns") }) {
            local = [:]
            for (key, value) in attributes where !key.hasPrefix("xmlns") && !key.utf8.contains(UInt8(ascii: ":")) { local[key] = value }
            for (key, value) in attributes where !key.hasPrefix("xmlns") && key.utf8.contains(UInt8(ascii: ":")) {
                local[key] = value
                let bare = Self.localName(key)
                if local[bare] == nil { local[bare] = value }
            }
        }
        depth += 1
        sawRoot = true
        didStart(Self.localName(name), local)
        if stop != nil { parser.abortParsing() }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        didEnd(Self.localName(name))
        if stop != nil { parser.abortParsing() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        didFindText(string)
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        didFindText(String(decoding: block, as: UTF8.self))
    }
}

extension String {
    /// The text with the workbook escapes `_xHHHH_` (how Excel stores control characters) decoded.
    var decodingWorkbookEscapes: String {
        // Most texts have no `_`: checked on the bytes, without Foundation.
        guard utf8.contains(UInt8(ascii: "_")) else { return self }
        let scalars = Array(unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" {
                let digits = scalars[(index + 2)..<(index + 6)]
                if digits.allSatisfy({ $0.properties.isASCIIHexDigit }),
                    let value = UInt32(String(String.UnicodeScalarView(digits)), radix: 16), let scalar = Unicode.Scalar(value)
                {
                    result.append(scalar)
                    index += 7
                    continue
                }
            }
            result.append(scalars[index])
            index += 1
        }
        return String(result)
    }
}
