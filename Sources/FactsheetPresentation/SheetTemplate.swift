import FactsheetInput
import FactsheetSupport
import Foundation
import MarkdownRendering
import Mustache

/// Escapes values for Markdown when a template prints them with `{{name}}`.
struct MarkdownContentType: MustacheContentType {
    static let name = "MARKDOWN"
    /// Registered once per process, the first time a template is parsed.
    static let registration: Void = MustacheContentTypes.register(MarkdownContentType(), named: name)

    func escapeText(_ text: String) -> String { Escaping.markdown(text) }
}

/// The fact sheet's Markdown template in one language, parsed and checked.
package struct SheetTemplate: Sendable {
    /// The info string that marks a chart: ```` ```chart ID ````.
    package static let chartFence = "chart"

    let language: Language
    package let source: SourceFile
    let template: MustacheTemplate
    /// The same, read for filling without swift-mustache's per-tag work; nil when the template
    /// uses what ``CompiledTemplate`` leaves to swift-mustache.
    let compiled: CompiledTemplate?
    /// The chart fences in the template, with their lines.
    package let charts: [FencedBlock]

    /// Parses `source`; on failure records where and returns nil. Plural forms the template
    /// tests (`{{#count.one}}`) must cover every category `format`'s language has.
    package static func parse(_ source: SourceFile, format: LanguageFormat, log: inout DiagnosticLog) -> SheetTemplate? {
        _ = MarkdownContentType.registration
        guard let text = source.text(log: &log) else { return nil }
        if let (problem, line) = structureProblem(text) {
            // swift-mustache's parser recurses once per nested section: stopped before it starts.
            log.error(problem, at: SourceLocation(file: source.path, line: line))
            return nil
        }
        do {
            let template = try MustacheTemplate(string: CompiledTemplate.pragma + text)
            let charts = MarkdownDocument(markdown: text).fencedBlocks(withInfoPrefix: chartFence)
            let errorsBefore = log.errorCount
            checkForms(text, source: source, format: format, log: &log)
            guard log.errorCount == errorsBefore else { return nil }
            return SheetTemplate(
                language: format.language, source: source, template: template, compiled: CompiledTemplate.compile(text), charts: charts)
        } catch let error as MustacheTemplate.ParserError {
            let location = SourceLocation(file: source.path, line: error.context.lineNumber, character: error.context.columnNumber)
            let reason = (error.error as? MustacheTemplate.Error).map(Self.describe) ?? "the template could not be read as Mustache"
            log.error(.templateSyntax(reason), at: location)
            return nil
        } catch {
            log.error(.templateSyntax("the template could not be read as Mustache"), at: SourceLocation(file: source.path))
            return nil
        }
    }

    /// swift-mustache's reason in words.
    private static func describe(_ error: MustacheTemplate.Error) -> String {
        switch error {
        case .sectionCloseNameIncorrect: "a section is closed with another name than it was opened with ({{#a}}…{{/a}})"
        case .unfinishedName: "a tag is not closed with }} (or a name in it is not finished)"
        case .expectedSectionEnd: "a section is opened but never closed; expected {{/name}} for every {{#name}} and {{^name}}"
        case .invalidSetDelimiter: "a {{=… …=}} tag that changes the delimiters is not written as two delimiters between = signs"
        case .transformAppliedToInheritanceSection: "a transform is applied to a block that replaces another"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection: "a block that replaces another holds something other than blocks"
        case .invalidConfigVariableSyntax: "a {{% … }} setting is not written as NAME: VALUE"
        case .unrecognisedConfigVariable: "a {{% … }} setting is not one swift-mustache knows"
        }
    }

    /// The first place where `text` nests sections deeper than ``InputLimits/nesting`` or
    /// includes another template, with its line; nil when there is none. Reads tags as
    /// swift-mustache does, delimiter changes included.
    static func structureProblem(_ text: String) -> (Problem, Int)? {
        let bytes = Array(text.utf8)
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        var position = 0
        var line = 1
        var counted = 0
        var depth = 0
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
            var index = start
            while index + needle.count <= bytes.count {
                if bytes[index] == needle[0] && bytes[index..<index + needle.count].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }
        while let start = find(open, from: position) {
            for byte in bytes[counted..<start] where byte == UInt8(ascii: "\n") { line += 1 }
            counted = start
            let inner = start + open.count
            guard inner < bytes.count else { break }
            // `{{{name}}}` ends with one more `}` before the delimiter.
            let triple = bytes[inner] == UInt8(ascii: "{") && open == Array("{{".utf8)
            guard let end = find(triple ? [UInt8(ascii: "}")] + close : close, from: inner) else { break }
            let content = String(decoding: bytes[inner..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            position = end + (triple ? 1 : 0) + close.count
            guard let sigil = content.first, !triple else { continue }
            switch sigil {
            case "#", "^", "$", "<":
                if sigil == "<" { return (.templatePartial(String(decoding: bytes[start..<position], as: UTF8.self)), line) }
                depth += 1
                if depth > InputLimits.nesting { return (.nestedTooDeep(limit: InputLimits.nesting, what: "sections"), line) }
            case "/":
                depth = max(0, depth - 1)
            case ">":
                return (.templatePartial(String(decoding: bytes[start..<position], as: UTF8.self)), line)
            case "=":
                let delimiters = content.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                if content.hasSuffix("="), delimiters.count == 2 {
                    open = Array(delimiters[0].utf8)
                    close = Array(delimiters[1].utf8)
                }
            default:
                continue
            }
        }
        return nil
    }

    /// Checks every `{{name.form}}` tag: the form is a plural category or `words`, and a value
    /// whose forms are tested gets a text for each category the language has (or an inverted
    /// section, `{{^name.one}}`, for the rest).
    private static func checkForms(_ text: String, source: SourceFile, format: LanguageFormat, log: inout DiagnosticLog) {
        var tested: [String: (categories: Set<String>, inverted: Bool, line: Int)] = [:]
        var order: [String] = []
        // Scanned as bytes: tags are ASCII names, and a Foundation search per tag cost milliseconds.
        let bytes = Array(text.utf8)
        let space = UInt8(ascii: " ")
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        var line = 1
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            guard bytes[index] == open, bytes[index + 1] == open else {
                index += 1
                continue
            }
            var end = index + 2
            while end + 1 < bytes.count && !(bytes[end] == close && bytes[end + 1] == close) && bytes[end] != 0x0A { end += 1 }
            guard end + 1 < bytes.count, bytes[end] == close else {
                index = end
                continue
            }
            var tag = bytes[(index + 2)..<end].drop { $0 == space || $0 == open }
            while let last = tag.last, last == space || last == close { tag = tag.dropLast() }
            index = end + 2
            let sigil = tag.first.flatMap { Array("#^/&!%>".utf8).contains($0) ? $0 : nil }
            if sigil == UInt8(ascii: "!") || sigil == UInt8(ascii: "%") || sigil == UInt8(ascii: ">") { continue }
            if sigil != nil { tag = tag.dropFirst().drop { $0 == space } }
            guard let dot = tag.lastIndex(of: UInt8(ascii: ".")) else { continue }
            let name = String(decoding: tag[..<dot], as: UTF8.self)
            let form = String(decoding: tag[(dot + 1)...], as: UTF8.self)
            guard TemplateValue.countForms.contains(form) || TemplateValue.exactForms.contains(form) || form == "count" else {
                log.error(.templateUnknownForm(name: name, form: form), at: SourceLocation(file: source.path, line: line))
                continue
            }
            let isSection = sigil == UInt8(ascii: "#") || sigil == UInt8(ascii: "^")
            guard form != "words", form != "count", !TemplateValue.exactForms.contains(form), isSection else { continue }
            if tested[name] == nil { order.append(name) }
            var entry = tested[name] ?? ([], false, line)
            entry.categories.insert(form)
            entry.inverted = entry.inverted || sigil == UInt8(ascii: "^")
            tested[name] = entry
        }
        let needed = format.integerCategories
        for name in order {
            guard let entry = tested[name], !entry.inverted else { continue }
            for category in needed.subtracting(entry.categories).sorted() {
                log.error(
                    .templatePluralFormMissing(name: name, category: category, tag: format.tag),
                    at: SourceLocation(file: source.path, line: entry.line))
            }
        }
    }

    /// The chart id of a fence's info string (`chart women_representatives` → `women_representatives`).
    package static func chartID(of block: FencedBlock) -> String {
        block.info.dropFirst(chartFence.count).trimmingCharacters(in: .whitespaces)
    }

    /// Fills the template with `values`, then `shared` (the edition's values, the same on every
    /// sheet); names the template asks for that neither has are errors.
    package func render(
        _ values: [String: TemplateValue], shared: [String: TemplateValue] = [:], format: LanguageFormat, log: inout DiagnosticLog
    ) -> String {
        var missing: [String] = []
        let markdown: String
        if let filled = compiled?.render(values, shared: shared, format: format, missed: &missing) {
            markdown = filled
        } else {
            let context = StrictContext(
                values.mapValues { $0.mustacheValue(format) }, shared: shared.mapValues { $0.mustacheValue(format) })
            markdown = template.render(context)
            missing = context.missing
        }
        for name in missing.uniqued() {
            log.error(.templateUnknownValue(name), at: SourceLocation(file: source.path, line: line(mentioning: name)))
        }
        return markdown
    }

    /// The first line whose `{{…}}` tag names `name`, for locating an unknown value.
    private func line(mentioning name: String) -> Int? {
        let text = String(decoding: source.bytes, as: UTF8.self)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "}}") else { break }
                let tag = afterOpen[..<close.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "{}#^/&! "))
                if tag == name { return index + 1 }
                rest = afterOpen[close.upperBound...]
            }
        }
        return nil
    }
}

/// The root of a template's context: records every name looked up that no level provides.
///
/// Mustache looks a name up from the innermost section outwards, so the root is asked only
/// when no inner level has the name; a miss here is a name that exists nowhere. A struct (the
/// names missed live in a class it shares): the renderer casts every level it searches, and a
/// struct's conformance is found faster than a class's.
struct StrictContext: MustacheParent {
    final class Missing {
        var names: [String] = []
    }

    let values: [String: Any]
    let shared: [String: Any]
    let missed = Missing()

    init(_ values: [String: Any], shared: [String: Any]) {
        self.values = values
        self.shared = shared
    }

    var missing: [String] { missed.names }

    func child(named name: String) -> Any? {
        if let value = values[name] ?? shared[name] { return value }
        missed.names.append(name)
        return nil
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
