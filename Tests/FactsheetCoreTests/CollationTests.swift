import Foundation
import FuzzHarness
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// Alphabetical order comes from ICU sort keys (``LanguageFormat/sorted(_:)``); these tests hold
/// it to the alphabets themselves and to Foundation's locale-aware comparison, which the build
/// used before and which is far slower.
@Suite struct CollationTests {
    let albanian = Fixtures.sq
    let english = Fixtures.en

    /// Albanian letters in the order of the alphabet, digraphs being letters of their own:
    /// a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh.
    @Test func albanianDigraphsAndDiacriticsAreLettersOfTheirOwn() {
        #expect(albanian.sorted(["Dheu", "Dragash", "Deçan"]) == ["Deçan", "Dragash", "Dheu"])
        #expect(albanian.sorted(["Shtime", "Suhareka", "Skenderaj"]) == ["Skenderaj", "Suhareka", "Shtime"])
        #expect(albanian.sorted(["Çabra", "Czar", "Dardana"]) == ["Czar", "Çabra", "Dardana"])
        #expect(albanian.sorted(["Ëndërr", "Ezra", "Fushë"]) == ["Ezra", "Ëndërr", "Fushë"])
        #expect(albanian.sorted(["Zhur", "Zubin Potok", "Zveçan"]) == ["Zubin Potok", "Zveçan", "Zhur"])
        #expect(albanian.sorted(["Gjilan", "Graçanica", "Gllogoc"]) == ["Gllogoc", "Graçanica", "Gjilan"])
        // `rrr` is `rr` then `r`, and `r` comes before `u`.
        #expect(albanian.sorted(["rru", "rrr"]) == ["rrr", "rru"])
    }

    /// English ignores accents at first and digraphs are two letters.
    @Test func englishOrdersByBaseLettersFirst() {
        #expect(english.sorted(["Dheu", "Dragash", "Deçan"]) == ["Deçan", "Dheu", "Dragash"])
        #expect(english.sorted(["Shtime", "Suhareka", "Skenderaj"]) == ["Shtime", "Skenderaj", "Suhareka"])
        #expect(english.sorted(["Zvečan", "Zubin Potok", "Zhur"]) == ["Zhur", "Zubin Potok", "Zvečan"])
        #expect(english.sorted(["obiliq", "Novo Brdo", "Obiliq"]) == ["Novo Brdo", "obiliq", "Obiliq"])
    }

    @Test func municipalitiesFollowTheOrderWithTiesByCode() {
        let municipalities = [
            Municipality(code: "c", names: ["sq": "Dheu", "en": "Dheu"]),
            Municipality(code: "b", names: ["sq": "Deçan", "en": "Deçan"]),
            Municipality(code: "a", names: ["sq": "Deçan", "en": "Deçan"]),
            Municipality(code: "d", names: ["sq": "Dragash", "en": "Dragash"]),
        ]
        #expect(albanian.alphabetical(municipalities).map(\.code) == ["a", "b", "d", "c"])
        #expect(english.alphabetical(municipalities).map(\.code) == ["a", "b", "c", "d"])
    }

    /// The shipped register orders as Foundation's locale-aware comparison orders it.
    @Test(arguments: Fixtures.shippedLanguages) func registerOrderMatchesFoundation(key: String) throws {
        let format = Fixtures.format(key)
        let names = try DatasetLoader().load(Fixtures.edition("input", repository: true)).0.municipalities.map {
            $0.name(in: format.language)
        }
        let locale = Locale(identifier: format.tag)
        #expect(format.sorted(names) == names.sorted { $0.compare($1, locale: locale) == .orderedAscending })
    }

    /// Made-up lower-case words order letter by letter in the Albanian alphabet, reading the
    /// digraphs greedily (`rrr` is `rr`, `r`). Foundation's comparison gets some of these wrong
    /// (it puts `rrr` after `rru`, and is not even consistent on runs of `r` and `l`), which is
    /// one reason the build no longer uses it.
    @Test func albanianWordsOrderLetterByLetter() {
        let alphabet = [
            "a", "b", "c", "ç", "d", "dh", "e", "ë", "f", "g", "gj", "h", "i", "j", "k", "l", "ll", "m", "n", "nj",
            "o", "p", "q", "r", "rr", "s", "sh", "t", "th", "u", "v", "x", "xh", "y", "z", "zh",
        ]
        let position = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($0.element, $0.offset) })
        /// The word as positions in the alphabet, two-letter letters first.
        func letters(_ word: String) -> [Int] {
            var result: [Int] = []
            var rest = Substring(word)
            while !rest.isEmpty {
                if rest.count >= 2, let digraph = position[String(rest.prefix(2))] {
                    result.append(digraph)
                    rest = rest.dropFirst(2)
                } else {
                    result.append(position[String(rest.prefix(1))] ?? -1)
                    rest = rest.dropFirst()
                }
            }
            return result
        }
        var random = SeededGenerator(state: 2017)
        let pieces = alphabet + ["rr", "ll", "r", "l", "e", "ë"]
        let words = Set((0..<3000).map { _ in (0..<(1 + random.below(6))).map { _ in pieces[random.below(pieces.count)] }.joined() })
        let expected = words.sorted { letters($0).lexicographicallyPrecedes(letters($1)) }
        #expect(albanian.sorted(Array(words)) == expected)
    }
}
