import Foundation
import MarkdownRendering

/// What the build knows of its sheets, as values, for the outputs made after every page is
/// written (the archive PDFs): each sheet's title, language, headings and links, and each
/// language's edition with its sheets in the order of its index.
///
/// Nothing here is read back from the HTML: it is what the pages were written from.
public struct SiteIndex: Sendable {
    /// One sheet (an HTML page that prints as a fact sheet).
    public struct Sheet: Sendable, Hashable {
        /// Its path in the output folder (`en/municipalities/gjilan.html`).
        public let path: String
        /// Its language as the page's `lang` gives it (BCP 47: `sr-Latn`).
        public let languageTag: String
        /// Its title: the page's `<title>`, its first heading.
        public let title: String
        /// Every heading of the page in reading order, those of its charts included; empty
        /// unless a ``SiteFinisher`` of the build asked for them.
        public let headings: [MarkdownDocument.Heading]
        /// Every link of the sheet's text, in reading order; empty unless a finisher asked for them.
        public let links: [MarkdownDocument.Link]
        /// How the language's index names it (`Kosovo-wide fact sheet`, `Gjilan/Gnjilane`).
        public let name: String
        /// The title of the index that lists it, which an archive copy gives as its subject.
        public let subject: String
    }

    /// One language's edition: its sheets in the order its index lists them, the Kosovo-wide one first.
    public struct Edition: Sendable, Hashable {
        /// The language's key (`sq`), the folder of its files.
        public let language: String
        public let languageTag: String
        /// The index's title (`All fact sheets – MCSC fact sheet 2017`).
        public let title: String
        /// The title of the Kosovo-wide sheet.
        public let nationalTitle: String
        /// Paths of its sheets, the Kosovo-wide one first, then the municipalities in the
        /// language's alphabetical order.
        public let sheets: [String]
        /// Where a bound copy of the whole edition goes (`sq/edition.pdf`).
        public let output: String
    }

    /// Every sheet, the Kosovo-wide ones first (``BuildResult/sheets``'s order).
    public let sheets: [Sheet]
    /// Every language with a Kosovo-wide sheet, in the order of the language links.
    public let editions: [Edition]
}

/// An output made after every page and data file is written, from what the build knows of its
/// sheets (the archive PDFs, printed from the written pages). Its files go through the build's
/// sink like every other, so the manifest, written last, lists them.
public protocol SiteFinisher: Sendable {
    /// Whether it needs each sheet's headings and links (kept only then: a large edition has
    /// tens of thousands of sheets).
    var needsOutlines: Bool { get }
    /// Makes the output's files and hands each to `write`, which throws when the sink cannot
    /// take one (the build then stops with that error).
    func finish(_ site: SiteIndex, provenance: Provenance, publisher: [String: String], write: (BuiltFile) throws -> Void) throws
}

/// Every sheet's outline as the render pool hands them over, by path; safe to use from several threads.
final class SheetOutlines: @unchecked Sendable {
    private let lock = NSLock()
    private var outlines: [String: RenderedPage.Outline] = [:]

    func add(_ page: RenderedPage) {
        let outline = page.outline
        lock.withLock { outlines[page.file.path] = outline }
    }

    var pages: [String: RenderedPage.Outline] { lock.withLock { outlines } }
}
