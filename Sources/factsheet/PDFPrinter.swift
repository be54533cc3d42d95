import Dispatch
import FactsheetCore
import FactsheetIO
import Foundation

/// Prints sheets to PDF with headless Chromium, two at a time.
struct PDFPrinter {
    let executable: String

    /// The first Chromium found on the PATH, or nil.
    static func find() -> PDFPrinter? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return PDFPrinter(executable: candidate) }
            }
        }
        return nil
    }

    /// Prints each sheet (a path relative to `folder`) to the same path with `.pdf`; returns the PDFs' paths and bytes.
    func printSheets(_ sheets: [String], in folder: URL) throws -> [(String, [UInt8])] {
        let results = UnsafeResults(count: sheets.count)
        let queue = DispatchQueue(label: "pdf", attributes: .concurrent)
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: 2)
        for (index, sheet) in sheets.enumerated() {
            slots.wait()
            queue.async(group: group) {
                defer { slots.signal() }
                results.set(index, Result { try printOne(sheet, in: folder) })
            }
        }
        group.wait()
        return try results.values.map { try $0!.get() }
    }

    private func printOne(_ sheet: String, in folder: URL) throws -> (String, [UInt8]) {
        let input = folder.appendingPathComponent(sheet)
        let pdfPath = String(sheet.dropLast(".html".count)) + ".pdf"
        let output = folder.appendingPathComponent(pdfPath)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        var arguments = ["--headless", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(output.path)", input.absoluteString]
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path) else {
            throw ReadError("\(sheet): Chromium could not print it to PDF (exit \(process.terminationStatus))")
        }
        return (pdfPath, Array(data))
    }
}

/// Results written by index from concurrent work; each slot is written once.
private final class UnsafeResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<(String, [UInt8]), Error>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<(String, [UInt8]), Error>) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
}
