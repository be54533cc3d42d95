import FactsheetInput
import Mustache

/// A value a template can print, test or repeat.
package enum TemplateValue: Sendable, Hashable {
    /// Printed with `{{name}}`, escaped for Markdown.
    case text(String)
    /// A number: `{{name}}` prints it as the language writes numbers, `{{name.words}}` spelled
    /// out below ten, and `{{#name.one}}…{{/name.one}}` (any CLDR plural category) keeps its
    /// text only when the number takes that form.
    case count(Int)
    /// Tested with `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}`.
    case flag(Bool)
    /// Repeated with `{{#name}}…{{/name}}`, once per row (a table row, say).
    case rows([[String: TemplateValue]])
    /// Years or names joined as the language joins a list (`2014 and 2015`): `{{name}}` prints
    /// it, `{{name.count}}` is how many items it has, and `{{#name.one}}…{{/name.one}}` (any CLDR
    /// plural category of that count) keeps its text only when the count takes that form, so a
    /// sentence about one year can differ from one about several.
    case list(String, count: Int)

    /// `items` joined by the language's separators.
    static func list(_ items: [String], format: LanguageFormat) -> TemplateValue {
        .list(format.list(items), count: items.count)
    }

    /// The value as swift-mustache takes it, for a template ``CompiledTemplate`` leaves to it.
    /// Text and rows are types of ours rather than `String` and dictionaries: the renderer tries
    /// several protocol casts on every value it prints, and these types answer the first one that
    /// matters.
    func mustacheValue(_ format: LanguageFormat) -> Any {
        switch self {
        case .text(let text): TemplateText(text)
        case .count(let value): TemplateCount(value, format: format)
        case .flag(let flag): flag
        case .rows(let rows): rows.map { TemplateRow($0.mapValues { $0.mustacheValue(format) }) }
        case .list(let text, let count): TemplateList(text: text, count: count, format: format)
        }
    }

    /// The plural categories a template may test on a number, and `words`.
    static let countForms: Set<String> = ["zero", "one", "two", "few", "many", "other", "words"]

    /// What `{{name.form}}` is on a number: `words` its spelled-out text, a plural category
    /// whether the number takes that form; nil for any other name.
    static func child(ofList count: Int, named name: String, format: LanguageFormat) -> TemplateValue? {
        name == "count" ? .count(count) : child(ofCount: count, named: name, format: format)
    }

    /// Tests on the number itself rather than its plural form, for sentences an editor words
    /// apart: `none` (0: "no meetings") and `single` (exactly 1: "one meeting, at which …",
    /// where a plural category such as Serbian `one` also takes 21).
    static let exactForms: Set<String> = ["none", "single"]

    static func child(ofCount value: Int, named name: String, format: LanguageFormat) -> TemplateValue? {
        if name == "words" { return .text(format.spelledOut(value)) }
        if name == "none" { return .flag(value == 0) }
        if name == "single" { return .flag(value == 1) }
        return countForms.contains(name) ? .flag(format.pluralCategory(value) == name) : nil
    }

    /// Values every sheet of an edition offers: the edition, its years and periods, its rules.
    package static func editionValues(_ configuration: EditionConfiguration, format: LanguageFormat) -> [String: TemplateValue] {
        let years = configuration.establishmentYears
        let periods = configuration.periods
        let latest = periods.last
        let previous = periods.count > 1 ? periods[periods.count - 2] : nil
        let minimum = configuration.minimumMeetingsPerYear
        return [
            "edition": .text(configuration.edition),
            "is_illustrative": .flag(configuration.dataStatus == .illustrative),
            "establishment_years": .list(format.years(years), count: years.count),
            "establishment_years_in_text": .list(format.yearsInText(years), count: years.count),
            "establishment_first_year": .text(years.first.map(String.init) ?? ""),
            "establishment_last_year": .text(years.last.map(String.init) ?? ""),
            "performance_years": .list(format.years(periods.map(\.year)), count: periods.count),
            "performance_years_in_text": .list(format.yearsInText(periods.map(\.year)), count: periods.count),
            "performance_last_year": .text(periods.last.map { String($0.year) } ?? ""),
            "periods": .list(periods.map(format.period), format: format),
            "minimum_meetings_per_year": .count(minimum),
            "census_threshold": .count(configuration.censusThreshold),
            "has_previous_period": .flag(previous != nil),
            "latest_period": .text(latest.map(format.period) ?? ""),
            "previous_period": .text(previous.map(format.period) ?? ""),
            "latest_period_note": .text(latest?.note[format.language.key] ?? ""),
            "latest_period_minimum": .count(latest?.legalMinimum(perYear: minimum) ?? 0),
            "latest_period_months": .count(latest?.months ?? 0),
            "latest_period_is_part_year": .flag((latest?.months ?? 12) < 12),
        ]
    }
}

/// A number a template prints, spells out or tests for its plural form.
struct TemplateCount: MustacheCustomRenderable, MustacheParent {
    let value: Int
    let format: LanguageFormat

    init(_ value: Int, format: LanguageFormat) {
        self.value = value
        self.format = format
    }

    var renderText: String { format.number(value) }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        TemplateValue.child(ofCount: value, named: name, format: format)?.mustacheValue(format)
    }
}

/// A list a template prints, counts or tests for the plural form of its count.
struct TemplateList: MustacheCustomRenderable, MustacheParent {
    let text: String
    let count: Int
    let format: LanguageFormat
    var renderText: String { text }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        TemplateValue.child(ofList: count, named: name, format: format)?.mustacheValue(format)
    }
}

/// Text a template prints: rendered as it is, then escaped by the template's content type;
/// Mustache transforms (`{{uppercased(name)}}`) work as on a `String`.
struct TemplateText: MustacheCustomRenderable, MustacheTransformable {
    let text: String
    init(_ text: String) { self.text = text }
    var renderText: String { text }
    var isNull: Bool { false }
    func transform(_ name: String) -> Any? { text.transform(name) }
}

/// One row of a repeated section: looks names up in its values.
struct TemplateRow: MustacheParent {
    let values: [String: Any]
    init(_ values: [String: Any]) { self.values = values }
    func child(named name: String) -> Any? { values[name] }
}
