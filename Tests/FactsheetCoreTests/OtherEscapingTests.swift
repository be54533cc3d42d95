import FactsheetSupport
import Testing

/// The escapers of output languages other than HTML and Markdown (those are held to their
/// readers by the page, fuzz and property tests); each expectation is written out by hand from
/// the language's rules.
@Suite struct OtherEscapingTests {
    /// JSON (RFC 8259): quote and backslash escaped, control characters as short or `\u` escapes.
    @Test func jsonEscapesQuotesBackslashesAndControls() {
        #expect(Escaping.json("plain ë") == #""plain ë""#)
        #expect(Escaping.json("a\"b\\c\nd\re\tf\u{1}g\u{1F}") == #""a\"b\\c\nd\re\tf\u0001g\u001f""#)
    }

    /// OOXML: markup characters as entities, a control character as `_xHHHH_`, and a literal
    /// `_xHHHH_` protected by escaping its underscore, so Excel reads back the text as written.
    @Test func ooxmlKeepsControlsAndLiteralEscapes() {
        #expect(Escaping.ooxml("a<b & \"c\">") == "a&lt;b &amp; &quot;c&quot;&gt;")
        #expect(Escaping.ooxml("x\u{1}y\u{FFFE}") == "x_x0001_y_xFFFE_")
        #expect(Escaping.ooxml("_x0041_ and _x41_") == "_x005F_x0041_ and _x41_")
        #expect(Escaping.ooxml("tab\tline\n") == "tab\tline\n")
    }

    /// YAML double-quoted scalars: `\"`, `\\`, `\t`, `\n`, and `\xHH` for other control characters.
    @Test func yamlDoubleQuotedReadsBackAsWritten() {
        #expect(Escaping.yamlDoubleQuoted("say \"hi\"") == #""say \"hi\"""#)
        #expect(Escaping.yamlDoubleQuoted("a\\b\tc\nd\u{7F}e\u{1}") == #""a\\b\tc\nd\x7Fe\x01""#)
    }
}
