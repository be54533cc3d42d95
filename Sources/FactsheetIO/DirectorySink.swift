import FactsheetSite
import FactsheetSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes each file into a folder as soon as the build makes it, from any thread.
///
/// Plain POSIX `open`/`write`: the build writes thousands of small files, and Foundation's
/// `Data.write` costs several times more per file.
public final class DirectorySink: BuildSink, @unchecked Sendable {
    let folder: URL
    private let folderPath: String
    private let lock = NSLock()
    /// Open descriptors of the first folders made, by path (at most ``openFolders``).
    private var folders: [String: Int32] = [:]
    /// Every folder made so far, with the descriptor of the folder it is in when that one is
    /// kept open (else -1): files of a folder not kept open are created relative to it.
    private var made: [String: Int32] = [:]

    /// How many folders are kept open: those the build writes most into (the language folders,
    /// the municipal sheets', the charts') come first. The many small folders after them (two
    /// files for each municipality's data and charts) are written into by path. At most 256,
    /// and an eighth of the open-files limit, so that a low limit (`ulimit -n`) still leaves
    /// room for the files being written and the rest of the process.
    static let openFolders: Int = {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 16 }
        return Int(max(4, min(256, limit.rlim_cur / 8)))
    }()

    /// The build the output folder held, whose unchanged files are linked rather than written again.
    private let previous: PreviousOutput?

    /// The output folder as the user named it, for messages: the files go into a staging
    /// folder beside it, whose name means nothing to the user.
    private let shownAs: String

    public init(folder: URL, previous: PreviousOutput? = nil, shownAs: String? = nil) {
        self.folder = folder
        self.folderPath = folder.path
        self.previous = previous
        self.shownAs = shownAs ?? folder.path
    }

    deinit {
        for descriptor in folders.values { close(descriptor) }
    }

    public func write(_ file: BuiltFile) throws {
        try store(file, sha256: nil)
    }

    /// Links the previous build's copy when it holds these bytes unchanged (see ``PreviousOutput``); else writes them.
    public func write(_ file: BuiltFile, sha256: String) throws {
        try store(file, sha256: sha256)
    }

    private func store(_ file: BuiltFile, sha256: String?) throws {
        let path = folderPath + "/" + file.path
        let slash = path.lastIndex(of: "/") ?? path.startIndex
        let directory = String(path[..<slash])
        let name = String(path[path.index(after: slash)...])
        // The folder's own name and the path of the folder it is in.
        let folderSlash = directory.lastIndex(of: "/") ?? directory.startIndex
        let folderName = { String(directory[directory.index(after: folderSlash)...]) }
        // Each folder is made and opened once; files are created relative to it, which spares
        // the kernel walking the whole path for each of thousands of files.
        var (folderDescriptor, parentDescriptor) = lock.withLock { (folders[directory], made[directory]) }
        if folderDescriptor == nil && parentDescriptor == nil {
            // Files go into folders opened before; only a new folder could bring back a staging
            // folder that an interruption is removing, so this waits for the process to end.
            let shownFolder = shownAs + String(directory.dropFirst(folderPath.count))
            guard !Interruption.shared.isStopping else { throw FileError("\(shownFolder): the build was interrupted") }
            // In a folder this build made, only the last level can be missing: one `mkdir`, relative
            // to that folder when it is open (the 40,000 folders of a large edition's municipal
            // data and chart files). Anything else, an existing folder too, is left to `makeFolders`.
            let parentPath = String(directory[..<folderSlash])
            let parent: Int32? = lock.withLock { made[parentPath] == nil ? nil : folders[parentPath] ?? AT_FDCWD }
            var madeHere = false
            if let parent { madeHere = mkdirat(parent, parent == AT_FDCWD ? directory : folderName(), 0o755) == 0 }
            if !madeHere {
                try FileSystem.makeFolders(directory, shown: shownFolder)
                // The folder it is in exists now too, though no file may go into it
                // (`data/municipalities/`): the folders beside this one are made relative to it.
                if parent == nil && parentPath.count > folderPath.count { keepOpen(parentPath) }
            }
            let keep = lock.withLock { folders.count < Self.openFolders }
            let opened = keep ? open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
            guard !keep || opened >= 0 else { throw FileError.system(shownFolder, "opened", code: errno) }
            let inParent = parent.flatMap { $0 == AT_FDCWD ? nil : $0 } ?? -1
            (folderDescriptor, parentDescriptor) = lock.withLock {
                made[directory] = inParent
                if let existing = folders[directory] {
                    if opened >= 0 { close(opened) }
                    return (existing, inParent)
                }
                guard opened >= 0 else { return (nil, inParent) }
                folders[directory] = opened
                return (opened, inParent)
            }
        }
        // Relative to the open folder, or to the open folder it is in, or by the whole path.
        let (at, target): (Int32, String)
        if let folderDescriptor {
            (at, target) = (folderDescriptor, name)
        } else if let parentDescriptor, parentDescriptor >= 0 {
            (at, target) = (parentDescriptor, folderName() + "/" + name)
        } else {
            (at, target) = (AT_FDCWD, path)
        }
        if let sha256, let old = previous?.unchanged(file.path, sha256: sha256, bytes: file.bytes.count),
            linkat(AT_FDCWD, old, at, target, 0) == 0
        {
            return
        }
        let shown = shownAs + "/" + file.path
        let descriptor = openat(at, target, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError.system(shown, "written", code: errno) }
        do {
            try FileSystem.write(file.bytes, descriptor: descriptor, shown: shown)
        } catch {
            close(descriptor)
            throw error
        }
        // Some file systems (NFS, a full quota) report a failed write only when the file is closed.
        guard close(descriptor) == 0 else { throw FileError.system(shown, "written", code: errno) }
    }

    /// Records `directory`, which exists, as made, and keeps it open while fewer than
    /// ``openFolders`` are; a folder that cannot be opened is only recorded.
    private func keepOpen(_ directory: String) {
        let keep = lock.withLock { made[directory] == nil && folders.count < Self.openFolders }
        let opened = keep ? open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
        lock.withLock {
            if made[directory] == nil { made[directory] = -1 }
            if opened >= 0 && folders[directory] == nil {
                folders[directory] = opened
            } else if opened >= 0 {
                close(opened)
            }
        }
    }
}

/// Drops every file: `factsheet check` renders everything and writes nothing.
public struct DiscardingSink: BuildSink {
    public init() {}
    public func write(_ file: BuiltFile) throws {}
}
