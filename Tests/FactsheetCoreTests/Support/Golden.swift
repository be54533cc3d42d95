import FactsheetInput
import Foundation
import MarkdownRendering
import Testing

/// Golden files in `Fixtures/golden`; re-record on purpose with `RECORD_GOLDEN=1 swift test`.
enum Golden {
    static let folder = Fixtures.fixturesFolder.appendingPathComponent("golden")

    static func check(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try #require(
            FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) },
            "missing golden file \(name); record it with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        #expect(actual == expected, "differs from golden \(name)", sourceLocation: sourceLocation)
    }
}

/// Markdown to HTML with the project's cmark settings, for escaping tests.
enum MarkdownHTML {
    static func render(_ markdown: String) -> String {
        MarkdownDocument(markdown: markdown).html()
    }
}
