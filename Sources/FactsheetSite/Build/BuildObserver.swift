/// The stages of a build, for progress and for the benchmark's timings.
public enum BuildStage: String, Sendable, CaseIterable {
    case validate, indicators, templates, markdown, charts, pages, write
}

/// Watches a build from outside: the benchmark times each stage and reads each sheet's
/// Markdown; ordinary builds watch nothing. The core never reads a clock itself.
///
/// Both methods may be called from several threads at once.
public protocol BuildObserver: Sendable {
    /// Runs `body`, which is work of `stage`.
    func measure<T>(_ stage: BuildStage, _ body: () throws -> T) rethrows -> T
    /// Receives a sheet's Markdown (page path, text) before it is rendered.
    func markdown(path: String, text: String)
}

extension BuildObserver {
    public func measure<T>(_ stage: BuildStage, _ body: () throws -> T) rethrows -> T { try body() }
    public func markdown(path: String, text: String) {}
}

/// The observer of ordinary builds: watches nothing.
public struct NoObserver: BuildObserver {
    public init() {}
}

/// Receives each file as soon as it is made, so a large site is never held in memory.
///
/// `write` may be called from several threads at once, never twice for the same path.
public protocol BuildSink: Sendable {
    func write(_ file: BuiltFile) throws
    /// `write(_:)` for a file whose SHA-256 (lower-case hex) the build has worked out already,
    /// for a sink that can use it.
    func write(_ file: BuiltFile, sha256: String) throws
}

extension BuildSink {
    public func write(_ file: BuiltFile, sha256: String) throws {
        try write(file)
    }
}
