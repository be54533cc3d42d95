import Foundation

/// Streams the elements of one XML part of a workbook to closures, through libxml2's reader (``XMLReader``).
///
/// Element and attribute names are given without their namespace prefix (`x:row` is `row`):
/// some writers prefix the spreadsheet namespace, Excel does not. A part holding a document
/// type declaration is refused before parsing, so no entity is ever expanded; one holding a
/// processing instruction is refused where the reader meets it.
final class WorkbookXMLReader {
    /// Called with the element's local name and its attributes by local name.
    var didStart: (String, [String: String]) -> Void = { _, _ in }
    var didEnd: (String) -> Void = { _ in }
    /// Called with character data (CDATA included), in as many pieces as the parser likes.
    var didFindText: (String) -> Void = { _ in }
    /// Set by a closure to stop parsing with this defect.
    var stop: WorkbookDefect?

    /// Parses `data`, the part named `part`; throws the first defect found.
    func parse(_ data: Data, part: String) throws(WorkbookDefect) {
        if Self.hasDocumentType(data) { throw .documentTypeDeclaration(part: part) }
        // Elements open now, and whether a root element was seen.
        var depth = 0
        var sawRoot = false
        let reader: XMLReader
        do { reader = try XMLReader(data) } catch { throw .malformedXML(part: part, line: error.line, reason: error.reason()) }
        while true {
            let event: XMLReader.Event?
            do { event = try reader.next() } catch { throw .malformedXML(part: part, line: error.line, reason: error.reason()) }
            guard let event else { break }
            switch event {
            case .start(let name, let attributes):
                depth += 1
                sawRoot = true
                didStart(Self.localName(name), Self.localAttributes(attributes))
            case .end(let name):
                depth -= 1
                didEnd(Self.localName(name))
            case .text(let text):
                didFindText(text)
            case .processingInstruction:
                throw .processingInstruction(part: part)
            case .documentType:
                throw .documentTypeDeclaration(part: part)
            }
            if let stop { throw stop }
        }
        if !sawRoot || depth != 0 {
            throw .malformedXML(
                part: part, line: data.count { $0 == UInt8(ascii: "\n") } + 1, reason: "the part ends before its elements are closed")
        }
    }

    /// Whether `data` holds `<!DOCTYPE` in UTF-8 or UTF-16.
    static func hasDocumentType(_ data: Data) -> Bool {
        let marker = Array("<!DOCTYPE".utf8)
        let little: [UInt8] = marker.flatMap { [$0, 0] }
        let big: [UInt8] = marker.flatMap { [0, $0] }
        return [marker, little, big].contains { pattern in data.range(of: Data(pattern)) != nil }
    }

    /// The attributes by name; `r:id` is also given as `id`, unless the element has an unprefixed
    /// `id` of its own. Namespace declarations are left out.
    static func localAttributes(_ attributes: [(name: String, value: String)]) -> [String: String] {
        var local: [String: String] = [:]
        // Most elements (every cell) have neither prefixed names nor declarations: taken as they are.
        guard attributes.contains(where: { $0.name.utf8.contains(UInt8(ascii: ":")) || $0.name.hasPrefix("xmlns") }) else {
            for (key, value) in attributes { local[key] = value }
            return local
        }
        for (key, value) in attributes where !key.hasPrefix("xmlns") && !key.utf8.contains(UInt8(ascii: ":")) { local[key] = value }
        for (key, value) in attributes where !key.hasPrefix("xmlns") && key.utf8.contains(UInt8(ascii: ":")) {
            local[key] = value
            let bare = Self.localName(key)
            if local[bare] == nil { local[bare] = value }
        }
        return local
    }

    /// `x:row` → `row`.
    static func localName(_ name: String) -> String {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
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
