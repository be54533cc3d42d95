import Foundation

/// A test oracle: what one of our HTML pages says, read back from its markup with a few
/// patterns: language, title, headings and links. (Until the build handed the PDF step these as
/// values, the PDF step read them this way; the site index must say the same as the page.)
///
/// The pages are our own output (`PageLayout`), so a few patterns find these reliably; this is
/// not a general HTML parser.
struct HTMLOutline: Sendable, Equatable {
    /// The page's `<html lang>`.
    let language: String
    /// The page's `<title>`, entities decoded.
    let title: String
    /// Every heading (`h1`–`h6`) in reading order, as text.
    let headings: [Heading]

    struct Heading: Sendable, Equatable {
        let level: Int
        let text: String
    }

    init(html: String) {
        language = html.firstMatch(of: #/<html[^>]*\blang="([^"]*)"/#).map { Self.text(String($0.1)) } ?? ""
        title = html.firstMatch(of: #/<title>(.*?)</title>/#.dotMatchesNewlines()).map { Self.text(String($0.1)) } ?? ""
        let body = html.range(of: "<body").map { String(html[$0.lowerBound...]) } ?? html
        headings = body.matches(of: #/<h([1-6])\b[^>]*>(.*?)</h\1>/#.dotMatchesNewlines()).map { match in
            Heading(level: Int(match.1) ?? 1, text: Self.text(String(match.2)))
        }
    }

    /// The links inside `<main>`, in order, each with its `href` as written and its text.
    static func links(inMainOf html: String) -> [(href: String, text: String)] {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>", range: start.upperBound..<html.endIndex) else {
            return []
        }
        let main = html[start.lowerBound..<end.lowerBound]
        return main.matches(of: #/<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>/#.dotMatchesNewlines()).map { match in
            (decodeEntities(String(match.1)), text(String(match.2)))
        }
    }

    /// Markup as plain text: tags dropped, entities decoded, runs of white space made one space.
    static func text(_ markup: String) -> String {
        let untagged = markup.replacing(#/<[^>]*>/#, with: "")
        let decoded = decodeEntities(untagged)
        return decoded.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// Decodes the character references our pages use: the five named ones and numeric ones.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacing(#/&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);/#) { match -> String in
            let name = match.1
            switch name {
            case "amp": return "&"
            case "lt": return "<"
            case "gt": return ">"
            case "quot": return "\""
            case "apos": return "'"
            default:
                let digits = name.dropFirst()
                let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? String(match.0)
            }
        }
    }
}
