import FactsheetFigures
import FactsheetInput
import Yams

/// Every word one language prints outside its templates, read from `Templates/<key>/strings.yaml`:
/// the BCP 47 tag, notices, links, table headers and cells, chart legends and descriptions,
/// the provenance line, the date and period patterns, the list separators.
///
/// A phrase is a text with `{placeholders}` (``StringKey/placeholders``); a phrase with a count
/// may instead give one text per CLDR plural category (`one:`, `few:`, `other:`), chosen for
/// the count by ICU's plural rules for the tag.
package struct LanguageStrings: Sendable {
    /// The BCP 47 tag: `lang` and `hreflang`, numbers, dates and alphabetical order.
    let tag: String
    private let phrases: [StringKey: Phrase]
    private let cells: [CellVocabulary: [String: String]]
    /// `official_version`: by language key, the sentence saying that the version in that
    /// language is the official one and this one a translation.
    package let officialVersion: [String: String]
    /// `date_locale`: the tag whose CLDR long date pattern dates follow, when it is not ``tag``
    /// (English written as the OSCE writes it, `en-GB`: `15 December 2017`).
    let dateLocale: String?
    /// `date_months`: the twelve month names as a date needs them, where CLDR's format-context
    /// names are not the form the language's sentences take (Serbian `decembra`, genitive).
    let dateMonths: [String]?
    /// Every key the file gives, with its line, as `phrase` or `mapping.key` (the words of the
    /// cell vocabularies and `official_version`; not plural forms, which differ by language):
    /// what the languages are compared on for parity.
    package let keyLines: [String: Int]
    /// `copied_from`: the language this file was copied from (by `factsheet new-language`); the
    /// build warns about every text still the same as that language's.
    package let copiedFrom: String?
    /// Every text the file gives, with its line, as `phrase`, `phrase.form` (a plural form) or
    /// `mapping.key`: what a copy is compared with its source on.
    package let texts: [String: LanguageStringsLoader.Text]

    /// Every phrase's text as written (its `other` form), made once: sheets ask for the cell
    /// words (`yes`, `–` …) many times each.
    private let plainTexts: [StringKey: String]

    init(
        tag: String, phrases: [StringKey: Phrase], cells: [CellVocabulary: [String: String]], officialVersion: [String: String] = [:],
        dateLocale: String? = nil, dateMonths: [String]? = nil, keyLines: [String: Int] = [:], copiedFrom: String? = nil,
        texts: [String: LanguageStringsLoader.Text] = [:]
    ) {
        self.tag = tag
        self.phrases = phrases
        self.cells = cells
        self.officialVersion = officialVersion
        self.dateLocale = dateLocale
        self.dateMonths = dateMonths
        self.keyLines = keyLines
        self.copiedFrom = copiedFrom
        self.texts = texts
        self.plainTexts = phrases.compactMapValues { $0.forms["other"].map(Phrase.plain) }
    }

    /// A phrase without placeholders (or with its placeholders as written).
    package subscript(_ key: StringKey) -> String {
        plainTexts[key] ?? ""
    }

    /// A coded value in words (`regular` → `i rregullt`).
    package func cell(_ vocabulary: CellVocabulary, _ code: String) -> String {
        cells[vocabulary]?[code] ?? code
    }

    /// An indicator's name on the review page, `{threshold}` filled with the edition's census
    /// threshold in the plural form it takes.
    package func indicatorName(_ id: IndicatorID, threshold: Int, in format: LanguageFormat) -> String {
        let names = cells[.indicators] ?? [:]
        let text = names["\(id.rawValue).\(format.pluralCategory(threshold))"] ?? names[id.rawValue] ?? id.rawValue
        return text.replacingOccurrences(of: "{threshold}", with: format.number(threshold))
    }

    /// The phrase with its placeholders filled; counts are written as the language writes
    /// numbers and choose the plural form.
    package func format(_ key: StringKey, _ arguments: [String: PhraseArgument], in format: LanguageFormat) -> String {
        guard let phrase = phrases[key] else { return "" }
        var pieces = phrase.forms["other"] ?? []
        if let selector = phrase.selector, case .count(let count)? = arguments[selector],
            let form = phrase.forms["=\(count)"] ?? phrase.forms[format.pluralCategory(count)]
        {
            pieces = form
        }
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += literal
            case .placeholder(let name):
                switch arguments[name] {
                case .text(let value)?: text += value
                case .count(let value)?: text += format.number(value)
                case nil: text += "{\(name)}"
                }
            }
        }
        return text
    }
}

