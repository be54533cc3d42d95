import Mustache

/// A municipal template with the edition's values written in: what every sheet of a language
/// prints the same (`{{census_threshold}}`, `{{#census_threshold.one}}member{{/…}}`) is
/// worked out once per build instead of on each of thousands of sheets, where every lookup
/// costs swift-mustache a name split and several protocol casts.
///
/// The text is rewritten as Mustache itself would render those tags: a variable becomes its
/// escaped text; a section whose value is a Bool keeps or drops its content, and a section tag
/// alone on its line (a standalone tag) takes its line with it. Nothing is rewritten when the
/// template changes delimiters, uses partials or has CR line ends, nor on a line that keeps a
/// section or comment tag (whose standalone status the rewrite could change). A sheet uses the
/// rewritten template only when ``applies(to:)``: its own values could not hide an edition's
/// value it resolved (Mustache looks names up from the innermost section outwards).
struct SpecialisedTemplate: Sendable {
    /// The rewritten Markdown template, and the same parsed.
    let text: String
    let template: MustacheTemplate
    /// The first part of every name written in (`census_threshold` for `census_threshold.one`).
    let resolved: Set<String>
    /// Sections left in the template that stand around a name written in, and could make a
    /// context of their own (`years`).
    let enclosing: Set<String>

    /// Whether `values` render the same with this template as with the original.
    func applies(to values: [String: Any]) -> Bool {
        for name in resolved where values[name] != nil { return false }
        for name in enclosing {
            let first = Self.firstName(name)
            guard let value = values[first] else { continue }
            if name == first, value is Bool { continue }
            if name != first, value is TemplateCount { continue }
            if name == first, let rows = value as? [TemplateRow],
                rows.allSatisfy({ row in resolved.allSatisfy { row.values[$0] == nil } })
            {
                continue
            }
            return false
        }
        return true
    }

    /// `text` (a template's Markdown, without the content-type pragma) with what `shared`
    /// settles written in; nil when nothing can be or the template is outside the cases handled.
    static func make(_ text: String, shared: [String: Any]) -> SpecialisedTemplate? {
        _ = MarkdownContentType.registration
        guard !text.contains("\r"), !text.contains("{{="), !text.contains("{{>") else { return nil }
        var lines: [[Line.Part]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let parts = Line(String(line)).parts else { return nil }
            lines.append(parts)
        }

        // Which tags could be written in, and each section's closing tag. Tags are numbered in
        // the order they stand in the text.
        var tags: [Tag] = []
        var tagsOnLine: [[Int]] = []
        for parts in lines {
            tagsOnLine.append([])
            for tag in parts.compactMap(\.tag) {
                tagsOnLine[tagsOnLine.count - 1].append(tags.count)
                tags.append(tag)
            }
        }
        var value: [Int: Resolved] = [:]
        var partner: [Int: Int] = [:]
        var open: [Int] = []
        for index in tags.indices {
            let current = tags[index]
            switch current.kind {
            case .section, .inverted:
                open.append(index)
                if let resolved = resolve(current.name, shared: shared), case .bool = resolved { value[index] = resolved }
            case .close:
                guard let opening = open.popLast(), tags[opening].name == current.name else { return nil }
                partner[index] = opening
                partner[opening] = index
                if value[opening] != nil { value[index] = value[opening] }
            case .variable:
                if let resolved = resolve(current.name, shared: shared), case .text = resolved { value[index] = resolved }
            case .unescaped, .comment:
                break
            }
        }
        guard open.isEmpty else { return nil }

        // A line that keeps a section or comment tag keeps every tag it has; a section kept on
        // one of its lines is kept on the other.
        var changed = true
        while changed {
            changed = false
            for onLine in tagsOnLine {
                let keepsStandalone = onLine.contains { value[$0] == nil && tags[$0].kind.canStandAlone }
                guard keepsStandalone else { continue }
                // A variable written in as visible text leaves the line as far from standalone as
                // the tag did; anything else could make the kept tag stand alone.
                for index in onLine where value[index] != nil {
                    if case .text(let rendered) = value[index], rendered.contains(where: { $0 != " " && $0 != "\t" }) { continue }
                    value[index] = nil
                    if let other = partner[index] { value[other] = nil }
                    changed = true
                }
            }
        }
        guard !value.isEmpty else { return nil }

        var out = ""
        var resolvedNames = Set<String>()
        var enclosing = Set<String>()
        // Open sections: whether their content is kept, and whether they could make a context of
        // their own (a section left in; an inverted one, or one written in, never does).
        var stack: [(name: String, keeps: Bool, pushes: Bool)] = []
        var dropping: Bool { stack.contains { !$0.keeps } }
        /// Records a name written in, and the sections left around it that could hide it.
        func writtenIn(_ name: String) {
            resolvedNames.insert(Self.firstName(name))
            for section in stack where section.pushes { enclosing.insert(section.name) }
        }
        var number = 0
        for (lineIndex, parts) in lines.enumerated() {
            let newline = lineIndex < lines.count - 1 ? "\n" : ""
            let lineTags = parts.indices.filter { parts[$0].tag != nil }
            let first = number
            // A written-in section tag alone on its line takes the line with it.
            let standalone =
                lineTags.count == 1 && value[first] != nil && parts[lineTags[0]].tag!.kind.canStandAlone
                && parts.allSatisfy { $0.tag != nil || $0.text.allSatisfy { $0 == " " || $0 == "\t" } }
            var text = ""
            for part in parts {
                guard let current = part.tag else {
                    if !dropping { text += part.text }
                    continue
                }
                let index = number
                number += 1
                switch (current.kind, value[index]) {
                case (.section, .bool(let truth)?), (.inverted, .bool(let truth)?):
                    writtenIn(current.name)
                    stack.append((current.name, current.kind == .section ? truth : !truth, false))
                case (.close, _) where value[index] != nil:
                    stack.removeLast()
                case (.variable, .text(let rendered)?):
                    writtenIn(current.name)
                    if !dropping { text += rendered }
                default:
                    if current.kind == .section || current.kind == .inverted {
                        if !dropping { text += part.text }
                        stack.append((current.name, true, current.kind == .section))
                    } else if current.kind == .close {
                        if !dropping { text += part.text }
                        stack.removeLast()
                    } else if !dropping {
                        text += part.text
                    }
                }
            }
            if standalone { continue }
            out += text
            if !dropping { out += newline }
        }
        // A section of the edition's own that makes a context (a list) could hide a name: none is
        // expected, and none is handled.
        for name in enclosing {
            if let value = shared[Self.firstName(name)], !(value is Bool), !(value is TemplateCount) { return nil }
        }
        guard
            let template = try? MustacheTemplate(
                string: "{{% CONTENT_TYPE: \(MarkdownContentType.name)}}" + out)
        else { return nil }
        return SpecialisedTemplate(text: out, template: template, resolved: resolvedNames, enclosing: enclosing)
    }

