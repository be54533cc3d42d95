import FactsheetSupport

/// Writes SVG (and the HTML around a chart) as UTF-8 bytes, element by element.
///
/// Names of elements and attributes are static strings of ours; every value that can come
/// from data goes through ``Escaping/appendHTML(_:to:)``. A chart is written straight into one
/// buffer, without a tree of elements or many short strings: a large build writes millions of
/// attributes.
struct SVGWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 8192) {
        bytes.reserveCapacity(capacity)
    }

    /// The bytes as a string.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup of ours, written as it is.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text from data, escaped for element content and attribute values.
    mutating func text(_ text: String) {
        Escaping.appendHTML(text, to: &bytes)
    }

    mutating func number(_ value: Double) {
        SVGNumber.append(value, to: &bytes)
    }

    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// `<name`: attributes follow, then ``empty()``, ``content(_:end:)`` or ``open()``.
    mutating func start(_ name: StaticString) {
        bytes.append(UInt8(ascii: "<"))
        raw(name)
    }

    /// ` name="value"`, the value escaped.
    mutating func attribute(_ name: StaticString, _ value: String) {
        attributeName(name)
        text(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// ` name="value"`, a coordinate or length.
    mutating func attribute(_ name: StaticString, _ value: Double) {
        attributeName(name)
        number(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// ` name="value"`, a value of ours.
    mutating func attribute(_ name: StaticString, raw value: StaticString) {
        attributeName(name)
        raw(value)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func attributeName(_ name: StaticString) {
        bytes.append(UInt8(ascii: " "))
        raw(name)
        bytes.append(UInt8(ascii: "="))
        bytes.append(UInt8(ascii: "\""))
    }

    /// Ends a start tag as an empty element: `/>`.
    mutating func empty() {
        bytes.append(UInt8(ascii: "/"))
        bytes.append(UInt8(ascii: ">"))
    }

    /// Ends a start tag and writes the element's text and end tag: `>text</name>`.
    mutating func content(_ content: String, end name: StaticString) {
        bytes.append(UInt8(ascii: ">"))
        text(content)
        end(name)
    }

    /// Ends a start tag whose children follow: `>`.
    mutating func open() {
        bytes.append(UInt8(ascii: ">"))
    }

    /// `</name>`
    mutating func end(_ name: StaticString) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        raw(name)
        bytes.append(UInt8(ascii: ">"))
    }
}

/// Fixed-precision numbers for SVG coordinates: at most one decimal, "." as separator, never "-0".
package enum SVGNumber {
    package static func format(_ value: Double) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ value: Double, to bytes: inout [UInt8]) {
        let tenths = Int((value * 10).rounded())
        let magnitude = abs(tenths)
        if tenths < 0 && magnitude % 10 != 0 || tenths <= -10 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(magnitude / 10, to: &bytes)
        if magnitude % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        }
    }

    private static func appendDigits(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 10 { appendDigits(value / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
