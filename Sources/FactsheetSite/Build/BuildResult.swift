import FactsheetFigures
import FactsheetInput
import Foundation

/// What a successful build produced.
public struct BuildResult: Sendable {
    /// Every file, when the build was collected in memory (``FactsheetBuilder/build(edition:templates:)``);
    /// empty when the files went to a sink.
    public var files: [BuiltFile]
    public var warnings: [Diagnostic]
    public var indicators: Indicators
    public var provenance: Provenance
    /// Paths of the sheets (HTML pages that print as fact sheets), national ones first.
    public var sheets: [String]
    /// Every file written, with size and SHA-256 (the manifest's entries, the manifest excluded).
    public var manifest: [ManifestEntry]
    /// The languages built, in the order of the language links.
    public var languages: [Language]
    /// The publishing organisation's name by language key (for the PDFs' author).
    public var publisher: [String: String]
    /// The sheets and each language's edition as values, for outputs made after the pages.
    public var site = SiteIndex(sheets: [], editions: [])
}

/// Inputs to a build that come from outside the edition folder.
public struct BuildOptions: Sendable {
    /// `SOURCE_DATE_EPOCH`: the publication date when the configuration names none.
    var sourceDateEpoch: Int?
    /// Render municipal sheets on every core (the output is the same as a serial build).
    var concurrent: Bool
    /// How many pages render at once: one task per core by default.
    var workers: Int
    /// Watches the stages and the Markdown (the benchmark's timings); ordinary builds watch nothing.
    var observer: any BuildObserver

    public init(
        sourceDateEpoch: Int? = nil, concurrent: Bool = true, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        observer: any BuildObserver = NoObserver()
    ) {
        self.sourceDateEpoch = sourceDateEpoch
        self.concurrent = concurrent
        self.workers = workers
        self.observer = observer
    }
}
