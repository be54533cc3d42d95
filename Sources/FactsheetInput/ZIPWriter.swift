import Foundation
import ZIPFoundation

/// Packs named parts into a ZIP archive in memory: the one place the workbooks the generator
/// writes are zipped, so that the ZIP library can be swapped here alone.
package enum ZIPWriter {
    /// The archive's bytes: each part deflated, in the order given, every one dated
    /// 1980-01-01 (the first date a ZIP file can hold), so the same parts give the same bytes.
    package static func archive(_ parts: [(path: String, bytes: [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        let date = Date(timeIntervalSince1970: 315_532_800)
        for part in parts {
            let data = Data(part.bytes)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date, permissions: 0o644,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        guard let data = archive.data else { throw WorkbookWriterError() }
        return Array(data)
    }
}
