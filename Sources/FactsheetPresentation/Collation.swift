import CCollation

/// A language's alphabetical order, from ICU's collation rules for the language (CLDR data):
/// Albanian puts `ç` after `c`, `ë` after `e` and the digraphs `dh gj ll nj rr sh th xh zh`
/// after their first letter; English ignores accents before case.
///
/// Sorting compares ICU sort keys, made once per name: ICU defines comparing two sort keys
/// byte by byte to give the same order as comparing the strings with the same collator, and a
/// byte comparison costs nanoseconds where a collation call costs microseconds.
final class Collation: @unchecked Sendable {
    // ICU documents a collator as safe to use from several threads for everything that does
    // not change it; this class never changes it after opening.
    private let collator: UnsafeMutableRawPointer

    /// Opens the collator for a BCP 47 tag; stops the program if ICU has no data at all, which
    /// only a broken installation causes (an unknown tag gets ICU's root order).
    init(tag: String) {
        guard let collator = factsheet_collator_open(icuLocale(tag)) else {
            fatalError("ICU could not open a collator for \(tag): is libicu installed?")
        }
        self.collator = collator
    }

    deinit { factsheet_collator_close(collator) }

    /// The bytes whose order is the language's alphabetical order (terminating zero included).
    func sortKey(_ text: String) -> [UInt8] {
        let units = Array(text.utf16)
        var capacity = max(32, units.count * 4)
        while true {
            var key = [UInt8](repeating: 0, count: capacity)
            let length = units.withUnsafeBufferPointer { source in
                key.withUnsafeMutableBufferPointer { target in
                    factsheet_collator_sort_key(
                        collator, source.baseAddress, Int32(source.count), target.baseAddress, Int32(capacity))
                }
            }
            if length <= 0 { return [] }
            if Int(length) <= capacity {
                key.removeLast(capacity - Int(length))
                return key
            }
            capacity = Int(length)
        }
    }

    /// `items` in alphabetical order of `name`, each sort key made once; items whose names
    /// collate as equal keep the order `tieBreak` gives them.
    func sorted<Item>(_ items: [Item], name: (Item) -> String, tieBreak: (Item, Item) -> Bool) -> [Item] {
        let keyed = items.map { (key: sortKey(name($0)), item: $0) }
        return keyed.sorted { a, b in
            if a.key != b.key { return a.key.lexicographicallyPrecedes(b.key) }
            return tieBreak(a.item, b.item)
        }.map(\.item)
    }
}
