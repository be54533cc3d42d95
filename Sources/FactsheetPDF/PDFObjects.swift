import Foundation

/// A PDF as qpdf's JSON (version 2) describes it: every object by number, and the trailer.
///
/// In that JSON a reference is the string `"12 0 R"`, a name `"/Title"`, a text string
/// `"u:…"` and a binary string `"b:…"`; so a string of the form `N G R` is always a reference.
/// Objects are edited here and written back by qpdf (``QPDF/write(_:to:)``): no PDF byte is
/// written by hand.
public struct PDFObjects: Sendable {
    /// qpdf's header (`jsonversion`, `pdfversion`, `maxobjectid`, …).
    public var header: [String: JSONValue]
    /// Each object as qpdf gives it: `{"value": …}` or `{"stream": {"dict": …, "data": …}}`, by number.
    public var objects: [Int: JSONValue]
    public var trailer: [String: JSONValue]

    public init(header: [String: JSONValue], objects: [Int: JSONValue], trailer: [String: JSONValue]) {
        self.header = header
        self.objects = objects
        self.trailer = trailer
    }

    /// Reads qpdf's `--json-output` document.
    public init(json: JSONValue) throws {
        guard let parts = json["qpdf"]?.array, parts.count == 2, let header = parts[0].object, let entries = parts[1].object else {
            throw PDFError("qpdf's JSON has an unexpected shape")
        }
        var objects: [Int: JSONValue] = [:]
        var trailer: [String: JSONValue] = [:]
        for (key, entry) in entries {
            if key == "trailer" {
                trailer = entry["value"]?.object ?? [:]
                continue
            }
            guard key.hasPrefix("obj:"), let number = Self.reference(String(key.dropFirst(4))) else {
                throw PDFError("qpdf's JSON names an object '\(key)' that is not 'obj:N 0 R'")
            }
            objects[number] = entry
        }
        self.init(header: header, objects: objects, trailer: trailer)
    }

    /// The document as qpdf's `--json-input` reads it.
    public var json: JSONValue {
        var entries: [String: JSONValue] = ["trailer": .object(["value": .object(trailer)])]
        for (number, entry) in objects { entries["obj:\(number) 0 R"] = entry }
        var header = header
        header["maxobjectid"] = .int(maxNumber)
        return .object(["qpdf": .array([.object(header), .object(entries)])])
    }

