import Foundation

/// A language the fact sheet is published in, named by its folder: `Templates/<key>/`, the
/// register column `name_<key>`, the output folder `<key>/` and the period notes' key.
///
/// Nothing about a language is known to the code: its BCP 47 tag and every word come from its
/// strings file (``LanguageStrings``), its sentences from its templates.
public struct Language: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let key: String

    public init(_ key: String) {
        self.key = key
    }

    /// The languages an edition without a `languages:` key is published in.
    public static let defaultKeys = ["sq", "en"]

    public var description: String { key }

    public static func < (a: Language, b: Language) -> Bool { a.key < b.key }

    /// Whether `key` can name a folder and a column: lower-case ASCII letters, digits and `-`,
    /// starting with a letter.
    package static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
