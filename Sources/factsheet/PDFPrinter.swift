import FactsheetCore
import FactsheetIO
import FactsheetPDF
import Foundation

/// Prints the sheets to archive-grade PDFs and binds one edition per language (`ArchivePrinter`),
/// with a progress line on stderr every ten sheets.
struct PDFPrinter {
    let printer: ArchivePrinter

    /// The tools `--pdf` needs.
    static let tools = ["chromium", "qpdf"]

    /// Chromium and qpdf found on the PATH, or the names of those missing.
    static func find() -> Result<PDFPrinter, MissingTools> {
        let chromium = Executable.find(["chromium", "chromium-browser", "google-chrome"])
        let qpdf = Executable.find(["qpdf"])
        guard let chromium, let qpdf else {
            return .failure(MissingTools(names: [chromium == nil ? "chromium" : nil, qpdf == nil ? "qpdf" : nil].compactMap { $0 }))
        }
        return .success(PDFPrinter(printer: ArchivePrinter(chromium: chromium, qpdf: QPDF(executable: qpdf))))
    }

    var executable: String { printer.chromium }

    /// Prints every sheet of `built` in `folder` and binds each language's edition; returns the
    /// manifest entries of every PDF written.
    func printSheets(_ built: BuildResult, in folder: URL) throws -> [ManifestEntry] {
        let editions = built.languages.map { language in
            let index = SitePath.sheets(language)
            let folderName = index.split(separator: "/").dropLast().joined(separator: "/")
            return ArchivePrinter.Edition(index: index, national: SitePath.national(language), output: folderName + "/edition.pdf")
        }.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0.index).path) }
        let imprint = ArchivePrinter.Imprint(
            creator: Provenance.generatorVersion, author: nil, published: built.provenance.published, authors: built.publisher)
        let progress = PDFProgress(total: built.sheets.count)
        let written = try printer.print(sheets: built.sheets, in: folder, editions: editions, imprint: imprint) { done, total in
            progress.report(done)
        }
        return written.map { ManifestEntry(path: $0.path, bytes: $0.bytes, standards: PDFMetadata.standards) }
    }
}

/// The tools `--pdf` needs that are not installed.
struct MissingTools: Error {
    let names: [String]
}

/// A progress line every ten sheets and at the last, with the time left at the pace so far.
final class PDFProgress: @unchecked Sendable {
    private let total: Int
    private let start = Date()
    private let lock = NSLock()

    init(total: Int) {
        self.total = total
    }

    func report(_ done: Int) {
        guard done % 10 == 0 || done == total else { return }
        let elapsed = Date().timeIntervalSince(start)
        let left = elapsed / Double(done) * Double(total - done)
        let line =
            done == total
            ? "printed \(done) of \(total) sheets to PDF in \(Self.seconds(elapsed)); binding the editions"
            : "printed \(done) of \(total) sheets to PDF in \(Self.seconds(elapsed)), about \(Self.seconds(left)) left"
        lock.withLock { Console.progress(line) }
    }

    private static func seconds(_ value: Double) -> String {
        "\((value * 10).rounded() / 10) s"
    }
}
