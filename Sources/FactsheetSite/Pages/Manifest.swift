import Crypto
import FactsheetSupport

/// One file of a build: its path, size and SHA-256, and for a PDF the standards it conforms to.
public struct ManifestEntry: Sendable, Hashable {
    let path: String
    let size: Int
    let sha256: String
    /// The standards the file conforms to (`PDF/A-2u`, `PDF/UA-1`); empty for files that claim none.
    let standards: [String]

    public init(path: String, bytes: [UInt8], standards: [String] = []) {
        self.path = path
        self.size = bytes.count
        self.sha256 = Manifest.hex(SHA256.hash(data: bytes))
        self.standards = standards
    }
}

/// `manifest.json`: every file of the build with its SHA-256, so an archive can check its copy, and
/// the standards each PDF conforms to.
public enum Manifest {
    /// The manifest for `entries` (the manifest itself left out), sorted by path.
    public static func json(entries: [ManifestEntry], provenance: Provenance) -> String {
        var out = "{\n  \"files\": {\n"
        let sorted = entries.filter { $0.path != SitePath.manifest }.sorted { $0.path < $1.path }
        out += sorted.map { entry in
            let standards =
                entry.standards.isEmpty ? "" : ", \"standards\": [\(entry.standards.map(Escaping.json).joined(separator: ", "))]"
            return "    \(Escaping.json(entry.path)): {\"bytes\": \(entry.size), \"sha256\": \"\(entry.sha256)\"\(standards)}"
        }.joined(separator: ",\n")
        out += "\n  },\n"
        out += "  \"generator\": \(Escaping.json(Provenance.generatorVersion)),\n"
        out += "  \"input_sha256_prefix\": \(Escaping.json(provenance.inputHash))\n}\n"
        return out
    }

    /// Lower-case hexadecimal, two digits per byte.
    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
