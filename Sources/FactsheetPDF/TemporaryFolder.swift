import FactsheetSupport
import Foundation

/// A private scratch folder (browser profile, qpdf's JSON), removed at the end.
struct TemporaryFolder {
    let url: URL

    init() throws {
        var folder = NSTemporaryDirectory()
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        var template = Array((folder + "/factsheet-pdf-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!).map { String(cString: $0) } }
        guard let made else {
            throw PDFError("\(NSTemporaryDirectory()): a scratch folder could not be made in it: \(FileError.reason(errno))")
        }
        url = URL(fileURLWithPath: made)
        // Removed also if the command is interrupted (Ctrl-C, kill) before it is done with it.
        Interruption.shared.remove(folder: made)
    }

    func remove() {
        FileTree.remove(url.path)
        Interruption.shared.forget(folder: url.path)
    }
}
