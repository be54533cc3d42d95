import FactsheetSupport
import Foundation

/// Prints sheets to archive-grade PDFs with one headless Chromium, and binds each language's
/// sheets into one edition.
///
/// Every PDF is printed tagged and with an outline from the headings, then rewritten by qpdf:
/// structure ids made stable, outline titles as the page writes them, the description set,
/// dates from the publication day only, and a document id derived from the content. The same
/// pages therefore always give byte-identical PDFs.
public struct ArchivePrinter: Sendable {
    public let chromium: String
    public let qpdf: QPDF
    /// How many sheets print at once (one browser tab each).
    public var tabs: Int
    /// Where the sRGB ICC profile of the PDF/A output intent is looked for, first found first:
    /// Debian's `icc-profiles-free`, then `colord`'s copy.
    public var colourProfiles: [String]

    public static let standardColourProfiles = ["/usr/share/color/icc/sRGB.icc", "/usr/share/color/icc/colord/sRGB.icc"]

    public init(chromium: String, qpdf: QPDF, tabs: Int = 2, colourProfiles: [String] = ArchivePrinter.standardColourProfiles) {
        self.chromium = chromium
        self.qpdf = qpdf
        self.tabs = tabs
        self.colourProfiles = colourProfiles
    }

    /// One language's bound edition: where its sheets index and Kosovo-wide sheet are, and where it goes.
    public struct Edition: Sendable {
        /// The sheets index (`en/sheets.html`): its order and names are the edition's.
        public let index: String
        /// The Kosovo-wide sheet (`en/index.html`), bound first.
        public let national: String
        /// The edition's path (`en/edition.pdf`).
        public let output: String
        public init(index: String, national: String, output: String) {
            self.index = index
            self.national = national
            self.output = output
        }
    }

    /// What every PDF shares: who made it and when it was published.
    public struct Imprint: Sendable {
        /// The generator and its version.
        public let creator: String
        public let author: String?
        public let published: DateComponents?
        /// The publishing organisation's name by language folder (`sq`), for the sheets and the
        /// edition of that language; `author` where a folder has none.
        public let authors: [String: String]
        public init(creator: String, author: String? = nil, published: DateComponents? = nil, authors: [String: String] = [:]) {
            self.creator = creator
            self.author = author
            self.published = published
            self.authors = authors
        }

        /// The author of the file at `path` (relative to the site), by its language folder.
        func author(of path: String) -> String? {
            path.split(separator: "/").first.flatMap { authors[String($0)] } ?? author
        }
    }

    /// Prints every sheet (HTML paths relative to `folder`) to a PDF beside it and binds the
    /// editions; returns every PDF written, with its bytes, sheets first. `progress` is called
    /// after each sheet with the number done and the total.
    public func print(
        sheets: [String], in folder: URL, editions: [Edition], imprint: Imprint, progress: @escaping @Sendable (Int, Int) -> Void
    ) throws -> [(path: String, bytes: [UInt8])] {
        let indexes = try editions.map { edition in
            (edition, try SheetsIndex(path: edition.index, html: read(folder.appendingPathComponent(edition.index))))
        }
        var entries: [String: IndexEntry] = [:]
        for (edition, index) in indexes {
            entries[edition.national] = IndexEntry(subject: index.title, name: index.name(of: edition.national) ?? "")
            for sheet in index.sheets { entries[sheet.path] = IndexEntry(subject: index.title, name: sheet.name) }
        }
        guard let profile = colourProfiles.lazy.compactMap({ FileManager.default.contents(atPath: $0) }).first, profile.count > 128 else {
            throw PDFError(
                "no sRGB colour profile for the PDF/A output intent at \(colourProfiles.joined(separator: " or ")); install it with 'apt-get install icc-profiles-free'"
            )
        }
        let work = try TemporaryFolder()
        defer { work.remove() }
        let job = Job(folder: folder, work: work.url, entries: entries, imprint: imprint, colourProfile: Array(profile))
        let printed = try printSheets(sheets, job, progress: progress)
        let bound = try bindEditions(indexes, Dictionary(zip(sheets, printed)) { first, _ in first }, job)
        return printed.map { ($0.path, $0.bytes) } + bound
    }

    /// A sheet's archive PDF: its path and bytes, and its objects as qpdf was given them, which
    /// the edition binds (reading the PDF back would cost a qpdf run and a JSON decoding per sheet).
    private struct FinishedSheet: Sendable {
        let path: String
        let bytes: [UInt8]
        let objects: PDFObjects
    }

    /// What printing and binding share: the output folder, a scratch folder, the sheets index entries.
    private struct Job: Sendable {
        let folder: URL
        let work: URL
        let entries: [String: IndexEntry]
        let imprint: Imprint
        /// The sRGB ICC profile every PDF embeds in its output intent.
        let colourProfile: [UInt8]
    }

    /// A sheet as the sheets index lists it: the index's title and the sheet's name there.
    private struct IndexEntry: Sendable {
        let subject: String
        let name: String
    }

