/// Every escaping function of the project, one per target language: HTML and XML (pages, SVG,
/// the sitemap), Markdown (values placed in templates), JSON (`indicators.json`, the manifest,
/// the data package), YAML (the strings files `new-language` edits), OOXML (the workbooks) and
/// XMP (the PDFs' metadata).
///
/// They differ where their languages differ: a character XML 1.0 forbids becomes a space in a
/// page, Excel's `_xHHHH_` escape in a workbook (so the cell keeps it) and nothing in XMP (whose
/// readers reject what a page's reader shows as a space). HTML and Markdown work on UTF-8 bytes:
/// only ASCII characters ever need escaping, and every page of a large build passes thousands
/// of values through them.
public enum Escaping {
    /// Text made safe for HTML and XML element content and attribute values.
    ///
    /// `& < > " '` become references; characters XML 1.0 forbids (controls below U+0020 other
    /// than tab and line ends, and the noncharacters U+FFFE and U+FFFF) become spaces.
    public static func html(_ text: String) -> String {
        guard needsHTMLEscaping(text) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        appendHTML(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``html(_:)`` written onto the end of UTF-8 `bytes`, for writers that build a page as bytes.
    public static func appendHTML(_ text: String, to bytes: inout [UInt8]) {
        guard needsHTMLEscaping(text) else {
            bytes.append(contentsOf: text.utf8)
            return
        }
        var text = text
        text.withUTF8 { source in
            var index = 0
            while index < source.count {
                let byte = source[index]
                switch byte {
                case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
                case 0x09, 0x0A, 0x0D: bytes.append(byte)
                case 0..<0x20: bytes.append(UInt8(ascii: " "))
                case 0xEF
                where index + 2 < source.count && source[index + 1] == 0xBF && (source[index + 2] == 0xBE || source[index + 2] == 0xBF):
                    bytes.append(UInt8(ascii: " "))
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
        }
    }

    /// Whether any byte of `text` needs escaping; a plain loop over contiguous UTF-8, since most values need none.
    private static func needsHTMLEscaping(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            for byte in buffer where byte < 0x20 || byte == 0xEF || specialInHTML(byte) { return true }
            return false
        }
    }

    @inline(__always)
    private static func specialInHTML(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }

    /// Text that prints as written when placed inside a Markdown paragraph.
    ///
    /// Every ASCII punctuation character gets a backslash (CommonMark allows escaping any of
    /// them), so `*`, `|`, `[`, `<`, `&` and the like never start markup; line ends and other
    /// control characters become spaces so a value cannot start a new block, and spaces at the
    /// ends are dropped so a value cannot indent a line into a code block.
    public static func markdown(_ text: String) -> String {
        // Most values (numbers, words, names) need nothing: hand them back without copying.
        if let first = text.utf8.first, let last = text.utf8.last, first != UInt8(ascii: " "), last != UInt8(ascii: " "),
            !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || isASCIIPunctuation($0) })
        {
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        var pendingSpaces = 0
        for byte in text.utf8 {
            // Tabs, line ends and other control characters print as spaces.
            if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: " ") {
                pendingSpaces += 1
                continue
            }
            if pendingSpaces > 0 {
                if !bytes.isEmpty { bytes += repeatElement(UInt8(ascii: " "), count: pendingSpaces) }
                pendingSpaces = 0
            }
            if isASCIIPunctuation(byte) { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }

    /// A JSON string literal, quotes included: `"` and `\\` escaped, control characters as
    /// `\\n`, `\\r`, `\\t` or `\\u00XX`; everything else as it is (JSON text is UTF-8).
    public static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + hex(scalar.value, digits: 4, uppercase: false)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text for an Office Open XML part's content or quoted attribute: `& < > "` as entities;
    /// characters XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF) and a literal
    /// `_xHHHH_` as the workbook escape `_xHHHH_`, which Excel and LibreOffice decode back.
    public static func ooxml(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        appendOOXML(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``ooxml(_:)`` written onto the end of UTF-8 `bytes`, for the workbook's worksheets (a
    /// cell each). The bytes the rules look at are ASCII or the three of U+FFFE and U+FFFF, so
    /// going byte by byte finds what going scalar by scalar finds.
    public static func appendOOXML(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            let count = utf8.count
            var index = 0
            while index < count {
                let byte = utf8[index]
                switch byte {
                case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "_")
                where index + 6 < count && utf8[index + 1] == UInt8(ascii: "x") && utf8[index + 6] == UInt8(ascii: "_")
                    && (index + 2..<index + 6).allSatisfy({ isHexDigit(utf8[$0]) }):
                    bytes.append(contentsOf: "_x005F_".utf8)
                case 0x09, 0x0A, 0x0D: bytes.append(byte)
                case 0..<0x20:
                    bytes.append(contentsOf: "_x00".utf8)
                    bytes.append(hexDigits[Int(byte >> 4)])
                    bytes.append(hexDigits[Int(byte & 0x0F)])
                    bytes.append(UInt8(ascii: "_"))
                case 0xEF where index + 2 < count && utf8[index + 1] == 0xBF && (utf8[index + 2] == 0xBE || utf8[index + 2] == 0xBF):
                    bytes.append(contentsOf: (utf8[index + 2] == 0xBE ? "_xFFFE_" : "_xFFFF_").utf8)
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }

    /// A YAML double-quoted scalar, quotes included: `"` and `\\` escaped, tab and line feed as
    /// `\\t` and `\\n`, other control characters and DEL as `\\xHH`; everything else as it is.
    public static func yamlDoubleQuoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    quoted += "\\x" + hex(scalar.value, digits: 2, uppercase: true)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    /// Text as XMP (XML) character data: markup characters escaped, characters XML 1.0 forbids dropped.
    public static func xmp(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value >= 0x20 && !(0xFFFE...0xFFFF).contains(value) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    private static func hex(_ value: UInt32, digits: Int, uppercase: Bool) -> String {
        let text = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
