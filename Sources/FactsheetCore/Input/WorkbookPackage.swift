import Foundation
import ZIPFoundation
internal import CZlibInflate

/// Why a workbook could not be read; ``message`` (in `Problem.swift`) words it.
public enum WorkbookDefect: Error, Sendable, Hashable {
    case notZIP
    case missingPart(String)
    case damagedPart(String)
    case partTooLarge(String, limit: Int)
    case malformedXML(part: String, line: Int, reason: String)
    case documentTypeDeclaration(part: String)
    case processingInstruction(part: String)
    case noWorksheet
    case firstSheetNotWorksheet(String)
    case sheetWithoutPart(String)
    case badCellReference(String)
    case sharedStringMissing(index: Int, count: Int)
    case tooManyCells(limit: Int)
    case damagedDirectory
}

/// The parts of an Office Open XML package (an `.xlsx` file), read from its ZIP container in memory.
///
/// Part names are matched without regard to case, as the format asks. Each part is unpacked
/// only up to ``maximumPartSize`` and checked against its CRC-32, so a damaged or hostile
/// container is a ``WorkbookDefect``, never a crash or a flood of memory.
///
/// ZIPFoundation 0.9.20 reads the container, after ``ZIPLayout`` has checked what would trip it
/// up: its in-memory archive stops the process when an offset in the ZIP directory points past
/// the end of the file, and on Linux it loops for ever on a deflate stream that does not end.
struct WorkbookPackage {
    /// The most one part may unpack to: far above a register of every municipality.
    static let maximumPartSize = 64 << 20

    private let archive: Archive
    private let bytes: [UInt8]
    /// Each file entry with where its data lies, by lower-cased part name.
    private let entries: [String: (entry: Entry, data: ZIPLayout.Span)]

