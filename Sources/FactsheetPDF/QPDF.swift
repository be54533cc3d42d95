import Foundation

/// Runs qpdf (Debian `qpdf`): it reads PDFs into ``PDFObjects`` and writes them back.
public struct QPDF: Sendable {
    public let executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// Every object of the PDF at `file`, streams kept as they are (compressed, base64).
    public func objects(of file: URL) throws -> PDFObjects {
        let output = try run(["--json-output", "--decode-level=none", "--json-stream-data=inline", file.path, "-"])
        do {
            return try PDFObjects(json: JSONValue.decode(output))
        } catch let error as PDFError {
            throw error
        } catch {
            throw PDFError("\(file.lastPathComponent): qpdf's JSON could not be read (\(error))")
        }
    }

    /// Writes `objects` as a PDF at `file`: objects renumbered in order, only what the trailer
    /// reaches, and a document id (`/ID`) computed from the content, so the same objects always
    /// give the same bytes. `work` is a scratch file for the JSON.
    public func write(_ objects: PDFObjects, to file: URL, work: URL) throws {
        try objects.json.encoded().write(to: work)
        _ = try run(["--json-input", "--deterministic-id", work.path, file.path])
        try? FileManager.default.removeItem(at: work)
    }

    /// Runs qpdf and returns what it wrote to stdout; exit code 3 (warnings only) counts as success.
    private func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Both pipes are drained before waiting, so a large output cannot block qpdf.
        let errorText = ErrorText()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorText.data = errors.fileHandleForReading.readDataToEndOfFile() }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        guard process.terminationStatus == 0 || process.terminationStatus == 3 else {
            let message = String(decoding: errorText.data ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PDFError("qpdf \(arguments.first ?? "") failed (exit \(process.terminationStatus)): \(message)")
        }
        return data
    }
}

/// What qpdf wrote to stderr, read on another thread.
private final class ErrorText: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Data?
    var data: Data? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
