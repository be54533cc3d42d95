import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A problem reading or writing a file or folder, with a message for the user.
///
/// Its message names the path and says what failed and why in words
/// (`out/en/index.html: could not be written: no space left on device`); it never shows a Swift
/// value. Everything in this module that touches the file system throws it.
public struct FileError: LocalizedError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }

    /// `PATH: could not be ACTION: REASON`, the reason being the system's for `code` (an `errno`).
    public static func system(_ path: String, _ action: String, code: Int32) -> FileError {
        FileError("\(path): could not be \(action): \(reason(code))")
    }

    /// The system's reason for `code` (an `errno`) in words, starting in lower case as it stands
    /// mid-sentence: "no space left on device", "permission denied".
    public static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return "error \(code)" }
        // "No space left on device" → "no space …"; an acronym such as "I/O error" stays.
        if let second = text.dropFirst().first, second.isUppercase || !second.isLetter { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// Any error as a sentence for the user, never a Swift value: this module's and every other
    /// message-carrying error's own words, Foundation's file errors with the system's reason
    /// about `path`, and otherwise a plain statement that `path` could not be made.
    public static func sentence(_ error: any Error, path: String) -> String {
        if let error = error as? FileError { return error.message }
        if error is CocoaError || error is POSIXError { return describing(error, path: path, action: "made").message }
        if let error = error as? LocalizedError, let description = error.errorDescription { return description }
        return describing(error, path: path, action: "made").message
    }

    /// Any error from a file operation on `path` as a sentence: this module's own messages as
    /// they are, Foundation's with the system's reason where it carries one.
    public static func describing(_ error: any Error, path: String, action: String) -> FileError {
        if let error = error as? FileError { return error }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return system(path, action, code: Int32(nsError.code)) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return system(path, action, code: Int32(underlying.code))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileWriteOutOfSpace: return system(path, action, code: ENOSPC)
            case .fileWriteNoPermission, .fileReadNoPermission: return system(path, action, code: EACCES)
            case .fileWriteVolumeReadOnly: return system(path, action, code: EROFS)
            case .fileNoSuchFile, .fileReadNoSuchFile: return system(path, action, code: ENOENT)
            case .fileWriteFileExists: return system(path, action, code: EEXIST)
            case .fileWriteInvalidFileName, .fileReadInvalidFileName: return system(path, action, code: ENAMETOOLONG)
            default: break
            }
        }
        return FileError("\(path): could not be \(action)")
    }
}

/// The few file operations the command needs, as POSIX calls that throw ``FileError`` with the
/// system's reason; Foundation's equivalents report some failures on Linux without one.
public enum FileSystem {
    /// Makes `path` and every missing folder above it (`mkdir -p`); `shown` names it in messages.
    public static func makeFolders(_ path: String, shown: String? = nil) throws {
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else { throw FileError("\(shown ?? path): is a file, not a folder") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path {
            try makeFolders(parent, shown: shown.map { ($0 as NSString).deletingLastPathComponent })
        }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw FileError.system(shown ?? path, "made as a folder", code: errno)
        }
    }

    /// Writes `bytes` to a new file at `path` (it must not exist yet); `shown` names it in messages.
    public static func writeNew(_ bytes: [UInt8], to path: String, shown: String? = nil) throws {
        try write(bytes, to: path, flags: O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, shown: shown)
    }

    /// Writes `bytes` to `path`, replacing what it held; `shown` names it in messages.
    public static func write(_ bytes: [UInt8], to path: String, shown: String? = nil) throws {
        try write(bytes, to: path, flags: O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, shown: shown)
    }

    private static func write(_ bytes: [UInt8], to path: String, flags: Int32, shown: String?) throws {
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw FileError.system(shown ?? path, "written", code: errno) }
        do {
            try write(bytes, descriptor: descriptor, shown: shown ?? path)
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw FileError.system(shown ?? path, "written", code: errno) }
    }

    /// Writes all of `bytes` to an open file; the caller closes it.
    public static func write(_ bytes: [UInt8], descriptor: Int32, shown: String) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileError.system(shown, "written", code: errno)
                }
                offset += written
            }
        }
    }

    /// Renames `from` to `to` (the same file system); `shown` names the destination in messages.
    public static func rename(_ from: String, to: String, shown: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw FileError.system(shown, "put in place", code: errno) }
    }
}
