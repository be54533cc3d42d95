internal import CZlibInflate

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
            let name = String(decoding: bytes[(record + 46)..<(record + 46 + nameLength)], as: UTF8.self)
            let pieces = name.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" })
            if name.hasPrefix("/") || name.hasPrefix("\\") || name.contains(":") || name.contains("\u{0}") || pieces.contains("..") {
                throw .unsafeEntryName(name)
            }
            if uncompressed > WorkbookPackage.ratioFloor && uncompressed > compressed * WorkbookPackage.maximumRatio {
                throw .compressionRatio(name, ratio: uncompressed / max(compressed, 1))
            }
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
