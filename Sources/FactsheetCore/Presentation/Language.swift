import Foundation

/// A language the fact sheet is published in.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case sq
    case en

    /// The locale for numbers and month names; always explicit, never the process's.
    public var locale: Locale { Locale(identifier: rawValue) }

    /// The other languages, for links between versions.
    public var others: [Language] { Self.allCases.filter { $0 != self } }
}

/// Formats numbers, months and periods for one language, with formatters made once; a class,
/// so that the many places a build hands it to share one copy.
public final class LanguageFormat: Sendable {
    public let language: Language
    private let monthNames: [String]
    private let integerStyle: IntegerFormatStyle<Int>
    /// 0…999 formatted once: counts are small, and a formatter call costs microseconds.
    private let smallNumbers: [String]
    private let collation: Collation

    public init(_ language: Language) {
        self.language = language
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = language.locale
        monthNames = calendar.standaloneMonthSymbols
        let style = IntegerFormatStyle<Int>(locale: language.locale)
        integerStyle = style
        // Below 1,000 no locale groups digits; where the language writes 0–9 and 999 as the
        // ASCII digits (Albanian and English do), the rest follow, and formatting all 1,000
        // through ICU would cost every build about 5 ms per language.
        let plainDigits = ([999] + Array(0...9)).allSatisfy { $0.formatted(style) == String($0) }
        smallNumbers = (0..<1000).map { plainDigits ? String($0) : $0.formatted(style) }
        collation = Collation(language)
    }

    /// A whole number as the language writes it (Albanian: `12 345` with a no-break space).
    public func number(_ value: Int) -> String {
        smallNumbers.indices.contains(value) ? smallNumbers[value] : value.formatted(integerStyle)
    }

    /// The month's name, lower case in Albanian (`shtator`), capitalised in English (`September`).
    public func month(_ month: Int) -> String {
        monthNames.indices.contains(month - 1) ? monthNames[month - 1] : String(month)
    }

    /// A year range such as `2014–2017`, or one year.
    public func yearRange(_ years: [Int]) -> String {
        guard let first = years.min(), let last = years.max() else { return "" }
        return first == last ? String(first) : "\(first)–\(last)"
    }

    /// The period as the sheet prints it: `janar – shtator 2017` / `January–September 2017`.
    public func period(_ period: Period) -> String {
        if period.firstMonth == period.lastMonth {
            return "\(month(period.firstMonth)) \(period.year)"
        }
        let dash = language == .sq ? " – " : "–"
        return "\(month(period.firstMonth))\(dash)\(month(period.lastMonth)) \(period.year)"
    }

    /// A list joined as the language joins it: `a, b dhe c` / `a, b and c`.
    public func list(_ items: [String]) -> String {
        let conjunction = language == .sq ? "dhe" : "and"
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }

    /// `text` with its first letter in upper case, as at the start of a legend entry.
    public func capitalisedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Sorts municipality names in the language's alphabetical order.
    public func sorted(_ names: [String]) -> [String] {
        collation.sorted(names, name: { $0 }, tieBreak: <)
    }

    /// Municipalities in the language's alphabetical order of their names, ties by code.
    public func alphabetical(_ municipalities: [Municipality]) -> [Municipality] {
        collation.sorted(municipalities, name: { $0.name(in: language) }, tieBreak: { $0.code < $1.code })
    }
}
