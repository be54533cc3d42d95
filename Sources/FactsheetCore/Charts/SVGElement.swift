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
    }

    public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil, children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes.map { Attribute(name: $0.key, value: $0.value) }
        self.children = children
        self.text = text
    }

    /// Adds an attribute after the ones given at creation.
    public func with(_ name: String, _ value: String) -> SVGElement {
        var copy = self
        copy.attributes.append(Attribute(name: name, value: value))
        return copy
    }

    /// The element as XML.
    public var xml: String {
        var output = ""
        write(into: &output)
        return output
    }

    private func write(into output: inout String) {
        output += "<" + name
        for attribute in attributes {
            output += " \(attribute.name)=\"\(Escaping.html(attribute.value))\""
        }
        if text == nil && children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        if let text { output += Escaping.html(text) }
        for child in children {
            child.write(into: &output)
        }
        output += "</\(name)>"
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
