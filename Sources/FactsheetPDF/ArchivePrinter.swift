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

    /// One sheet to print, as the build that wrote it describes it (nothing is read back from its HTML).
    public struct Sheet: Sendable {
        /// The page's path in the folder (`en/municipalities/gjilan.html`).
        public let path: String
        /// The page's language (BCP 47).
        public let language: String
        public let title: String
        /// Every heading of the page in reading order: the outline's titles are repaired from
        /// them, and those of level 2 are the PDF's keywords.
        public let headings: [Heading]
        /// Each link's text on the page by its `href`, which describes the link's annotation.
        public let linkTexts: [String: String]
        /// Its name in the edition (the sheets index's link text).
        public let name: String
        /// The edition's title, the PDF's subject.
        public let subject: String
        public init(
            path: String, language: String, title: String, headings: [Heading], linkTexts: [String: String], name: String,
            subject: String
        ) {
            self.path = path
            self.language = language
            self.title = title
            self.headings = headings
            self.linkTexts = linkTexts
            self.name = name
            self.subject = subject
        }
    }

    /// A heading of a sheet.
    public struct Heading: Sendable, Equatable {
        public let level: Int
        public let text: String
        public init(level: Int, text: String) {
            self.level = level
            self.text = text
        }
    }

    /// One language's bound edition: its sheets in order and where it goes.
    public struct Edition: Sendable {
        /// The edition's title (its sheets index's).
        public let title: String
        public let language: String
        /// The Kosovo-wide sheet's title, the edition's subject.
        public let subject: String
        /// Its sheets' paths in the order of its index, the Kosovo-wide one first.
        public let sheets: [String]
        /// The edition's path (`en/edition.pdf`).
        public let output: String
        public init(title: String, language: String, subject: String, sheets: [String], output: String) {
            self.title = title
            self.language = language
            self.subject = subject
            self.sheets = sheets
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

    /// Prints every sheet (HTML pages in `folder`) to an archive PDF and binds the editions;
    /// returns every PDF, its path beside its page's (`en/index.pdf`) and its bytes, sheets
    /// first, for the caller to write. `progress` is called after each sheet with the number
    /// done and the total.
    public func print(
        sheets: [Sheet], in folder: URL, editions: [Edition], imprint: Imprint, progress: @escaping @Sendable (Int, Int) -> Void
    ) throws -> [(path: String, bytes: [UInt8])] {
        guard let profile = colourProfiles.lazy.compactMap({ FileManager.default.contents(atPath: $0) }).first, profile.count > 128 else {
            throw PDFError(
                "no sRGB colour profile for the PDF/A output intent at \(colourProfiles.joined(separator: " or ")); install it with 'apt-get install icc-profiles-free'"
            )
        }
        let work = try TemporaryFolder()
        defer { work.remove() }
        let job = Job(folder: folder, work: work.url, imprint: imprint, colourProfile: Array(profile))
        let printed = try printSheets(sheets, job, progress: progress)
        var finished: [String: (sheet: Sheet, pdf: FinishedSheet)] = [:]
        for (sheet, pdf) in zip(sheets, printed) where finished[sheet.path] == nil { finished[sheet.path] = (sheet, pdf) }
        let bound = try bindEditions(editions, finished, job)
        return printed.map { ($0.path, $0.bytes) } + bound
    }

    /// A sheet's archive PDF: its path and bytes, and its objects as qpdf was given them, which
    /// the edition binds (reading the PDF back would cost a qpdf run and a JSON decoding per sheet).
    private struct FinishedSheet: Sendable {
        let path: String
        let bytes: [UInt8]
        let objects: PDFObjects
    }

    /// What printing and binding share: the pages' folder and a scratch folder.
    private struct Job: Sendable {
        let folder: URL
        let work: URL
        let imprint: Imprint
        /// The sRGB ICC profile every PDF embeds in its output intent.
        let colourProfile: [UInt8]
    }

    /// Prints the sheets with one browser, `tabs` at a time, each finished as soon as it is printed.
    private func printSheets(
        _ sheets: [Sheet], _ job: Job, progress: @escaping @Sendable (Int, Int) -> Void
    ) throws -> [FinishedSheet] {
        let browser = try DevToolsBrowser(executable: chromium, profile: job.work.appendingPathComponent("profile").path)
        let results = ConcurrentSlots<FinishedSheet>(count: sheets.count)
        let next = NextIndex(below: sheets.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(tabs, sheets.count))) { _ in
            do {
                let tab = try BrowserTab(browser: browser)
                while results.failure == nil, let index = next.take() {
                    let sheet = sheets[index]
                    let raw = try tab.print(job.folder.appendingPathComponent(sheet.path))
                    do {
                        results.set(index, try finish(raw, sheet: sheet, number: index, job))
                    } catch {
                        let path = Self.pdfPath(sheet.path)
                        throw PDFError("\(job.folder.path)/\(path): \(FileError.sentence(error, path: path))")
                    }
                    progress(next.finish(), sheets.count)
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

    /// Rewrites a sheet as Chromium printed it into its archive copy.
    private func finish(_ raw: Data, sheet: Sheet, number: Int, _ job: Job) throws -> FinishedSheet {
        let keywords = [sheet.name] + sheet.headings.filter { $0.level == 2 }.map(\.text)
        let metadata = PDFMetadata(
            title: sheet.title, author: job.imprint.author(of: sheet.path), subject: sheet.subject,
            keywords: keywords.filter { !$0.isEmpty }, language: sheet.language, creator: job.imprint.creator,
            published: job.imprint.published)
        let rawFile = job.work.appendingPathComponent("\(number).raw.pdf")
        try FileSystem.write(Array(raw), to: rawFile.path)
        var objects = try qpdf.objects(of: rawFile)
        try? FileManager.default.removeItem(at: rawFile)
        objects.normalizeStructureIDs()
        objects.repairOutlineTitles(headings: sheet.headings.map(\.text))
        objects.describe(metadata)
        // A link's description is its text on the page, found by its address.
        try objects.makeAccessible(linkTexts: sheet.linkTexts)
        objects.identify(metadata, colourProfile: job.colourProfile)
        let output = job.work.appendingPathComponent("\(number).pdf")
        try qpdf.write(objects, to: output, work: job.work.appendingPathComponent("\(number).json"))
        defer { try? FileManager.default.removeItem(at: output) }
        return FinishedSheet(path: Self.pdfPath(sheet.path), bytes: Array(try Data(contentsOf: output)), objects: objects)
    }

    /// Binds each language's edition from its finished sheets, the languages side by side.
    private func bindEditions(
        _ editions: [Edition], _ finished: [String: (sheet: Sheet, pdf: FinishedSheet)], _ job: Job
    ) throws -> [(path: String, bytes: [UInt8])] {
        let bound = ConcurrentSlots<[UInt8]>(count: editions.count)
        DispatchQueue.concurrentPerform(iterations: editions.count) { number in
            let edition = editions[number]
            do {
                let sheets = try edition.sheets.map { path in
                    guard let printed = finished[path] else { throw PDFError("\(path) was not printed") }
                    return EditionBinder.Sheet(objects: printed.pdf.objects, name: printed.sheet.name)
                }
                let metadata = PDFMetadata(
                    title: edition.title, author: job.imprint.author(of: edition.output), subject: edition.subject,
                    keywords: sheets.map(\.name),
                    language: edition.language, creator: job.imprint.creator, published: job.imprint.published)
                var objects = try EditionBinder().bind(sheets, metadata: metadata)
                objects.identify(metadata, colourProfile: job.colourProfile)
                let output = job.work.appendingPathComponent("edition-\(number).pdf")
                try qpdf.write(objects, to: output, work: job.work.appendingPathComponent("edition-\(number).json"))
                bound.set(number, Array(try Data(contentsOf: output)))
            } catch {
                bound.fail(PDFError("\(job.folder.path)/\(edition.output): \(FileError.sentence(error, path: edition.output))"))
            }
        }
        if let failure = bound.failure { throw failure }
        return zip(editions, bound.values).map { ($0.0.output, $0.1 ?? []) }
    }

    /// `en/municipalities/gjilan.html` → `en/municipalities/gjilan.pdf`.
    public static func pdfPath(_ sheet: String) -> String {
        (sheet.hasSuffix(".html") ? String(sheet.dropLast(5)) : sheet) + ".pdf"
    }
}