    /// Prints the sheets with one browser, `tabs` at a time, each finished as soon as it is printed.
    private func printSheets(
        _ sheets: [String], _ job: Job, progress: @escaping @Sendable (Int, Int) -> Void
    ) throws -> [FinishedSheet] {
        let browser = try DevToolsBrowser(executable: chromium, profile: job.work.appendingPathComponent("profile").path)
        let results = Slots<FinishedSheet>(count: sheets.count)
        let next = Counter()
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(tabs, sheets.count))) { _ in
            do {
                let tab = try BrowserTab(browser: browser)
                while results.failure == nil, let index = next.take(below: sheets.count) {
                    let sheet = sheets[index]
                    let raw = try tab.print(job.folder.appendingPathComponent(sheet))
                    do {
                        results.set(index, try finish(raw, sheet: sheet, number: index, job))
                    } catch {
                        throw PDFError("\(job.folder.path)/\(Self.pdfPath(sheet)): \(FileError.sentence(error, path: Self.pdfPath(sheet)))")
                    }
                    progress(done.increment(), sheets.count)
                }
            } catch {
                results.fail(error)
            }
        }
        if let failure = results.failure {
            browser.terminate()
            throw failure
        }
        browser.shutDown()
        return try results.values.map { finished in
            guard let finished else { throw PDFError("a sheet was not printed") }
            return finished
        }
    }

    /// Rewrites a sheet as Chromium printed it into its archive copy beside the HTML.
    private func finish(_ raw: Data, sheet: String, number: Int, _ job: Job) throws -> FinishedSheet {
        let html = try read(job.folder.appendingPathComponent(sheet))
        let page = SheetPage(html: html)
        let entry = job.entries[sheet]
        let keywords = (entry.map { [$0.name] } ?? []) + page.headings.filter { $0.level == 2 }.map(\.text)
        let metadata = PDFMetadata(
            title: page.title, author: job.imprint.author(of: sheet), subject: entry?.subject, keywords: keywords.filter { !$0.isEmpty },
            language: page.language, creator: job.imprint.creator, published: job.imprint.published)
        let rawFile = job.work.appendingPathComponent("\(number).raw.pdf")
        try FileSystem.write(Array(raw), to: rawFile.path)
        var objects = try qpdf.objects(of: rawFile)
        try? FileManager.default.removeItem(at: rawFile)
        objects.normalizeStructureIDs()
        objects.repairOutlineTitles(headings: page.headings.map(\.text))
        objects.describe(metadata)
        // A link's description is its text on the page, found by its address.
        var linkTexts: [String: String] = [:]
        for link in SheetPage.links(inMainOf: html) where !link.text.isEmpty && linkTexts[link.href] == nil {
            linkTexts[link.href] = link.text
        }
        try objects.makeAccessible(linkTexts: linkTexts)
        objects.identify(metadata, colourProfile: job.colourProfile)
        let path = Self.pdfPath(sheet)
        let output = job.folder.appendingPathComponent(path)
        try qpdf.write(objects, to: output, work: job.work.appendingPathComponent("\(number).json"))
        return FinishedSheet(path: path, bytes: Array(try Data(contentsOf: output)), objects: objects)
    }

    /// Binds each language's edition from its finished sheets, the languages side by side.
    private func bindEditions(
        _ indexes: [(Edition, SheetsIndex)], _ finished: [String: FinishedSheet], _ job: Job
    ) throws -> [(path: String, bytes: [UInt8])] {
        let bound = Slots<[UInt8]>(count: indexes.count)
        DispatchQueue.concurrentPerform(iterations: indexes.count) { number in
            let (edition, index) = indexes[number]
            do {
                // Links of the index that are not printed sheets (none today) are not bound.
                let paths = [edition.national] + index.sheets.map(\.path).filter { $0 != edition.national && finished[$0] != nil }
                let sheets = try paths.map { path in
                    guard let sheet = finished[path] else { throw PDFError("\(path) was not printed") }
                    return EditionBinder.Sheet(objects: sheet.objects, name: job.entries[path]?.name ?? path)
                }
                let nationalTitle = SheetPage(html: try read(job.folder.appendingPathComponent(edition.national))).title
                let metadata = PDFMetadata(
                    title: index.title, author: job.imprint.author(of: edition.output), subject: nationalTitle,
                    keywords: sheets.map(\.name),
                    language: index.language, creator: job.imprint.creator, published: job.imprint.published)
                var objects = try EditionBinder().bind(sheets, metadata: metadata)
                objects.identify(metadata, colourProfile: job.colourProfile)
                let output = job.folder.appendingPathComponent(edition.output)
                try qpdf.write(objects, to: output, work: job.work.appendingPathComponent("edition-\(number).json"))
                bound.set(number, Array(try Data(contentsOf: output)))
            } catch {
                bound.fail(PDFError("\(job.folder.path)/\(edition.output): \(FileError.sentence(error, path: edition.output))"))
            }
        }
        if let failure = bound.failure { throw failure }
        return zip(indexes, bound.values).map { ($0.0.0.output, $0.1 ?? []) }
    }

    /// `en/municipalities/gjilan.html` → `en/municipalities/gjilan.pdf`.
    public static func pdfPath(_ sheet: String) -> String {
        (sheet.hasSuffix(".html") ? String(sheet.dropLast(5)) : sheet) + ".pdf"
    }

    private func read(_ file: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PDFError("\(file.lastPathComponent): cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
