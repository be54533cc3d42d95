import FactsheetSupport
import Yams

/// A YAML file edited as text: entries and list items are inserted as lines (or into a `[…]`
/// or `{…}` on its line), values replaced in place, so that every comment, blank line and
/// indentation the file had stays as it was. A dump of the parsed document would lose them.
///
/// Places come from the composed document's marks (1-based lines and columns, columns counted
/// in Unicode scalars, as libYAML counts them). Edits are collected and applied together by
/// ``text``, from the end of the file backwards, so that each keeps the place it was given.
package struct YAMLText {
    /// The lines without their line ends (a CRLF file's `\r` stays on each line).
    private let lines: [[Unicode.Scalar]]
    private let hasBOM: Bool
    private let lineEnd: String
    private var edits: [Edit] = []

    private struct Edit {
        /// 1-based line; the text goes before `column` (a 0-based scalar offset; `Int.max`: as lines after the line).
        let line: Int
        let column: Int
        let replacing: Int
        let text: String
    }

    package init(_ text: String) {
        var body = Substring(text)
        hasBOM = body.unicodeScalars.first == "\u{FEFF}"
        if hasBOM { body = Substring(body.unicodeScalars.dropFirst()) }
        // Split on scalars: to `String`, "\r\n" is one character, not a "\n".
        lines = body.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        lineEnd = lines.first?.last == "\r" ? "\r\n" : "\n"
    }

    /// The text with every edit made.
    package var text: String {
        var lines = self.lines.map { String(String.UnicodeScalarView($0)) }
        let ordered = edits.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) > ($1.element.line, $1.element.column, $1.offset)
        }
        let carriage = lineEnd == "\r\n" ? "\r" : ""
        for (_, edit) in ordered {
            if edit.column == Int.max {
                lines.insert(edit.text + carriage, at: min(edit.line, lines.count))
            } else {
                var scalars = Array(lines[edit.line - 1].unicodeScalars)
                let start = min(edit.column, scalars.count)
                scalars.replaceSubrange(start..<min(start + edit.replacing, scalars.count), with: Array(edit.text.unicodeScalars))
                lines[edit.line - 1] = String(String.UnicodeScalarView(scalars))
            }
        }
        return (hasBOM ? "\u{FEFF}" : "") + lines.joined(separator: "\n")
    }

    // MARK: - Edits

    /// Adds `item` (written as YAML) at the end of the sequence `node`: `[sq, en]` becomes
    /// `[sq, en, de]`; a block sequence gets a `- de` line after its last item.
    package mutating func append(_ item: String, to node: Node) {
        guard let mark = node.mark else { return }
        if let close = closing(of: mark) {
            insertBeforeClosing(close, open: mark, text: item)
            return
        }
        guard let last = node.sequence?.last?.mark else { return }
        // The last item's line up to the item: its indentation and `- `.
        let prefix = String(String.UnicodeScalarView(lines[last.line - 1].prefix(last.column - 1)))
        let dash = prefix.unicodeScalars.firstIndex(of: "-").map {
            prefix.unicodeScalars.distance(from: prefix.unicodeScalars.startIndex, to: $0)
        }
        insertLines([prefix + item], after: entryEnd(from: last.line, indent: dash ?? (last.column - 1)))
    }

    /// Adds the entry `key: value` (both written as YAML) to the mapping `node`, right after the
    /// entry of `after` when there is one, else after its last entry: in a `{…}` before the `}`,
    /// in a block mapping as a line with the entries' indentation.
    package mutating func insert(key: String, value: String, into node: Node, after: String? = nil) {
        guard let mark = node.mark, let mapping = node.mapping else { return }
        if let close = closing(of: mark) {
            insertBeforeClosing(close, open: mark, text: "\(key): \(value)")
            return
        }
        let anchor = mapping.first { $0.key.string == after } ?? mapping.reversed().first { _ in true }
        guard let keyMark = anchor?.key.mark else { return }
        let indent = keyMark.column - 1
        insertLines([String(repeating: " ", count: indent) + "\(key): \(value)"], after: entryEnd(from: keyMark.line, indent: indent))
    }

    /// Adds `lines` at the end of the top-level mapping: after its last entry.
    package mutating func appendAtEnd(_ new: [String]) {
        var last = lines.count
        while last > 0, Self.isBlankOrComment(lines[last - 1]) { last -= 1 }
        insertLines(new, after: last)
    }

    /// Adds `lines` after the entry whose key is `key` in the block mapping `mapping`.
    package mutating func insertLines(_ new: [String], afterEntry key: String, in mapping: Node.Mapping) {
        guard let keyMark = mapping.first(where: { $0.key.string == key })?.key.mark else { return }
        insertLines(new, after: entryEnd(from: keyMark.line, indent: keyMark.column - 1))
    }

    /// Replaces the scalar `node` as written (a plain word up to a comment or the line's end, or
    /// a quoted text) with `value` (written as YAML); nothing for a scalar over several lines.
    package mutating func replace(_ node: Node, with value: String) {
        guard let mark = node.mark, lines.indices.contains(mark.line - 1) else { return }
        let line = lines[mark.line - 1]
        let start = mark.column - 1
        guard start < line.count else { return }
        var end = start
        if line[start] == "\"" || line[start] == "'" {
            let quote = line[start]
            end = start + 1
            while end < line.count {
                if line[end] == "\\" && quote == "\"" {
                    end += 2
                    continue
                }
                if line[end] == quote {
                    if quote == "'" && end + 1 < line.count && line[end + 1] == "'" {
                        end += 2
                        continue
                    }
                    end += 1
                    break
                }
                end += 1
            }
        } else {
            while end < line.count, line[end] != "\r", !(line[end] == "#" && end > start && (line[end - 1] == " " || line[end - 1] == "\t"))
            {
                end += 1
            }
            while end > start, line[end - 1] == " " || line[end - 1] == "\t" || line[end - 1] == "\r" { end -= 1 }
        }
        edits.append(Edit(line: mark.line, column: start, replacing: end - start, text: value))
    }

    /// Adds whole lines after line `line` (1-based; 0 puts them first).
    package mutating func insertLines(_ new: [String], after line: Int) {
        for text in new { edits.append(Edit(line: line, column: Int.max, replacing: 0, text: text)) }
    }

    // MARK: - Finding places

    /// The last line of the block entry (or list item) that starts on `line` with its key at
    /// `indent`: the lines after it that are more indented belong to it, and blank or comment
    /// lines only when more of it follows.
    func entryEnd(from line: Int, indent: Int) -> Int {
        var end = line
        var next = line + 1
        while next <= lines.count {
            let scalars = lines[next - 1]
            if Self.isBlankOrComment(scalars) {
                next += 1
                continue
            }
            guard Self.indentation(scalars) > indent else { break }
            end = next
            next += 1
        }
        return end
    }

    /// Where the `[…]` or `{…}` opened at `mark` closes (1-based line, 0-based column), or nil
    /// when `mark` is not at a `[` or `{`. Quotes, comments and nested brackets are skipped.
    private func closing(of mark: Mark) -> (line: Int, column: Int)? {
        guard lines.indices.contains(mark.line - 1), mark.column - 1 < lines[mark.line - 1].count else { return nil }
        let first = lines[mark.line - 1][mark.column - 1]
        guard first == "[" || first == "{" else { return nil }
        var depth = 0
        var quote: Unicode.Scalar?
        var lineIndex = mark.line - 1
        var column = mark.column - 1
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            while column < line.count {
                let scalar = line[column]
                if let open = quote {
                    if scalar == "\\" && open == "\"" {
                        column += 1
                    } else if scalar == open {
                        quote = nil
                    }
                } else if scalar == "\"" || scalar == "'" {
                    quote = scalar
                } else if scalar == "#" && (column == 0 || line[column - 1] == " " || line[column - 1] == "\t") {
                    break
                } else if scalar == "[" || scalar == "{" {
                    depth += 1
                } else if scalar == "]" || scalar == "}" {
                    depth -= 1
                    if depth == 0 { return (lineIndex + 1, column) }
                }
                column += 1
            }
            lineIndex += 1
            column = 0
        }
        return nil
    }

    /// Puts `, text` after the last item before `close`, or `text` alone in an empty `[]`/`{}`.
    private mutating func insertBeforeClosing(_ close: (line: Int, column: Int), open: Mark, text: String) {
        // Back over spaces (and line ends) to the last character of the last item.
        var line = close.line
        var column = close.column
        while true {
            let scalars = lines[line - 1]
            var index = min(column, scalars.count)
            while index > 0, scalars[index - 1] == " " || scalars[index - 1] == "\t" || scalars[index - 1] == "\r" { index -= 1 }
            if index > 0 || line == open.line {
                column = index
                break
            }
            line -= 1
            column = lines[line - 1].count
        }
        let isEmpty = line == open.line && column == open.column
        edits.append(Edit(line: line, column: column, replacing: 0, text: isEmpty ? text : ", " + text))
    }

    private static func indentation(_ line: [Unicode.Scalar]) -> Int {
        line.prefix { $0 == " " }.count
    }

    private static func isBlankOrComment(_ line: [Unicode.Scalar]) -> Bool {
        let rest = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        return rest.isEmpty || rest.first == "#"
    }

    // MARK: - Writing values

    /// `text` as a YAML scalar that reads back as exactly that text: as it is when it is plain
    /// words YAML reads as text in a block and in a `{…}`, else in double quotes (``Escaping/yamlDoubleQuoted(_:)``).
    package static func scalar(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || " .-/()’".unicodeScalars.contains($0)
        }
        let typed: Set = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
        if plain, let first = text.unicodeScalars.first, first.properties.isAlphabetic, text.last != " ", !typed.contains(text.lowercased())
        {
            return text
        }
        return Escaping.yamlDoubleQuoted(text)
    }
}
