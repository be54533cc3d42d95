import CCollation

/// ICU's locale id for a BCP 47 tag (`sr-Latn` → `sr_Latn`); the tag itself when ICU cannot parse it.
func icuLocale(_ tag: String) -> String {
    var buffer = [CChar](repeating: 0, count: 128)
    let length = factsheet_locale_for_tag(tag, &buffer, Int32(buffer.count))
    guard length > 0 else { return tag }
    return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// A language's cardinal plural rules from CLDR, through ICU: which form a count takes.
final class PluralRules: @unchecked Sendable {
    // ICU's plural rules are immutable once opened and safe to share between threads.
    private let rules: UnsafeMutableRawPointer

    /// Nil when ICU has no rules for the tag.
    init?(tag: String) {
        guard let rules = factsheet_plural_open(icuLocale(tag)) else { return nil }
        self.rules = rules
    }

    deinit { factsheet_plural_close(rules) }

    /// The categories whole numbers fall into: CLDR's integer rules look at the last two
    /// digits and, for `many` in some languages, at millions, so 0–199 and the powers of ten up
    /// to ten million meet every one of them.
    var integerCategories: Set<String> {
        Set((0..<200).map(category(of:)) + [1_000, 10_000, 100_000, 1_000_000, 10_000_000].map(category(of:)))
    }

    /// The category of `value`: `zero`, `one`, `two`, `few`, `many` or `other`.
    func category(of value: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 16)
        let length = factsheet_plural_select(rules, Double(value), &buffer, Int32(buffer.count))
        guard length > 0 else { return "other" }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Numbers spelled out in words (`six`, `gjashtë`, `šest`) by ICU's rule-based formatter (CLDR).
final class SpellOut: @unchecked Sendable {
    private let format: UnsafeMutableRawPointer

    /// Nil when ICU has no spell-out rules for the tag.
    init?(tag: String) {
        guard let format = factsheet_spellout_open(icuLocale(tag)) else { return nil }
        self.format = format
    }

    deinit { factsheet_spellout_close(format) }

    /// `value` in words, or nil when ICU could not spell it.
    func text(for value: Int) -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let length = factsheet_spellout_format(format, Int64(value), &buffer, Int32(buffer.count))
        guard length > 0 else { return nil }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