/// A value put into a phrase's placeholder.
package enum PhraseArgument: Sendable {
    /// Printed as it is.
    case text(String)
    /// Printed as the language writes numbers; may choose the phrase's plural form.
    case count(Int)
}

/// A phrase parsed once: its forms by plural category (`other` when it has one form), or by an
/// exact count (`=1`, chosen before the category), and the placeholder that chooses among them.
struct Phrase: Sendable {
    enum Piece: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
    }

    var forms: [String: [Piece]]
    var selector: String?

    static func plain(_ pieces: [Piece]) -> String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .placeholder(let name): "{\(name)}"
            }
        }.joined()
    }

    /// `text`'s pieces when it names only the placeholders `allowed`; otherwise nil, with an
    /// error at `location` for each other placeholder (the phrase is the text of `key`).
    static func checked(_ text: String, key: String, allowed: [String], at location: SourceLocation, log: inout DiagnosticLog) -> [Piece]? {
        let pieces = pieces(text)
        var ok = true
        for case .placeholder(let name) in pieces where !allowed.contains(name) {
            log.error(.stringUnknownPlaceholder(key: key, placeholder: name, known: allowed), at: location)
            ok = false
        }
        return ok ? pieces : nil
    }

    /// `text` split at `{name}` placeholders; `{{` and `}}` stand for braces.
    static func pieces(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{", next < text.endIndex, text[next] == "{" {
                literal.append("{")
                index = text.index(after: next)
            } else if character == "}", next < text.endIndex, text[next] == "}" {
                literal.append("}")
                index = text.index(after: next)
            } else if character == "{", let close = text[next...].firstIndex(of: "}") {
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                pieces.append(.placeholder(String(text[next..<close])))
                index = text.index(after: close)
            } else {
                literal.append(character)
                index = next
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }
}

/// Reads and checks one language's `strings.yaml`.
package struct LanguageStringsLoader {
    let source: SourceFile
    let language: Language

    package init(source: SourceFile, language: Language) {
        self.source = source
        self.language = language
    }

    /// The strings, or nil with every problem (file, line) in `log`.
    package func load(log: inout DiagnosticLog) -> LanguageStrings? {
        guard let root = ConfigurationLoader.compose(source, log: &log) else { return nil }
        guard let mapping = root.mapping else {
            log.error(
                .stringInvalid(key: "strings.yaml", expected: "phrases as 'key: text' lines", found: "'\(root.scalarText)'"),
                at: location(root.mark))
            return nil
        }
        let errorsBefore = log.errorCount
        let known = Set(
            StringKey.allCases.map(\.rawValue) + CellVocabulary.allCases.map(\.rawValue) + ["official_version"] + Self.settings)
        for key in mapping.keys {
            if let name = key.string, !known.contains(name) {
                log.warning(.unknownKey(name), at: location(key.mark))
            }
        }
        guard let tagNode = mapping["tag"], let tag = tagNode.scalar?.string, Self.isLanguageTag(tag) else {
            let found = mapping["tag"].map { "'\($0.scalarText)'" } ?? "nothing"
            log.error(
                .stringInvalid(key: "tag", expected: "a BCP 47 language tag such as 'sq', 'sr-Latn' or 'en'", found: found),
                at: location(mapping["tag"]?.mark ?? root.mark))
            return nil
        }
        let categories = PluralRules(tag: tag)?.integerCategories ?? ["other"]

        var phrases: [StringKey: Phrase] = [:]
        for key in StringKey.allCases {
            guard let node = Self.value(key.rawValue, in: mapping) else {
                log.error(.stringMissing(key: key.rawValue, meaning: Self.meaning(key)), at: SourceLocation(file: source.path))
                continue
            }
            if let phrase = phrase(key, node, categories: categories, tag: tag, log: &log) { phrases[key] = phrase }
        }
        var cells: [CellVocabulary: [String: String]] = [:]
        for vocabulary in CellVocabulary.allCases {
            guard let node = Self.value(vocabulary.rawValue, in: mapping) else {
                log.error(
                    .stringMissing(key: vocabulary.rawValue, meaning: "a word for each of " + vocabulary.codes.joined(separator: ", ")),
                    at: SourceLocation(file: source.path))
                continue
            }
            guard let words = node.mapping else {
                log.error(
                    .stringInvalid(
                        key: vocabulary.rawValue, expected: "one line per code (" + vocabulary.codes.joined(separator: ", ") + ")",
                        found: "'\(node.scalarText)'"), at: location(node.mark))
                continue
            }
            var table: [String: String] = [:]
            for code in vocabulary.codes {
                // An indicator's name may print the census threshold (`{threshold}`), and give one
                // text per plural form of it as a phrase does (`one:`, `other:`).
                if vocabulary == .indicators, let node = Self.value(code, in: words) {
                    for (form, text) in indicatorNameForms(code, node, log: &log) {
                        table[form == "other" ? code : "\(code).\(form)"] = text
                    }
                    continue
                }
                guard let word = Self.value(code, in: words)?.scalar?.string, !word.isEmpty else {
                    log.error(
                        .stringMissing(key: "\(vocabulary.rawValue).\(code)", meaning: "the word printed for '\(code)'"),
                        at: location(node.mark))
                    continue
                }
                table[code] = word
            }
            cells[vocabulary] = table
            if vocabulary == .workbookSheets { checkSheetNames(table, at: node.mark, log: &log) }
        }
        var officialVersion: [String: String] = [:]
        if let node = Self.value("official_version", in: mapping) {
            if let sentences = node.mapping {
                for (key, value) in sentences {
                    if let language = key.string, let text = value.scalar?.string { officialVersion[language] = text }
                }
            } else {
                log.error(
                    .stringInvalid(
                        key: "official_version", expected: "one sentence per official language, such as 'en: The official version …'",
                        found: "'\(node.scalarText)'"), at: location(node.mark))
            }
        }
        let dateLocale = Self.value("date_locale", in: mapping)
        if let node = dateLocale, (node.scalar?.string).map(Self.isLanguageTag) != true {
            log.error(
                .stringInvalid(key: "date_locale", expected: "a BCP 47 language tag such as 'en-GB'", found: "'\(node.scalarText)'"),
                at: location(node.mark))
        }
        var dateMonths: [String]?
        if let node = Self.value("date_months", in: mapping) {
            let names = node.sequence?.compactMap { $0.scalar?.string }.filter { !$0.isEmpty } ?? []
            if names.count == 12 {
                dateMonths = names
            } else {
                log.error(
                    .stringInvalid(
                        key: "date_months", expected: "the twelve month names as a date writes them, January first",
                        found: "'\(node.scalarText)'"), at: location(node.mark))
            }
        }
        var keyLines: [String: Int] = [:]
        for (key, value) in mapping {
            guard let name = key.string, name != "tag", !Self.settings.contains(name) else { continue }
            keyLines[name] = key.mark?.line ?? 0
            let isPhrase = StringKey(rawValue: name) != nil
            if !isPhrase, let entries = value.mapping {
                for (entry, _) in entries { if let sub = entry.string { keyLines["\(name).\(sub)"] = entry.mark?.line ?? 0 } }
            }
        }
        let copiedFrom = Self.value("copied_from", in: mapping)
        if let node = copiedFrom, (node.scalar?.string).map(Language.isValidKey) != true {
            log.error(
                .stringInvalid(
                    key: "copied_from", expected: "the key of the language this file was copied from, such as 'en'",
                    found: "'\(node.scalarText)'"), at: location(node.mark))
        }
        guard log.errorCount == errorsBefore else { return nil }
        return LanguageStrings(
            tag: tag, phrases: phrases, cells: cells, officialVersion: officialVersion, dateLocale: dateLocale?.scalar?.string,
            dateMonths: dateMonths, keyLines: keyLines, copiedFrom: copiedFrom?.scalar?.string, texts: Self.texts(of: mapping))
    }

    /// A text of the file and the line it is on.
    package struct Text: Sendable, Hashable {
        package let text: String
        package let line: Int
    }

    /// Every text of a strings file's mapping but its tag and settings, by key: `phrase`,
    /// `phrase.form` for plural forms and `mapping.key` for the vocabularies and
    /// `official_version` (keys the generator does not know are left out).
    package static func texts(of mapping: Node.Mapping) -> [String: Text] {
        var texts: [String: Text] = [:]
        let known = Set(StringKey.allCases.map(\.rawValue) + CellVocabulary.allCases.map(\.rawValue) + ["official_version"])
        for (key, value) in mapping {
            guard let name = key.string, name != "tag", known.contains(name) else { continue }
            if let text = value.scalar?.string {
                texts[name] = Text(text: text, line: value.mark?.line ?? 0)
            } else if let entries = value.mapping {
                for (entry, node) in entries {
                    guard let sub = entry.string, sub != "plural", let text = node.scalar?.string else { continue }
                    texts["\(name).\(sub)"] = Text(text: text, line: entry.mark?.line ?? 0)
                }
            }
        }
        return texts
    }

    /// Whether `text` holds words to translate: a letter outside its `{placeholders}`. A dash,
    /// a separator or `{first}–{last}` reads the same in every language and is never flagged.
    package static func isWords(_ text: String) -> Bool {
        Phrase.pieces(text).contains { piece in
            if case .literal(let words) = piece { return words.unicodeScalars.contains { $0.properties.isAlphabetic } }
            return false
        }
    }

    /// One phrase: a text, or a mapping of plural forms with an optional `plural:` selector.
    private func phrase(_ key: StringKey, _ node: Node, categories: Set<String>, tag: String, log: inout DiagnosticLog) -> Phrase? {
        if let text = node.scalar?.string {
            guard let pieces = checked(key, text, node: node, log: &log) else { return nil }
            return Phrase(forms: ["other": pieces], selector: nil)
        }
        guard let forms = node.mapping, !key.counts.isEmpty else {
            let expected = key.counts.isEmpty ? "a text" : "a text, or one text per plural form (one:, other: …)"
            log.error(.stringInvalid(key: key.rawValue, expected: expected, found: "'\(node.scalarText)'"), at: location(node.mark))
            return nil
        }
        var selector = key.counts[0]
        if let chosen = forms["plural"] {
            guard let name = chosen.scalar?.string, key.counts.contains(name) else {
                let expected = "the count that chooses the form (" + key.counts.joined(separator: " or ") + ")"
                log.error(
                    .stringInvalid(key: "\(key.rawValue).plural", expected: expected, found: "'\(chosen.scalarText)'"),
                    at: location(chosen.mark))
                return nil
            }
            selector = name
        }
        let allowed: Set<String> = ["zero", "one", "two", "few", "many", "other", "plural"]
        func isExact(_ name: String) -> Bool {
            name.count > 1 && name.hasPrefix("=") && name.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
        }
        var parsed: [String: [Phrase.Piece]] = [:]
        var ok = true
        for (formKey, formNode) in forms {
            guard let category = formKey.string, allowed.contains(category) || isExact(category) else {
                log.error(
                    .stringInvalid(
                        key: key.rawValue, expected: "plural forms named zero, one, two, few, many or other, or an exact count (=1)",
                        found: "'\(formKey.string ?? "")'"), at: location(formKey.mark))
                ok = false
                continue
            }
            if category == "plural" { continue }
            guard let text = formNode.scalar?.string, let pieces = checked(key, text, node: formNode, log: &log) else {
                ok = false
                continue
            }
            parsed[category] = pieces
        }
        for category in categories.sorted() where parsed[category] == nil {
            log.error(.pluralFormMissing(key: key.rawValue, category: category, tag: tag), at: location(node.mark))
            ok = false
        }
        return ok ? Phrase(forms: parsed, selector: selector) : nil
    }

    /// Worksheet names as Excel accepts them: 1 to 31 characters (UTF-16 units), none of
    /// `[ ] : * ? / \`, no apostrophe first or last, not `History` (Excel keeps that name), and
    /// no two the same, whatever their case.
    private func checkSheetNames(_ names: [String: String], at mark: Mark?, log: inout DiagnosticLog) {
        var seen: [String: String] = [:]
        for code in CellVocabulary.workbookSheets.codes {
            guard let name = names[code] else { continue }
            let key = "\(CellVocabulary.workbookSheets.rawValue).\(code)"
            if name.utf16.count > 31 || name.contains(where: { "[]:*?/\\".contains($0) }) || name.hasPrefix("'") || name.hasSuffix("'")
                || name.lowercased() == "history"
            {
                log.error(
                    .stringInvalid(
                        key: key,
                        expected: "a worksheet name of at most 31 characters, without [ ] : * ? / \\ or an apostrophe at either end",
                        found: "'\(name)'"), at: location(mark))
            } else if let other = seen[name.lowercased()] {
                log.error(
                    .stringInvalid(key: key, expected: "a worksheet name of its own", found: "'\(name)', also the name of '\(other)'"),
                    at: location(mark))
            }
            seen[name.lowercased()] = seen[name.lowercased()] ?? code
        }
    }

    /// The text's pieces, when it names only the placeholders the phrase may use.
    /// The forms of an indicator's name (`other` alone when it is one text), each using no
    /// placeholder but `{threshold}`.
    private func indicatorNameForms(_ code: String, _ node: Node, log: inout DiagnosticLog) -> [String: String] {
        let key = "\(CellVocabulary.indicators.rawValue).\(code)"
        var forms: [String: String] = [:]
        if let text = node.scalar?.string {
            forms["other"] = text
        } else if let mapping = node.mapping {
            for (formKey, formNode) in mapping {
                guard let category = formKey.string, ["zero", "one", "two", "few", "many", "other"].contains(category),
                    let text = formNode.scalar?.string
                else {
                    log.error(
                        .stringInvalid(
                            key: key, expected: "a text, or one text per plural form (one:, other: …)", found: "'\(formNode.scalarText)'"),
                        at: location(formKey.mark))
                    return [:]
                }
                forms[category] = text
            }
        }
        guard let other = forms["other"], !other.isEmpty else {
            log.error(.stringMissing(key: key, meaning: "the word printed for '\(code)'"), at: location(node.mark))
            return [:]
        }
        for (_, text) in forms {
            for case .placeholder(let name) in Phrase.pieces(text) where name != "threshold" {
                log.error(.stringUnknownPlaceholder(key: key, placeholder: name, known: ["threshold"]), at: location(node.mark))
                return [:]
            }
        }
        return forms
    }

    private func checked(_ key: StringKey, _ text: String, node: Node, log: inout DiagnosticLog) -> [Phrase.Piece]? {
        Phrase.checked(text, key: key.rawValue, allowed: key.placeholders, at: location(node.mark), log: &log)
    }

    private func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: source.path, line: mark?.line, character: mark?.column)
    }

    /// Keys that set how the language is formatted rather than words to translate: not compared
    /// for parity, since a language gives them only where its tag's CLDR data needs help.
    static let settings = ["date_locale", "date_months", "copied_from"]

    /// The value of the key whose text is `name`, however YAML typed it: a subscript would miss
    /// `"yes":` and `no:`, which YAML 1.1 reads as booleans.
    static func value(_ name: String, in mapping: Node.Mapping) -> Node? {
        mapping.first { $0.key.string == name }?.value
    }

    /// Language, script and region subtags: letters and digits in parts joined by `-`.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// What a missing phrase is for, in the message.
    private static func meaning(_ key: StringKey) -> String {
        key.placeholders.isEmpty ? "a text" : "a text with " + key.placeholders.map { "{\($0)}" }.joined(separator: ", ")
    }
}