    /// The part of a dotted name Mustache looks up first (`census_threshold` of `census_threshold.one`).
    static func firstName(_ name: String) -> String {
        String(name.prefix { $0 != "." })
    }

    enum Resolved {
        case bool(Bool)
        case text(String)
    }

    /// What `name` is in `shared` alone: a Bool for a section, the escaped text for a variable.
    static func resolve(_ name: String, shared: [String: Any]) -> Resolved? {
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains(" ") else { return nil }
        let names = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard var value = shared[names[0]] else { return nil }
        for child in names.dropFirst() {
            guard let parent = value as? MustacheParent, let next = parent.child(named: child) else { return nil }
            value = next
        }
        if let truth = value as? Bool { return .bool(truth) }
        guard value is TemplateText || value is TemplateCount || value is String else { return nil }
        // Rendered by Mustache itself, so the text is escaped exactly as on the sheet.
        guard let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: \(MarkdownContentType.name)}}{{\(name)}}")
        else { return nil }
        return .text(template.render(shared))
    }

    /// A tag's kind, from its sigil.
    enum Kind {
        case variable, unescaped, section, inverted, close, comment

        /// Kinds that Mustache removes with their line when they stand alone on it.
        var canStandAlone: Bool { self == .section || self == .inverted || self == .close || self == .comment }
    }

    struct Tag {
        let kind: Kind
        let name: String
    }

    /// One line of the template as text and tags; `parts` is nil for a line outside what is handled.
    struct Line {
        struct Part {
            let text: String
            let tag: Tag?
        }

        let parts: [Part]?

        init(_ line: String) {
            var parts: [Part] = []
            var rest = line[...]
            while let start = rest.range(of: "{{") {
                if start.lowerBound > rest.startIndex { parts.append(Part(text: String(rest[..<start.lowerBound]), tag: nil)) }
                let triple = rest[start.upperBound...].hasPrefix("{")
                guard let end = rest[start.upperBound...].range(of: triple ? "}}}" : "}}") else {
                    self.parts = nil
                    return
                }
                let whole = String(rest[start.lowerBound..<end.upperBound])
                var inner = rest[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
                let kind: Kind
                switch inner.first {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case "!": kind = .comment
                case "&", "{": kind = .unescaped
                case "%", ">", "=", "$", "<":
                    self.parts = nil
                    return
                default: kind = .variable
                }
                if kind != .variable { inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces) }
                // Transforms (`uppercased(name)`) look up another name than the tag shows.
                guard !inner.contains("(") else {
                    self.parts = nil
                    return
                }
                parts.append(Part(text: whole, tag: Tag(kind: kind, name: inner)))
                rest = rest[end.upperBound...]
            }
            if !rest.isEmpty { parts.append(Part(text: String(rest), tag: nil)) }
            self.parts = parts
        }
    }
}