    init(bytes: [UInt8]) throws(WorkbookDefect) {
        // Every ZIP file starts with a local file header ("PK\u{3}\u{4}"); an encrypted workbook or an
        // old .xls is an OLE compound file instead.
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { throw .notZIP }
        let spans = try ZIPLayout.spans(of: bytes)
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .notZIP
        }
        // ZIPFoundation lists the entries in directory order, as `ZIPLayout` did.
        var entries: [String: (entry: Entry, data: ZIPLayout.Span)] = [:]
        var index = 0
        for entry in archive {
            defer { index += 1 }
            guard index < spans.count else { throw .damagedDirectory }
            guard entry.type == .file else { continue }
            let path = (entry.path.hasPrefix("/") ? String(entry.path.dropFirst()) : entry.path).lowercased()
            if entries[path] == nil { entries[path] = (entry, spans[index]) }
        }
        guard index == spans.count else { throw .damagedDirectory }
        guard !entries.isEmpty else { throw .notZIP }
        self.bytes = bytes
        self.entries = entries
    }

    func contains(_ part: String) -> Bool { entries[part.lowercased()] != nil }

    /// The unpacked bytes of `part` (a path inside the package such as `xl/workbook.xml`).
    func data(of part: String) throws(WorkbookDefect) -> Data {
        guard let (entry, span) = entries[part.lowercased()] else { throw .missingPart(part) }
        let limit = Self.maximumPartSize
        guard entry.uncompressedSize <= UInt64(limit) else { throw .partTooLarge(part, limit: limit) }
        if span.method == 8 {
            switch ZIPLayout.inflatedSize(bytes[span.offset..<(span.offset + span.compressedSize)], limit: limit) {
            case .ends: break
            case .tooLarge: throw .partTooLarge(part, limit: limit)
            case .damaged: throw .damagedPart(part)
            }
        }
        var data = Data()
        do {
            let checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                // The size in the header may lie; count what really comes out.
                guard data.count + chunk.count <= limit else { throw WorkbookDefect.partTooLarge(part, limit: limit) }
                data.append(chunk)
            }
            guard checksum == entry.checksum else { throw WorkbookDefect.damagedPart(part) }
        } catch let defect as WorkbookDefect {
            throw defect
        } catch {
            throw .damagedPart(part)
        }
        return data
    }

    // MARK: - Relationships

    /// One `<Relationship>` of a `.rels` part, its target resolved to a part name.
    struct Relationship {
        var id: String
        var type: String
        var target: String
        var isExternal: Bool
    }

    /// The relationships of `part` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`); empty when it has none.
    func relationships(of part: String) throws(WorkbookDefect) -> [Relationship] {
        let folder = Self.folder(of: part)
        let name = part.split(separator: "/").last.map(String.init) ?? part
        let relsPart = folder + "_rels/" + name + ".rels"
        guard contains(relsPart) else { return [] }
        var found: [Relationship] = []
        let reader = WorkbookXMLReader()
        reader.didStart = { element, attributes in
            guard element == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
            let external = attributes["TargetMode"] == "External"
            found.append(
                Relationship(
                    id: id, type: attributes["Type"] ?? "", target: external ? target : Self.resolve(target, from: folder), isExternal: external))
        }
        try reader.parse(try data(of: relsPart), part: relsPart)
        return found
    }

    /// The folder of a part with its trailing `/` (`xl/`), empty at the root.
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// A relationship target made into a part name: absolute (`/xl/…`) or relative to `folder`, with `..` resolved.
    static func resolve(_ target: String, from folder: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        let joined = decoded.hasPrefix("/") ? decoded : folder + decoded
        var parts: [Substring] = []
        for piece in joined.split(separator: "/") {
            if piece == "." { continue }
            if piece == ".." {
                _ = parts.popLast()
            } else {
                parts.append(piece)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// Where each entry's data lies in a ZIP file, read from its directory with every offset checked
/// to stay inside the file; and whether a deflate stream ends within its bytes.
///
/// This reads only the fixed fields ZIPFoundation seeks by (APPNOTE 4.3.12–4.3.16); the entries
/// themselves are unpacked by ZIPFoundation.
enum ZIPLayout {
    struct Span {
        /// Where the entry's (compressed) data starts.
        var offset: Int
        var compressedSize: Int
        /// 0 stored, 8 deflate.
        var method: UInt16
    }

    /// One span per directory record, in directory order; ZIP64 and encrypted entries, which Excel
    /// never writes for a table, are refused with everything else out of place.
    static func spans(of bytes: [UInt8]) throws(WorkbookDefect) -> [Span] {
        let count = bytes.count
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard let low = u16(at), let high = u16(at + 2) else { return nil }
            return low | high << 16
        }
        // The end-of-directory record: the last "PK\u{5}\u{6}" found scanning back from the end, as ZIPFoundation does.
        var end: Int?
        var position = count - 22
        while position >= 0 {
            if u32(position) == 0x0605_4B50 {
                end = position
                break
            }
            position -= 1
        }
        guard let end else { throw .notZIP }
        if u32(end - 20) == 0x0706_4B50 { throw .damagedDirectory }  // a ZIP64 locator
        guard let total = u16(end + 10), let directory = u32(end + 16), total != 0xFFFF, directory != 0xFFFF_FFFF else {
            throw .damagedDirectory
        }
        var spans: [Span] = []
        var record = directory
        for _ in 0..<total {
            guard u32(record) == 0x0201_4B50, let flags = u16(record + 8), let method = u16(record + 10),
                let compressed = u32(record + 20), let uncompressed = u32(record + 24), let nameLength = u16(record + 28),
                let extraLength = u16(record + 30), let commentLength = u16(record + 32), let local = u32(record + 42),
                record + 46 + nameLength + extraLength + commentLength <= count,
                compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF, flags & 1 == 0,
                u32(local) == 0x0403_4B50, let localName = u16(local + 26), let localExtra = u16(local + 28)
            else { throw .damagedDirectory }
            let data = local + 30 + localName + localExtra
            let stored = method == 0 ? uncompressed : compressed
            // A data descriptor follows the data when bit 3 is set; ZIPFoundation reads it there.
            guard data + compressed <= count, data + stored + (flags & 8 != 0 ? 16 : 0) <= count else { throw .damagedDirectory }
            spans.append(Span(offset: data, compressedSize: compressed, method: UInt16(method)))
            record += 46 + nameLength + extraLength + commentLength
        }
        return spans
    }

    enum Inflation { case ends, tooLarge, damaged }

    /// Whether the raw deflate stream in `input` ends within it, unpacking to at most `limit` bytes.
    static func inflatedSize(_ input: ArraySlice<UInt8>, limit: Int) -> Inflation {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return .damaged }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var produced = 0
        return input.withUnsafeBufferPointer { source -> Inflation in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let result = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                produced += output.count - Int(stream.avail_out)
                if produced > limit { return .tooLarge }
                if result == Z_STREAM_END { return .ends }
                // Out of input, or no progress possible: the stream does not end here.
                if result != Z_OK || (stream.avail_in == 0 && stream.avail_out != 0) { return .damaged }
            }
        }
    }
}
