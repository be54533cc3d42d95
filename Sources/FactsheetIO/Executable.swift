import FactsheetSite
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Finds programs on the PATH (Chromium for PDFs; cmark-gfm and Hugo for the benchmark).
public enum Executable {
    /// The first of `names` found in a PATH folder, as a full path, or nil.
    public static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in names {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}
