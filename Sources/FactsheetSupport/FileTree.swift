import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Walks and removes folder trees with POSIX calls: an output folder holds tens of thousands of
/// files, and FileManager's enumerator and `removeItem` take several times longer on them.
public enum FileTree {
    /// Relative paths of everything below `folder` that is not a folder (symbolic links are not
    /// followed), in no particular order; empty when `folder` cannot be read.
    public static func files(in folder: String) -> [String] {
        var result: [String] = []
        walk(folder, prefix: "", into: &result)
        return result
    }

    private static func walk(_ folder: String, prefix: String, into result: inout [String]) {
        for (name, isFolder) in entries(of: folder) {
            if isFolder {
                walk(folder + "/" + name, prefix: prefix + name + "/", into: &result)
            } else {
                result.append(prefix + name)
            }
        }
    }

    /// The names of the entries of `folder` (not `.` and `..`); empty when it cannot be read.
    public static func names(in folder: String) -> [String] {
        entries(of: folder).map(\.0)
    }

    /// The entries of `folder` (not `.` and `..`), each with whether it is a folder.
    private static func entries(of folder: String) -> [(String, Bool)] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var result: [(String, Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var status = stat()
                isFolder = lstat(folder + "/" + name, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            }
            result.append((name, isFolder))
        }
        return result
    }

    /// Deletes `path` and everything below it, the folders at its top level side by side;
    /// what cannot be deleted stays.
    public static func remove(_ path: String) {
        let top = entries(of: path)
        DispatchQueue.concurrentPerform(iterations: top.count) { index in
            let (name, isFolder) = top[index]
            if isFolder { removeTree(path + "/" + name) } else { unlink(path + "/" + name) }
        }
        if rmdir(path) != 0 && errno == ENOTDIR { unlink(path) }
    }

    private static func removeTree(_ folder: String) {
        let list = entries(of: folder)
        // Files are unlinked relative to their open folder, which spares the kernel walking
        // the whole path again for each of them.
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        for (name, isFolder) in list {
            if isFolder {
                removeTree(folder + "/" + name)
            } else if descriptor >= 0 {
                unlinkat(descriptor, name, 0)
            } else {
                unlink(folder + "/" + name)
            }
        }
        if descriptor >= 0 { close(descriptor) }
        rmdir(folder)
    }
}
