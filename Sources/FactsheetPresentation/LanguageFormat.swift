import FactsheetInput
import Foundation

/// Formats numbers, months, dates, periods and lists for one language, from its strings file
/// and ICU's CLDR data for its tag; made once per language and shared (a class) by every page.
package final class LanguageFormat: Sendable {
    package let language: Language
    package let strings: LanguageStrings
    /// The BCP 47 tag (`sq`, `sr-Latn`, `en`).
    package var tag: String { strings.tag }
    private let locale: Locale
    private let monthNames: [String]
    private let integerStyle: IntegerFormatStyle<Int>
    /// 0…999 formatted once: counts are small, and a formatter call costs microseconds.
    private let smallNumbers: [String]
    /// The plural category of 0…999, chosen once.
    private let smallCategories: [String]
    private let plurals: PluralRules?
    private let spellOut: SpellOut?
    /// 0…9 spelled out, as running text writes small numbers.
    private let spelled: [String]
    private let collation: Collation

    package init(_ language: Language, strings: LanguageStrings) {
        self.language = language
        self.strings = strings
        let locale = Locale(identifier: strings.tag)
        self.locale = locale
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = locale
        monthNames = calendar.standaloneMonthSymbols
        let style = IntegerFormatStyle<Int>(locale: locale)
        integerStyle = style
        // Below 1,000 no locale groups digits; where the language writes 0–9 and 999 as the
        // ASCII digits, the rest follow, and formatting all 1,000 through ICU would cost every
        // build about 5 ms per language.
        let plainDigits = ([999] + Array(0...9)).allSatisfy { $0.formatted(style) == String($0) }
        smallNumbers = (0..<1000).map { plainDigits ? String($0) : $0.formatted(style) }
        let plurals = PluralRules(tag: strings.tag)
        self.plurals = plurals
        smallCategories = (0..<1000).map { plurals?.category(of: $0) ?? "other" }
        integerCategories = plurals?.integerCategories ?? ["other"]
        let spellOut = SpellOut(tag: strings.tag)
        self.spellOut = spellOut
        spelled = (0..<10).map { spellOut?.text(for: $0) ?? String($0) }
        collation = Collation(tag: strings.tag)
    }

    /// A whole number as the language writes it (Albanian: `12 345` with a no-break space).
    package func number(_ value: Int) -> String {
        smallNumbers.indices.contains(value) ? smallNumbers[value] : value.formatted(integerStyle)
    }

    /// The CLDR plural category of `value` in this language (`one`, `few`, `other` …).
    func pluralCategory(_ value: Int) -> String {
        smallCategories.indices.contains(value) ? smallCategories[value] : plurals?.category(of: value) ?? "other"
    }

    /// The categories whole numbers fall into in this language: the forms a phrase with a
    /// count needs (English `one other`, Serbian `one few other`); the same probe as the
    /// strings file's check (``PluralRules/integerCategories``).
    let integerCategories: Set<String>

    /// Running text's form of a number: spelled out below ten (`six`, `gjashtë`), digits above.
    func spelledOut(_ value: Int) -> String {
        spelled.indices.contains(value) ? spelled[value] : number(value)
    }

    /// The month's name as the language writes it on its own (`shtator`, `September`, `septembar`).
    func month(_ month: Int) -> String {
        monthNames.indices.contains(month - 1) ? monthNames[month - 1] : String(month)
    }

    /// A year range such as `2014–2017` (the strings file's `year_range`), or one year.
    func yearRange(_ years: [Int]) -> String {
        guard let first = years.min(), let last = years.max() else { return "" }
        if first == last { return String(first) }
        return strings.format(.yearRange, ["first": .text(String(first)), "last": .text(String(last))], in: self)
    }

    /// Years as the sheet names them: a range when they run on (`2014–2017`), a list otherwise
    /// (`2016 and 2017`, `2014, 2016 and 2017`).
    func years(_ years: [Int]) -> String {
        let sorted = years.sorted()
        guard let first = sorted.first, let last = sorted.last else { return "" }
        if sorted.count > 2 && last - first == sorted.count - 1 { return yearRange(sorted) }
        return list(sorted.map(String.init))
    }

    /// The period as the sheet prints it (`janar – shtator 2017`, `January–September 2017`),
    /// from the strings file's `period_range` and `period_month`.
    package func period(_ period: Period) -> String {
        let year = PhraseArgument.text(String(period.year))
        if period.firstMonth == period.lastMonth {
            return strings.format(.periodMonth, ["month": .text(month(period.firstMonth)), "year": year], in: self)
        }
        return strings.format(
            .periodRange, ["first": .text(month(period.firstMonth)), "last": .text(month(period.lastMonth)), "year": year], in: self)
    }

    /// A date (year, month, day) as the language writes it in a sentence: ICU's long date
    /// pattern (CLDR) for the strings file's `date_locale`, else its tag, with CLDR's
    /// format-context month names (`15 dhjetor 2017`, `15 December 2017` for `en-GB`), or the
    /// strings file's `date_months` where CLDR has not the form the sentence takes (Serbian
    /// `15. decembra 2017.`: CLDR gives the nominative `decembar` in both contexts).
    package func date(_ components: DateComponents) -> String? {
        guard let day = components.day, let month = components.month, let year = components.year else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: strings.dateLocale ?? strings.tag)
        formatter.calendar = calendar
        formatter.timeZone = utc
        formatter.dateStyle = .long
        formatter.timeStyle = .none
        if let months = strings.dateMonths { formatter.monthSymbols = months }
        return formatter.string(from: date)
    }

    /// A year as running text writes it before a word such as "godine" (the strings file's
    /// `year_in_text`: Serbian `2014.`, an ordinal; `2014` elsewhere).
    package func yearInText(_ year: Int) -> String {
        strings.format(.yearInText, ["year": .text(String(year))], in: self)
    }

    /// ``years(_:)`` as running text writes them (`2016. i 2017.`, `2014–2017.` in Serbian).
    func yearsInText(_ years: [Int]) -> String {
        let sorted = years.sorted()
        guard let first = sorted.first, let last = sorted.last else { return "" }
        if first == last { return yearInText(first) }
        if sorted.count > 2 && last - first == sorted.count - 1 {
            return strings.format(.yearRange, ["first": .text(String(first)), "last": .text(yearInText(last))], in: self)
        }
        return list(sorted.map(yearInText))
    }

    /// A list joined as the language joins it (`a, b dhe c`), with the strings file's separators.
    package func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default:
            return items.dropLast().joined(separator: strings[.listSeparator]) + strings[.listLastSeparator] + items[items.count - 1]
        }
    }

    /// `text` with its first letter in upper case, as at the start of a legend entry.
    package func capitalisedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return String(first).uppercased(with: locale) + text.dropFirst()
    }

    /// Sorts names in the language's alphabetical order.
    func sorted(_ names: [String]) -> [String] {
        collation.sorted(names, name: { $0 }, tieBreak: <)
    }

    /// Municipalities in the language's alphabetical order of their names, ties by code.
    package func alphabetical(_ municipalities: [Municipality]) -> [Municipality] {
        collation.sorted(municipalities, name: { $0.name(in: language) }, tieBreak: { $0.code < $1.code })
    }
}
