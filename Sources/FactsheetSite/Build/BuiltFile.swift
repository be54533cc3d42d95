/// A file the build produced, relative to the output folder.
public struct BuiltFile: Sendable, Hashable {
    /// Relative path with `/` separators (`sq/index.html`).
    public var path: String
    /// The file's UTF-8 bytes. Pages are assembled as bytes: making a `String` of them would
    /// check every byte of every page once more for valid UTF-8.
    public var bytes: [UInt8]
    /// The standards the file conforms to (`PDF/A-2u`), which the manifest lists; empty for most.
    public var standards: [String] = []

    /// The contents as text.
    var contents: String { String(decoding: bytes, as: UTF8.self) }

    init(path: String, contents: String) {
        self.path = path
        self.bytes = Array(contents.utf8)
    }

    public init(path: String, bytes: [UInt8], standards: [String] = []) {
        self.path = path
        self.bytes = bytes
        self.standards = standards
    }
}
