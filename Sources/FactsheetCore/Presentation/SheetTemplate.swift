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
struct SheetTemplate: Sendable {
    /// The info string that marks a chart: ```` ```chart ID ````.
    static let chartFence = "chart"

    let language: Language
    let source: SourceFile
    let template: MustacheTemplate
    /// The same, read for filling without swift-mustache's per-tag work; nil when the template
    /// uses what ``CompiledTemplate`` leaves to swift-mustache.
    let compiled: CompiledTemplate?
    /// The chart fences in the template, with their lines.
    let charts: [FencedBlock]

    /// Parses `source`; on failure records where and returns nil. Plural forms the template
    /// tests (`{{#count.one}}`) must cover every category `format`'s language has.
    static func parse(_ source: SourceFile, format: LanguageFormat, log: inout DiagnosticLog) -> SheetTemplate? {
        _ = MarkdownContentType.registration
        guard let text = source.text(log: &log) else { return nil }
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
            log.error(.templateSyntax("\(error.error)"), at: location)
            return nil
        } catch {
            log.error(.templateSyntax("\(error)"), at: SourceLocation(file: source.path))
            return nil
        }
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
    static func chartID(of block: FencedBlock) -> String {
        block.info.dropFirst(chartFence.count).trimmingCharacters(in: .whitespaces)
    }

    /// Fills the template with `values`, then `shared` (the edition's values, the same on every
    /// sheet); names the template asks for that neither has are errors.
    func render(
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
