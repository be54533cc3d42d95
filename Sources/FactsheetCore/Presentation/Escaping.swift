/// Every escaping function of the project, one per target language.
public enum Escaping {
    /// Text made safe for HTML and XML element content and attribute values.
    public static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                // Control characters other than tab and line ends are not allowed in XML.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" {
                    result += " "
                } else if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += " "
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Text that prints as written when placed inside a Markdown paragraph.
    ///
    /// Every ASCII punctuation character gets a backslash (CommonMark allows escaping any of
    /// them), so `*`, `|`, `[`, `<`, `&` and the like never start markup; line ends and other
    /// control characters become spaces so a value cannot start a new block, and spaces at the
    /// ends are dropped so a value cannot indent a line into a code block.
    public static func markdown(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        var pendingSpaces = 0
        for scalar in text.unicodeScalars {
            // Tabs, line ends and other control characters print as spaces.
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == " " {
                pendingSpaces += 1
                continue
            }
            if pendingSpaces > 0 {
                if !result.isEmpty { result += String(repeating: " ", count: pendingSpaces) }
                pendingSpaces = 0
            }
            if scalar.isASCII && isASCIIPunctuation(scalar) {
                result += "\\"
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    private static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }
}
