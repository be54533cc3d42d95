import FactsheetSupport

/// A JSON value with its object keys in the order given, written the same way every time: the
/// Table Schemas and the data package are made of these.
indirect enum JSONValue {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Scalars and arrays of scalars on one line, objects and other arrays one entry a line.
    func text(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return Escaping.json(text)
        case .int(let number): return String(number)
        case .bool(let value): return value ? "true" : "false"
        case .array(let items):
            if items.allSatisfy(\.isScalar) { return "[" + items.map { $0.text(indent: inner) }.joined(separator: ", ") + "]" }
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let entries):
            let lines = entries.map { inner + Escaping.json($0.0) + ": " + $0.1.text(indent: inner) }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .string, .int, .bool: true
        case .array, .object: false
        }
    }
}
