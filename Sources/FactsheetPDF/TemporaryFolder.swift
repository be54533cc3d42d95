import Foundation

/// A private scratch folder (browser profile, qpdf's JSON), removed at the end.
struct TemporaryFolder {
    let url: URL

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/factsheet-pdf-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!).map { String(cString: $0) } }
        guard let made else { throw PDFError("cannot make a scratch folder in \(NSTemporaryDirectory())") }
        url = URL(fileURLWithPath: made)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
