import FactsheetIO
import FactsheetPDF
import FactsheetSite
import FactsheetSupport
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

    /// The finisher that prints the sheets written into `folder` (the staging folder).
    func printing(pagesIn folder: URL) -> Printing {
        Printing(printer: printer, folder: folder)
    }

    /// Prints every sheet of the build from its page in `folder` and binds each language's
    /// edition, from what the build knows of its sheets; the PDFs go through the build's sink.
    struct Printing: SiteFinisher {
        let printer: ArchivePrinter
        let folder: URL

        var needsOutlines: Bool { true }

        func finish(_ site: SiteIndex, provenance: Provenance, publisher: [String: String], write: (BuiltFile) throws -> Void) throws {
            Console.progress("print \(site.sheets.count) sheets to PDF with one \(printer.chromium)")
            let sheets = site.sheets.map { sheet in
                // A link's text by its address, the first link to it naming it.
                var linkTexts: [String: String] = [:]
                for link in sheet.links where !link.text.isEmpty && linkTexts[link.href] == nil { linkTexts[link.href] = link.text }
                return ArchivePrinter.Sheet(
                    path: sheet.path, language: sheet.languageTag, title: sheet.title,
                    headings: sheet.headings.map { ArchivePrinter.Heading(level: $0.level, text: $0.text) }, linkTexts: linkTexts,
                    name: sheet.name, subject: sheet.subject)
            }
            let editions = site.editions.map { edition in
                ArchivePrinter.Edition(
                    title: edition.title, language: edition.languageTag, subject: edition.nationalTitle, sheets: edition.sheets,
                    output: edition.output)
            }
            let imprint = ArchivePrinter.Imprint(
                creator: Provenance.generatorVersion, author: nil, published: provenance.published, authors: publisher)
            let progress = PDFProgress(total: sheets.count)
            let printed = try printer.print(sheets: sheets, in: folder, editions: editions, imprint: imprint) { done, _ in
                progress.report(done)
            }
            for pdf in printed { try write(BuiltFile(path: pdf.path, bytes: pdf.bytes, standards: PDFMetadata.standards)) }
        }
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
