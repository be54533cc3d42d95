import Dispatch
import FactsheetCore
import FactsheetIO
import Foundation

/// Prints sheets to PDF with headless Chromium, two at a time.
struct PDFPrinter {
    let executable: String

    /// The first Chromium found on the PATH, or nil.
    static func find() -> PDFPrinter? {
        Executable.find(["chromium", "chromium-browser", "google-chrome"]).map(PDFPrinter.init(executable:))
    }

    /// Prints each sheet (a path relative to `folder`) to the same path with `.pdf`; returns the PDFs' paths and bytes.
    func printSheets(_ sheets: [String], in folder: URL) throws -> [(String, [UInt8])] {
        let results = ConcurrentSlots<Result<(String, [UInt8]), Error>>(count: sheets.count)
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
        return try results.values.map { slot in
            guard let slot else { throw ReadError("a sheet was not printed to PDF") }
            return try slot.get()
        }
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
