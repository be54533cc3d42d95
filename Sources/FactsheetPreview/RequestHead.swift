/// The head of one HTTP/1.x request (request line and header fields) as the preview reads it.
///
/// Strict on purpose: the preview answers one browser on 127.0.0.1, so anything a browser does
/// not send (folded header lines, a bare CR, control characters, a space before a colon, an
/// unknown version) is refused with a status instead of being guessed at.
struct RequestHead: Equatable {
    /// `GET`, `HEAD`, … as sent (methods are case-sensitive).
    var method: String
    /// The request target exactly as sent (`/sq/index.html?x=1`).
    var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    /// Header fields in order, names lower-cased, values without surrounding spaces.
    var fields: [Field]

    struct Field: Equatable {
        var name: String
        var value: String
    }

    /// Every value of the header field `name` (lower case).
    func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// Why a head could not be read: the status the answer gets.
    enum Failure: Error, Equatable {
        /// 400: not an HTTP/1.x request head.
        case malformed
        /// 505: an HTTP version other than 1.0 and 1.1.
        case unsupportedVersion
    }

    /// The most bytes a request head may have, blank line included; a longer one gets 431.
    static let maxBytes = 16 * 1024

    /// Where the head that starts `bytes` ends (just past its blank line), or nil while the blank
    /// line has not come. `from` is where the previous search stopped, so that a head that comes
    /// one byte at a time is not searched from its start again each time.
    static func end(in bytes: [UInt8], from start: Int = 0) -> Int? {
        var index = max(0, start - 3)
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { return index + 2 }
                if index + 2 < bytes.count && bytes[index + 1] == 0x0D && bytes[index + 2] == 0x0A { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    /// Reads a head: the bytes up to and including its blank line (see ``end(in:from:)``), without
    /// the empty lines a client may send before a request line.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(Failure) -> RequestHead {
        // Lines end in CRLF (or LF alone); a CR anywhere else is refused.
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            var line = bytes[start..<index]
            if line.last == 0x0D { line = line.dropLast() }
            lines.append(line)
            start = index + 1
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let requestLine = lines.first else { throw .malformed }
        for line in lines where line.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            throw .malformed
        }
        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte), !parts[1].isEmpty,
            !parts[1].contains(0x09)
        else { throw .malformed }
        let version = Array(parts[2])
        guard version.count == 8, version.starts(with: Array("HTTP/".utf8)), isDigit(version[5]), version[6] == 0x2E,
            isDigit(version[7])
        else { throw .malformed }
        guard version[5] == 0x31, version[7] == 0x30 || version[7] == 0x31 else { throw .unsupportedVersion }
        var fields: [Field] = []
        for line in lines.dropFirst() {
            // A line starting with a space continues the one before (obsolete line folding).
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex, line.first != 0x20, line.first != 0x09
            else { throw .malformed }
            let name = line[..<colon]
            guard name.allSatisfy(isTokenByte) else { throw .malformed }
            var value = line[line.index(after: colon)...]
            while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
            while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
            fields.append(Field(name: latin1(name).lowercased(), value: latin1(value)))
        }
        return RequestHead(
            method: latin1(parts[0]), target: latin1(parts[1]), minorVersion: version[7] == 0x31 ? 1 : 0, fields: fields)
    }

    /// Bytes as text one byte to a character (ISO 8859-1), so that no byte is lost or refused
    /// here; the path's bytes are decoded as UTF-8 later (``decodedPath(of:)``).
    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    /// The path of an origin-form target (`/sq/index.html?x=1` → `/sq/index.html`),
    /// percent-decoded once and read as UTF-8; nil when it does not start with `/`, has a `%`
    /// not followed by two hex digits, or is not valid UTF-8 once decoded (overlong forms such as
    /// `%c0%ae` are not). A `%` that decoding leaves (`%252e` → `%2e`) stays for the site's
    /// resolver to refuse.
    static func decodedPath(of target: String) -> String? {
        let raw = target.unicodeScalars.prefix { $0 != "?" }
        guard raw.first == "/", raw.allSatisfy({ $0.value < 0x80 }) else { return nil }
        let bytes = raw.map { UInt8($0.value) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25 {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { return nil }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(validating: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// RFC 9110's `tchar`: what a method or a header name may consist of.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