    /// The object number a reference string names (`"12 0 R"` → 12); nil for anything else,
    /// and for generations other than 0, which neither Chromium nor qpdf writes.
    public static func reference(_ text: String) -> Int? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1] == "0", parts[2] == "R", let number = Int(parts[0]), number > 0 else { return nil }
        return number
    }

    /// The reference to object `number`.
    public static func ref(_ number: Int) -> JSONValue { .string("\(number) 0 R") }

    public var maxNumber: Int { objects.keys.max() ?? 0 }

    /// The object's dictionary: its value, or a stream's dictionary; nil for other objects.
    public func dictionary(_ number: Int) -> [String: JSONValue]? {
        guard let entry = objects[number] else { return nil }
        return entry["value"]?.object ?? entry["stream"]?["dict"]?.object
    }

    /// The dictionary a value refers to, or the value itself when it is a dictionary.
    public func dictionary(_ value: JSONValue?) -> [String: JSONValue]? {
        guard let value else { return nil }
        if let number = value.string.flatMap(Self.reference) { return dictionary(number) }
        return value.object
    }

    /// The object's value (a stream's dictionary for a stream).
    public func value(_ number: Int) -> JSONValue? {
        guard let entry = objects[number] else { return nil }
        return entry["value"] ?? entry["stream"]?["dict"]
    }

    /// The value itself, or what it refers to.
    public func resolve(_ value: JSONValue?) -> JSONValue? {
        guard let value else { return nil }
        if let number = value.string.flatMap(Self.reference) { return self.value(number) }
        return value
    }

    /// Replaces an object's value, or a stream's dictionary (its data stays).
    public mutating func set(_ number: Int, _ value: JSONValue) {
        if var stream = objects[number]?["stream"]?.object {
            stream["dict"] = value
            objects[number] = .object(["stream": .object(stream)])
        } else {
            objects[number] = .object(["value": value])
        }
    }

    /// Replaces an object's dictionary.
    public mutating func set(_ number: Int, _ dictionary: [String: JSONValue]) {
        set(number, .object(dictionary))
    }

    /// Adds an object and returns its number.
    public mutating func add(_ value: JSONValue) -> Int {
        let number = maxNumber + 1
        objects[number] = .object(["value": value])
        return number
    }

    public mutating func add(_ dictionary: [String: JSONValue]) -> Int { add(.object(dictionary)) }

    /// The catalog's object number.
    public var root: Int? { trailer["/Root"]?.string.flatMap(Self.reference) }

    /// The document information dictionary's object number.
    public var info: Int? { trailer["/Info"]?.string.flatMap(Self.reference) }

    /// The same document with every object number raised by `offset`, references included.
    public func renumbered(by offset: Int) -> PDFObjects {
        let shift: (String) -> String = { text in
            guard let number = Self.reference(text) else { return text }
            return "\(number + offset) 0 R"
        }
        var shifted: [Int: JSONValue] = [:]
        for (number, entry) in objects { shifted[number + offset] = entry.mappingStrings(shift) }
        return PDFObjects(
            header: header, objects: shifted, trailer: JSONValue.object(trailer).mappingStrings(shift).object ?? [:])
    }

    /// The page objects in order, each with the inheritable attributes of the page-tree nodes
    /// above it (resources, boxes, rotation) that it does not set itself.
    public func pages() -> [(number: Int, inherited: [String: JSONValue])] {
        guard let root, let pagesRoot = dictionary(root)?["/Pages"]?.string.flatMap(Self.reference) else { return [] }
        var result: [(Int, [String: JSONValue])] = []
        var visited: Set<Int> = []
        func walk(_ number: Int, inherited: [String: JSONValue]) {
            guard visited.insert(number).inserted, let node = dictionary(number) else { return }
            if node["/Type"] == .string("/Pages") || node["/Kids"] != nil {
                var passed = inherited
                for key in ["/Resources", "/MediaBox", "/CropBox", "/Rotate"] where node[key] != nil { passed[key] = node[key] }
                for kid in node["/Kids"]?.array ?? [] {
                    if let kidNumber = kid.string.flatMap(Self.reference) { walk(kidNumber, inherited: passed) }
                }
            } else {
                result.append((number, inherited.filter { node[$0.key] == nil }))
            }
        }
        walk(pagesRoot, inherited: [:])
        return result
    }

    /// The outline items directly below `parent` (the outline root or an item), in order.
    public func outlineChildren(of parent: Int) -> [Int] {
        var result: [Int] = []
        var next = dictionary(parent)?["/First"]?.string.flatMap(Self.reference)
        while let number = next, !result.contains(number) {
            result.append(number)
            next = dictionary(number)?["/Next"]?.string.flatMap(Self.reference)
        }
        return result
    }

    /// The outline's root object number, if the document has an outline.
    public var outlineRoot: Int? {
        root.flatMap { dictionary($0)?["/Outlines"]?.string.flatMap(Self.reference) }
    }

    /// Every outline item in reading order (depth first), each with its depth (1 = top level).
    public func outlineItems() -> [(number: Int, depth: Int)] {
        guard let outlineRoot else { return [] }
        var result: [(Int, Int)] = []
        func walk(_ parent: Int, depth: Int) {
            for item in outlineChildren(of: parent) {
                result.append((item, depth))
                walk(item, depth: depth + 1)
            }
        }
        walk(outlineRoot, depth: 1)
        return result
    }
}

/// A problem making or reading a PDF, with a message for the user.
public struct PDFError: LocalizedError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
}
