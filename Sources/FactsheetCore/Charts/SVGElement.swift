/// A small value-type XML element tree for SVG; text and attribute values are escaped when written.
public struct SVGElement: Sendable, Hashable {
    public var name: String
    /// Attributes in the order written (order is kept so output is byte-stable).
    public var attributes: [Attribute]
    public var children: [SVGElement]
    /// Text content, written before children.
    public var text: String?

    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil, children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes.map { Attribute($0.key, $0.value) }
        self.children = children
        self.text = text
    }

    /// An element from attributes already in order.
    public init(_ name: String, attributes: [Attribute], text: String? = nil, children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// Adds an attribute after the ones given at creation.
    public func with(_ name: String, _ value: String) -> SVGElement {
        var copy = self
        copy.attributes.append(Attribute(name, value))
        return copy
    }

    /// The element as XML.
    public var xml: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8192)
        write(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the element as UTF-8 bytes: appending bytes costs far less than appending many
    /// short strings, and a large build writes millions of attributes.
    public func write(into output: inout [UInt8]) {
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: name.utf8)
        for attribute in attributes {
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: attribute.name.utf8)
            output.append(UInt8(ascii: "="))
            output.append(UInt8(ascii: "\""))
            Escaping.appendHTML(attribute.value, to: &output)
            output.append(UInt8(ascii: "\""))
        }
        if text == nil && children.isEmpty {
            output.append(UInt8(ascii: "/"))
            output.append(UInt8(ascii: ">"))
            return
        }
        output.append(UInt8(ascii: ">"))
        if let text { Escaping.appendHTML(text, to: &output) }
        for child in children {
            child.write(into: &output)
        }
        output.append(UInt8(ascii: "<"))
        output.append(UInt8(ascii: "/"))
        output.append(contentsOf: name.utf8)
        output.append(UInt8(ascii: ">"))
    }
}

/// Fixed-precision numbers for SVG coordinates: at most one decimal, "." as separator, never "-0".
enum SVGNumber {
    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        if tenths % 10 == 0 { return String(tenths / 10) }
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
