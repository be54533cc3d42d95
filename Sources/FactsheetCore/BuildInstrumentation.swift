/// The stages of a build, for progress and for the benchmark's timings.
public enum BuildStage: String, Sendable, CaseIterable {
    case validate, indicators, templates, markdown, charts, pages, write
}

/// Measures stages; the benchmark passes one that reads a clock. The core never reads a clock itself.
///
/// `measure` may be called from several threads at once.
public protocol StageTimer: Sendable {
    func measure<T>(_ stage: BuildStage, _ body: () throws -> T) rethrows -> T
}

/// The timer of ordinary builds: runs the body and measures nothing.
public struct NoStageTimer: StageTimer {
    public init() {}
    public func measure<T>(_ stage: BuildStage, _ body: () throws -> T) rethrows -> T { try body() }
}

/// Receives each file as soon as it is made, so a large site is never held in memory.
///
/// `write` may be called from several threads at once, never twice for the same path.
public protocol BuildSink: Sendable {
    func write(_ file: BuiltFile) throws
}
