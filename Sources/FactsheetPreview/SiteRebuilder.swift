import FactsheetIO
import FactsheetInput
import FactsheetSite
import Foundation

/// Reads the input and templates folders and builds the whole site in memory, again on every
/// call, and keeps the result as the ``PreviewSite`` to serve.
///
/// A full build of the shipped edition takes tens of milliseconds, well inside the time a page
/// may take to come back after a save (`make bench` measures it), so nothing is cached between
/// builds: the site served is always exactly what `factsheet build` would write.
public final class SiteRebuilder: @unchecked Sendable {
    /// What one rebuild did.
    public struct Outcome: Sendable {
        /// The problems found, errors first; the site was built if none is an error.
        public var problems: [PreviewProblem]
        /// How many files the site has, when it was built.
        public var files: Int?
        /// Whether what is served changed (another site, or other problems): open pages reload.
        /// A save that changes nothing in the site (a comment in a CSV, an editor's swap file
        /// that slipped through) reloads nothing.
        public var changed: Bool
    }

    public let input: String
    public let templates: String
    private let builder: FactsheetBuilder
    private let lock = NSLock()
    private var current: PreviewSite
    private let session: String
    private var count = 0

    /// - Parameter session: a token that differs between runs of the preview, so that a page
    ///   from an earlier run reloads when it reconnects to a new one.
    public init(input: String, templates: String, options: BuildOptions, session: String) {
        self.input = input
        self.templates = templates
        self.builder = FactsheetBuilder(options: options)
        self.session = session
        self.current = PreviewSite(version: "\(session)-0", content: .problems([]))
    }

    /// The site as served right now.
    public var site: PreviewSite { lock.withLock { current } }

    /// Reads both folders again, builds in memory and replaces the site served.
    ///
    /// Calls must not overlap (the preview makes them one after another).
    public func rebuild() async -> Outcome {
        let content: PreviewSite.Content
        var warnings: [PreviewProblem] = []
        do {
            let reader = InputReader()
            let edition = try reader.edition(at: input)
            let templateSources = try reader.templates(at: templates)
            let result = try await builder.build(edition: edition, templates: templateSources)
            warnings = PreviewProblem.ordered(result.warnings)
            content = .site(Dictionary(result.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first }))
        } catch let error as DiagnosticsError {
            content = .problems(PreviewProblem.ordered(error.diagnostics))
        } catch {
            content = .problems([PreviewProblem(error: PreviewProblem.sentence(error))])
        }
        return lock.withLock {
            let same: Bool
            switch (content, current.content) {
            case (.site(let new), .site(let old)): same = new == old
            case (.problems(let new), .problems(let old)): same = new == old && count > 0
            default: same = false
            }
            if !same {
                count += 1
                current = PreviewSite(version: "\(session)-\(count)", content: content)
            }
            switch content {
            case .site(let files): return Outcome(problems: warnings, files: files.count, changed: !same)
            case .problems(let problems): return Outcome(problems: problems, files: nil, changed: !same)
            }
        }
    }
}
