import FuzzHarness
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// Seeded random inputs through the same properties the libFuzzer target checks (`make fuzz`
/// runs them far longer); the seed is fixed so a failure reproduces.
@Suite struct PropertyTests {
    /// Bytes biased towards what breaks parsers: delimiters, quotes, line ends, Markdown and HTML syntax, UTF-8 fragments.
    static func input(_ generator: inout SeededGenerator, length: Int) -> [UInt8] {
        let interesting =
            Array(",;\"\r\n\t *_[]()<>&|`#!\\-.:{}%'@~=".utf8) + [0x00, 0xC3, 0xAB, 0xEF, 0xBB, 0xBF, 0xE2, 0x80, 0x93, 0xFF, 0x7F]
        let words = [
            "yes", "no", "alpha", "beta", "2017", "regular", "adopted_minorities", "serb", "edition:", "  - ", "year: ", "{{", "}}",
            "&amp;", "<script>", "    ", "1.5", "-3",
        ]
        var bytes: [UInt8] = []
        while bytes.count < length {
            switch generator.next() % 4 {
            case 0: bytes.append(interesting[Int(generator.next() % UInt64(interesting.count))])
            case 1: bytes += Array(words[Int(generator.next() % UInt64(words.count))].utf8)
            case 2: bytes.append(UInt8(truncatingIfNeeded: generator.next()))
            default: bytes.append(UInt8(0x61 + generator.next() % 26))
            }
        }
        return bytes
    }

    /// Targets 0–3, 5 (the workbook loader) and 6 (the logo); 4, whole builds, has its own suite
    /// below, and `LogoPropertyTests` checks what the logo sanitiser writes.
    @Test(arguments: [0, 1, 2, 3, 5, 6])
    func arbitraryBytesNeverCrashAndEscapingKeepsText(target: Int) async {
        var generator = SeededGenerator(state: UInt64(target) &* 7919)
        for _ in 0..<1500 {
            let length = Int(generator.next() % 200)
            let failure = FuzzHarness.run([UInt8(target)] + Self.input(&generator, length: length))
            #expect(failure == nil)
            if failure != nil { break }
        }
    }

    @Test(arguments: [
        "    code?", "\tx", "a\n\n# b", "1. item", "- item", "> quote", "a  \nb", "x\u{0}y", "<!-- c -->", "www.example.org",
        "me@example.org", "~~s~~", "| a | b |", "&copy; &#65;", "\\*",
    ])
    func escapedValuesPrintAsWritten(_ text: String) async {
        #expect(FuzzHarness.checkEscaping(text) == nil)
    }
}

/// Whole builds of seeded random editions (``RandomEdition``): located errors or a complete site.
@Suite struct WholeBuildPropertyTests {
    @Test(arguments: 0..<6)
    func randomEditionsBuildCompletelyOrFailWithLocatedErrors(batch: Int) async {
        let templates = Fixtures.templates(repository: true)
        var generator = SeededGenerator(state: 0xFAC7 &+ UInt64(batch) &* 104_729)
        var built = 0
        var refused = 0
        for round in 0..<25 {
            // One municipality, two, a few, forty; every fifth round of the first batch, a thousand.
            let count = batch == 0 && round == 0 ? 1000 : [1, 2, 3, 5, 40][round % 5]
            let edition = RandomEdition(count: count, random: &generator)
            let failure = await FuzzHarness.checkBuild(edition, templates: templates)
            #expect(failure == nil, "batch \(batch), round \(round), \(count) municipalities")
            if failure != nil { return }
            if (try? DatasetLoader().load(edition.sources)) != nil { built += 1 } else { refused += 1 }
        }
        // The generator makes both kinds; a property over only one of them would prove little.
        #expect(built > 0)
        #expect(refused > 0)
    }
}
