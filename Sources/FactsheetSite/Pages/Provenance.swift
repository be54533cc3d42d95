import Crypto
import FactsheetInput
import Foundation

/// What identifies a build: the generator, the input files and the publication date.
public struct Provenance: Sendable, Hashable {
    /// The generator's version, printed on every page.
    public static let generatorVersion = "factsheet 0.2.0"

    /// First 12 hex digits of the SHA-256 over every input file (names and bytes, sorted by name).
    let inputHash: String
    /// The publication date (year, month, day), from the configuration or `SOURCE_DATE_EPOCH`.
    public let published: DateComponents?

    init(sources: EditionSources, published: DateComponents?) {
        var files =
            [sources.configuration, sources.municipalities, sources.census].compactMap { $0 } + sources.monitoring
            + sources.assets.values
        files.sort { $0.path < $1.path }
        var hasher = SHA256()
        let prefix = sources.folder + "/"
        for file in files {
            let name = file.path.hasPrefix(prefix) ? String(file.path.dropFirst(prefix.count)) : file.path
            hasher.update(data: Array(name.utf8) + [0] + Array(String(file.bytes.count).utf8) + [0])
            hasher.update(data: file.bytes)
        }
        inputHash = String(Manifest.hex(hasher.finalize()).prefix(12))
        self.published = published
    }

    /// Year, month and day of a Unix time in UTC (for `SOURCE_DATE_EPOCH`).
    static func date(fromEpoch seconds: Int) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
