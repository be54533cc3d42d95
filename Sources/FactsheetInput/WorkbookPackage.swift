import Foundation
import ZIPFoundation

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
    /// The most a part may unpack to per byte packed: Excel's parts pack 5 to 50 times, deflate
    /// at most about 1,030 times (a part of one byte repeated).
    static let maximumRatio = 200
    /// Parts that unpack to less than this are not judged by their ratio: a small part of
    /// repeated markup packs well and costs nothing.
    static let ratioFloor = 1 << 20

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
                    id: id, type: attributes["Type"] ?? "", target: external ? target : Self.resolve(target, from: folder),
                    isExternal: external))
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
