import FactsheetSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs qpdf (Debian `qpdf`): it reads PDFs into ``PDFObjects`` and writes them back.
public struct QPDF: Sendable {
    public let executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// Every object of the PDF at `file`, streams kept as they are (compressed, base64).
    public func objects(of file: URL) throws -> PDFObjects {
        let output = try run(["--json-output", "--decode-level=none", "--json-stream-data=inline", file.path, "-"], scratch: file.path)
        do {
            return try PDFObjects(json: JSONValue.decode(output))
        } catch let error as PDFError {
            throw error
        } catch {
            throw PDFError("\(file.lastPathComponent): qpdf's description of it could not be read")
        }
    }

    /// Writes `objects` as a PDF at `file`: objects renumbered in order, only what the trailer
    /// reaches, and a document id (`/ID`) computed from the content, so the same objects always
    /// give the same bytes. `work` is a scratch file for the JSON.
    public func write(_ objects: PDFObjects, to file: URL, work: URL) throws {
        try FileSystem.write(Array(try objects.json.encoded()), to: work.path)
        defer { unlink(work.path) }
        _ = try run(["--json-input", "--deterministic-id", work.path, file.path], scratch: work.path)
    }

    /// Runs qpdf as a child the interruption handler knows (``ChildProcess``) and returns what it
    /// wrote to stdout, kept meanwhile beside `scratch`; exit code 3 (warnings only) counts as success.
    private func run(_ arguments: [String], scratch: String) throws -> Data {
        let output = scratch + ".out"
        let errors = scratch + ".err"
        defer {
            unlink(output)
            unlink(errors)
        }
        let status = try ChildProcess.run(executable, arguments, output: output, errors: errors)
        guard status == 0 || status == 3 else {
            let message = (FileManager.default.contents(atPath: errors).map { String(decoding: $0, as: UTF8.self) } ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw PDFError("qpdf could not \(arguments.first == "--json-input" ? "write the PDF" : "read the PDF"): \(message)")
        }
        guard let data = FileManager.default.contents(atPath: output) else {
            throw PDFError("\(output): could not be read back: \(FileError.reason(errno))")
        }
        return data
    }
}
