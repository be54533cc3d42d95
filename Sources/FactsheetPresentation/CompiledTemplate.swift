import FactsheetSupport

/// A sheet template read into a tree once, and filled without swift-mustache's per-tag work.
///
/// swift-mustache parses and checks every template, and stays the definition of what a template
/// means: this type reads the same text with the same rules (its parser's handling of standalone
/// lines and the whitespace before tags, ported step by step; one consequence: the content-type
/// pragma the build puts first means no tag on a template's first line stands alone), and fills
/// it with the values a sheet gives (``TemplateValue``s: text, numbers, flags and rows) as its
/// renderer fills them from ``TemplateValue/mustacheValue(_:)``. What it saves is the renderer's
/// cost per tag: a name split, a context copied, values boxed as `Any` and several protocol
/// casts, about a microsecond for each of the sixty tags of a municipal sheet.
///
/// Anything outside that subset is left to swift-mustache: ``compile(_:)`` returns nil for a
/// template that changes delimiters, uses partials, blocks, transforms or pragmas, or has line
/// ends other than LF and CRLF, and ``render(_:shared:format:missed:)`` returns nil when a tag
/// prints a list or looks into a text. Tests fill hand-worked cases, generated templates and
/// every sheet of the shipped, fixture and random editions both ways and require the same text
/// and the same unknown names.
struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`; the name split at its dots.
        case variable([String], escaped: Bool)
        /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
        case section([String], [Node], inverted: Bool)
    }

    let nodes: [Node]

    /// The pragma every sheet template starts with, and the only one compiled.
    static let pragma = "{{% CONTENT_TYPE: \(MarkdownContentType.name)}}"

    /// `text` (a template's Markdown, without the pragma) read as swift-mustache reads the pragma
    /// and `text`; nil outside the subset, or when the text does not parse.
    static func compile(_ text: String) -> CompiledTemplate? {
        guard !text.contains(where: { $0.isNewline && !Reader.isLineEnd($0) }) else { return nil }
        var reader = Reader(Array(pragma + text))
        guard let nodes = reader.read(section: nil, newLine: true), reader.atEnd else { return nil }
        return CompiledTemplate(nodes: nodes)
    }

    /// The template filled with `values`, then `shared`, counts written as `format` writes them;
    /// names neither has are added to `missed` in the order Mustache looks them up. Nil when the
    /// values ask for what this renderer leaves to swift-mustache (and `missed` is then left as
    /// it was).
    func render(_ values: [String: TemplateValue], shared: [String: TemplateValue], format: LanguageFormat, missed: inout [String])
        -> String?
    {
        var filler = Filler(values: values, shared: shared, format: format)
        var out = ""
        out.reserveCapacity(4096)
        do {
            try filler.fill(nodes, into: &out)
        } catch {
            return nil
        }
        missed.append(contentsOf: filler.missed)
        return out
    }
}

// MARK: - Reading

extension CompiledTemplate {
    /// swift-mustache's `MustacheTemplate.parse` for the subset, over the same Characters.
    private struct Reader {
        let characters: [Character]
        var position = 0

        init(_ characters: [Character]) { self.characters = characters }

        var atEnd: Bool { position >= characters.count }
        var current: Character { atEnd ? "\0" : characters[position] }

        /// The line ends swift-mustache's parser reads as such everywhere (one Character each).
        static func isLineEnd(_ character: Character) -> Bool { character == "\n" || character == "\r\n" }

        static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")

        /// The nodes up to the end of `section` (its closing tag read) or of the text.
        mutating func read(section: String?, newLine startsOnNewLine: Bool) -> [Node]? {
            var nodes: [Node] = []
            var newLine = startsOnNewLine
            var whiteSpaceBefore = ""
            while !atEnd {
                if newLine { whiteSpaceBefore = read { $0 == " " || $0 == "\t" } }
                let text = readUntilTagOrNewline()
                if Self.isLineEnd(current) {
                    nodes.append(.text(whiteSpaceBefore + text + String(current)))
                    newLine = true
                    position += 1
                    continue
                }
                if !text.isEmpty {
                    nodes.append(.text(whiteSpaceBefore + text))
                    whiteSpaceBefore = ""
                    newLine = false
                }
                if atEnd { break }
                /// Whitespace before a tag that is not standalone is text of its own.
                func keepWhiteSpace() {
                    if !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(whiteSpaceBefore))
                        whiteSpaceBefore = ""
                    }
                }
                var setNewLine = false
                switch current {
                case "#", "^":
                    let inverted = current == "^"
                    position += 1
                    guard let name = readName() else { return nil }
                    if isStandalone(newLine) { setNewLine = true } else { keepWhiteSpace() }
                    guard let parts = Self.parts(of: name), let inner = read(section: name, newLine: setNewLine) else { return nil }
                    nodes.append(.section(parts, inner, inverted: inverted))
                case "/":
                    position += 1
                    guard let name = readName(), name == section else { return nil }
                    if !isStandalone(newLine) { keepWhiteSpace() }
                    return nodes
                case "!":
                    position += 1
                    guard skipComment() else { return nil }
                    setNewLine = isStandalone(newLine)
                case "%":
                    // Only the content-type pragma this type puts first.
                    guard position == 2, skip(Array(CompiledTemplate.pragma.dropFirst(2))) else { return nil }
                    setNewLine = isStandalone(newLine)
                case "{", "&":
                    keepWhiteSpace()
                    let triple = current == "{"
                    position += 1
                    guard let name = readName(), !triple || skip(["}"]), let parts = Self.parts(of: name) else { return nil }
                    nodes.append(.variable(parts, escaped: false))
                case ">", "=", "$", "<":
                    return nil
                default:
                    keepWhiteSpace()
                    guard let name = readName(), let parts = Self.parts(of: name) else { return nil }
                    nodes.append(.variable(parts, escaped: true))
                }
                newLine = setNewLine
            }
            return section == nil ? nodes : nil
        }

        /// A name as the renderer splits it; nil for what the subset leaves out: transforms,
        /// the current object (`.`) and names looked up from it (`.name`).
        static func parts(of name: String) -> [String]? {
            guard !name.isEmpty, !name.hasPrefix("."), !name.contains("("), !name.contains(")") else { return nil }
            return name.split(separator: ".").map(String.init)
        }

        mutating func read(while accepts: (Character) -> Bool) -> String {
            let start = position
            while !atEnd && accepts(characters[position]) { position += 1 }
            return String(characters[start..<position])
        }

        mutating func skip(_ expected: [Character]) -> Bool {
            guard position + expected.count <= characters.count, Array(characters[position..<(position + expected.count)]) == expected
            else { return false }
            position += expected.count
            return true
        }

        /// Text up to a line end (not read) or an opening `{{` (read).
        mutating func readUntilTagOrNewline() -> String {
            var text = ""
            while !atEnd {
                text += read { !Self.isLineEnd($0) && $0 != "{" }
                if atEnd || Self.isLineEnd(current) { break }
                if skip(["{", "{"]) { break }
                text.append("{")
                position += 1
            }
            return text
        }

        /// A tag's name and its closing `}}`.
        mutating func readName() -> String? {
            _ = read(while: \.isWhitespace)
            let name = read { Self.nameCharacters.contains($0) }
            _ = read(while: \.isWhitespace)
            return skip(["}", "}"]) ? name : nil
        }

        /// A comment's text and its closing `}}`, matched as swift-mustache matches it.
        mutating func skipComment() -> Bool {
            var matched = 0
            while !atEnd {
                if characters[position] == "}" {
                    matched += 1
                    if matched == 2 {
                        position += 1
                        return true
                    }
                } else {
                    matched = 0
                }
                position += 1
            }
            return false
        }

        /// A tag that began its line and ends it (or the text): the rest of the line, its line
        /// end included, is read.
        mutating func isStandalone(_ newLine: Bool) -> Bool {
            guard newLine else { return false }
            if atEnd { return true }
            var ahead = position
            while ahead < characters.count && (characters[ahead] == " " || characters[ahead] == "\t") { ahead += 1 }
            guard ahead < characters.count, Self.isLineEnd(characters[ahead]) else { return false }
            position = ahead + 1
            return true
        }
    }
}

// MARK: - Filling

extension CompiledTemplate {
    /// swift-mustache's renderer and context stack, for the values of a sheet.
    private struct Filler {
        enum Level {
            case row([String: TemplateValue])
            case count(Int)
            /// A text pushed by a section on it: answers `text` (by reflection) in swift-mustache.
            case text
            /// An empty list pushed by an inverted section on it: answers nothing.
            case empty
        }

        let values: [String: TemplateValue]
        let shared: [String: TemplateValue]
        let format: LanguageFormat
        var stack: [Level] = []
        var missed: [String] = []

        /// What swift-mustache would do in a way this renderer leaves to it (print a list, look
        /// into a text by reflection).
        struct Unsupported: Error {}

        /// The value of a name, from the innermost level outwards, then the sheet's values and
        /// the edition's; nil when none has it (recorded in `missed`, as the root level of
        /// ``StrictContext`` records it) or a later part of a dotted name finds nothing.
        mutating func lookUp(_ parts: [String]) throws -> TemplateValue? {
            let first = parts[0]
            var found: TemplateValue?
            search: for level in stack.reversed() {
                switch level {
                case .row(let row): found = row[first]
                case .count(let count): found = TemplateValue.child(ofCount: count, named: first, format: format)
                case .text: if first == "text" { throw Unsupported() }
                case .empty: break
                }
                if found != nil { break search }
            }
            if found == nil {
                found = values[first] ?? shared[first]
                if found == nil {
                    missed.append(first)
                    return nil
                }
            }
            for part in parts.dropFirst() {
                switch found {
                case .count(let count)?: found = TemplateValue.child(ofCount: count, named: part, format: format)
                case .list(_, let count)?: found = TemplateValue.child(ofList: count, named: part, format: format)
                case .text?: throw Unsupported()
                case .flag?, .rows?, nil: return nil
                }
            }
            return found
        }

        mutating func fill(_ nodes: [Node], into out: inout String) throws {
            for node in nodes {
                switch node {
                case .text(let text):
                    out += text
                case .variable(let parts, let escaped):
                    let printed: String
                    switch try lookUp(parts) {
                    case .text(let text)?: printed = text
                    case .count(let count)?: printed = format.number(count)
                    case .list(let text, _)?: printed = text
                    case .flag(let flag)?: printed = String(describing: flag)
                    case .rows?: throw Unsupported()
                    case nil: continue
                    }
                    out += escaped ? Escaping.markdown(printed) : printed
                case .section(let parts, let inner, let inverted):
                    switch (try lookUp(parts), inverted) {
                    case (.rows(let rows)?, false):
                        for row in rows { try fill(inner, into: &out, within: .row(row)) }
                    case (.rows(let rows)?, true):
                        if rows.isEmpty { try fill(inner, into: &out, within: .empty) }
                    case (.flag(let flag)?, _):
                        if flag != inverted { try fill(inner, into: &out) }
                    case (.count(let count)?, false):
                        try fill(inner, into: &out, within: .count(count))
                    case (.text?, false), (.list?, false):
                        try fill(inner, into: &out, within: .text)
                    case (.count?, true), (.text?, true), (.list?, true), (nil, false):
                        continue
                    case (nil, true):
                        try fill(inner, into: &out)
                    }
                }
            }
        }

        private mutating func fill(_ nodes: [Node], into out: inout String, within level: Level) throws {
            stack.append(level)
            defer { stack.removeLast() }
            try fill(nodes, into: &out)
        }
    }
}
