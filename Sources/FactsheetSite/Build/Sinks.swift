import Foundation

/// Passes files on to a sink and records each one's size and SHA-256 for the manifest.
final class RecordingSink: BuildSink, @unchecked Sendable {
    private let sink: any BuildSink
    private let observer: any BuildObserver
    private let lock = NSLock()
    private var recorded: [ManifestEntry] = []

    init(_ sink: any BuildSink, observer: any BuildObserver) {
        self.sink = sink
        self.observer = observer
    }

    func write(_ file: BuiltFile) throws {
        let entry = ManifestEntry(path: file.path, bytes: file.bytes, standards: file.standards)
        try observer.measure(.write) { try sink.write(file, sha256: entry.sha256) }
        lock.withLock { recorded.append(entry) }
    }

    /// Every file written so far, sorted by path.
    var entries: [ManifestEntry] {
        lock.withLock { recorded.sorted { $0.path < $1.path } }
    }
}

/// Keeps every file in memory, for tests and small sites.
final class CollectingSink: BuildSink, @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [BuiltFile] = []

    func write(_ file: BuiltFile) throws {
        lock.withLock { collected.append(file) }
    }

    var files: [BuiltFile] { lock.withLock { collected } }
}
