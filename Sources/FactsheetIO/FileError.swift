import FactsheetCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A problem reading or writing a file or folder, with a message for the user.
public struct FileError: LocalizedError {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
}
