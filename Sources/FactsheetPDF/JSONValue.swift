import Foundation

/// A JSON value that keeps numbers exactly: qpdf's JSON carries a PDF's reals as JSON numbers,
/// and a trip through `Double` could write them back with other digits.
public enum JSONValue: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Decimal.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public static func int(_ value: Int) -> JSONValue { .number(Decimal(value)) }

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var object: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    public var string: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The number as a whole number, if it is one.
    public var int: Int? {
        guard case .number(let number) = self else { return nil }
        let whole = NSDecimalNumber(decimal: number).intValue
        return Decimal(whole) == number ? whole : nil
    }

    /// The value with every string passed through `transform` (keys are left alone).
    public func mappingStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .string(let string): return .string(transform(string))
        case .array(let array): return .array(array.map { $0.mappingStrings(transform) })
        case .object(let object): return .object(object.mapValues { $0.mappingStrings(transform) })
        default: return self
        }
    }

    /// Calls `body` for every string in the value (keys left out), depth first.
    public func forEachString(_ body: (String) -> Void) {
        switch self {
        case .string(let string): body(string)
        case .array(let array): for item in array { item.forEachString(body) }
        case .object(let object): for (_, item) in object { item.forEachString(body) }
        default: break
        }
    }

    /// Decodes JSON text.
    public static func decode(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// JSON text with sorted keys, so the same value always gives the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
