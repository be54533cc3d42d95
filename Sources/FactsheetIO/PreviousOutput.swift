import FactsheetSite
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The build an output folder holds, as its `manifest.json` lists it: which files `factsheet`
/// made there and their SHA-256.
///
/// A new build links a file of the previous one into its staging folder instead of writing
/// the same bytes again, when the manifest gives the digest the new file has and the file is
/// still as that build left it: a regular file of the listed size, not modified after the
/// manifest was written. A linked file costs the file system no new inode or data, and a
/// rebuild that changes little writes little.
public struct PreviousOutput: Sendable {
    /// The output folder.
    public let folder: String
    /// SHA-256 (lower-case hex) of every file listed, by relative path; the manifest itself is not listed.
    public let digests: [String: String]
    /// The files that build made: those listed, and the manifest.
    public let paths: Set<String>
    /// When the manifest was written, the last file of that build.
    let written: timespec

    /// The build in `folder`, or nil when it has no manifest that `factsheet` wrote.
    public init?(folder: String) {
        let path = folder + "/" + SitePath.manifest
        var status = stat()
        guard stat(path, &status) == 0, let data = FileManager.default.contents(atPath: path), data.count < 64 << 20,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let generator = object["generator"] as? String, generator.hasPrefix("factsheet "),
            let files = object["files"] as? [String: Any]
        else { return nil }
        var digests: [String: String] = [:]
        for (name, value) in files {
            digests[name] = ((value as? [String: Any])?["sha256"] as? String) ?? ""
        }
        self.folder = folder
        self.digests = digests
        self.paths = Set(digests.keys).union([SitePath.manifest])
        self.written = status.st_mtim
    }

    /// The previous build's file at `path` when it holds the bytes whose SHA-256 is `sha256`
    /// (`bytes` long) and was not changed after that build; nil otherwise.
    func unchanged(_ path: String, sha256: String, bytes: Int) -> String? {
        guard let listed = digests[path], listed == sha256 else { return nil }
        let old = folder + "/" + path
        var status = stat()
        guard lstat(old, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == bytes,
            (status.st_mtim.tv_sec, status.st_mtim.tv_nsec) <= (written.tv_sec, written.tv_nsec)
        else { return nil }
        return old
    }
}
