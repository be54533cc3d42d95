import Dispatch
import Foundation
import Mustache
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// The limits that keep any input within bounded time and memory, with counts worked out by hand.
@Suite struct LimitsTests {
    @Test func aLogKeepsFiftyOfEachKindPerFileAndCountsTheRest() {
        var log = DiagnosticLog()
        for row in 1...120 { log.error(.emptyFile, at: SourceLocation(file: "a.csv", row: row)) }
        for row in 1...3 { log.error(.emptyFile, at: SourceLocation(file: "b.csv", row: row)) }
        for row in 1...60 { log.warning(.emptyFile, at: SourceLocation(file: "a.csv", row: row)) }
        // a.csv: 50 errors kept + 1 summary of 70; 50 warnings + 1 summary of 10; b.csv: 3.
        #expect(log.diagnostics.count == 50 + 1 + 50 + 1 + 3)
        #expect(log.errorCount == 123)
        #expect(log.lists(.error, in: "a.csv") == false)
        #expect(log.lists(.error, in: "b.csv") == true)
        let error = DiagnosticsError(log.diagnostics)
        #expect(error.errorCount == 123)
        let summaries = log.diagnostics.filter(\.problem.isSummary)
        #expect(summaries.map(\.problem) == [.moreProblems(count: 70), .moreProblems(count: 10)])
        #expect(
            summaries.first?.description
                == "error: a.csv: and 70 more in this file, not listed (only the first 50 of each kind are); correct those and run again")
        // Shown errors first, a file's summary after its listed rows.
        let ordered = error.ordered
        #expect(ordered.prefix(51).allSatisfy { $0.severity == .error && $0.location.file == "a.csv" })
        #expect(ordered[50].problem == .moreProblems(count: 70))
        #expect(ordered[51].location.file == "b.csv")
        // Logs merged from threads keep the same bounds: the summaries add up.
        var merged = DiagnosticLog()
        merged.append(contentsOf: log.diagnostics)
        merged.append(contentsOf: log.diagnostics)
        // a.csv's errors: 50 listed, then 70 + 50 + 70 counted; its warnings: 10 + 50 + 10; b.csv's 6 all listed.
        #expect(merged.errorCount == 246)
        #expect(merged.diagnostics.count { $0.location.file == "b.csv" } == 6)
        #expect(merged.diagnostics.filter(\.problem.isSummary).map(\.problem) == [.moreProblems(count: 190), .moreProblems(count: 70)])
    }

    @Test func countsInMessagesAreGroupedByThousands() {
        #expect(Problem.grouped(0) == "0")
        #expect(Problem.grouped(999) == "999")
        #expect(Problem.grouped(1000) == "1,000")
        #expect(Problem.grouped(1_999_982) == "1,999,982")
    }

    @Test func yamlNestingIsEstimatedNeverTooLow() throws {
        let limit = 200
        #expect(ConfigurationLoader.lineNestedTooDeep("a: [[1], {b: 2}]\nc:\n  - d\n  - e: f\n", limit: limit) == nil)
        #expect(ConfigurationLoader.lineNestedTooDeep("a: " + String(repeating: "[", count: 200), limit: limit) == nil)
        #expect(ConfigurationLoader.lineNestedTooDeep("a: 1\nb: " + String(repeating: "[", count: 201), limit: limit) == 2)
        // Brackets in quotes and comments do not count; unbalanced ones carry to the next lines.
        #expect(ConfigurationLoader.lineNestedTooDeep("a: '" + String(repeating: "[", count: 300) + "'", limit: limit) == nil)
        #expect(ConfigurationLoader.lineNestedTooDeep("a: 1 # " + String(repeating: "{", count: 300), limit: limit) == nil)
        #expect(ConfigurationLoader.lineNestedTooDeep("a: [\n" + String(repeating: "[\n", count: 200), limit: limit) == 201)
        // Block sequences stacked on one line, and indentation.
        #expect(ConfigurationLoader.lineNestedTooDeep("a:\n  " + String(repeating: "- ", count: 199) + "x", limit: limit) == 2)
        #expect(ConfigurationLoader.lineNestedTooDeep(String(repeating: " ", count: 201) + "x: 1", limit: limit) == 1)
        // The shipped configuration is far within.
        let shipped = try String(contentsOf: Fixtures.repositoryFolder.appendingPathComponent("input/factsheet.yaml"), encoding: .utf8)
        #expect(ConfigurationLoader.lineNestedTooDeep(shipped, limit: 20) == nil)
    }

    @Test func templateSectionsNestedTooDeepOrIncludingOthersAreFound() {
        func problem(_ text: String) -> (Problem, Int)? { SheetTemplate.structureProblem(text) }
        let limit = InputLimits.nesting
        let deepest = String(repeating: "{{#a}}", count: limit) + String(repeating: "{{/a}}", count: limit)
        #expect(problem(deepest) == nil)
        #expect(problem(String(repeating: "{{#a}}\n", count: limit + 1))?.1 == limit + 1)
        #expect(problem(String(repeating: "{{^a}}", count: limit + 1))?.0 == .nestedTooDeep(limit: limit, what: "sections"))
        // Closed sections do not add up; comments, triple tags and variables do not count.
        #expect(problem(String(repeating: "{{#a}}{{/a}}", count: 1000) + "{{! {{#x}} }}{{{b}}}{{c}}") == nil)
        #expect(problem("x\n{{> sheet}}")?.0 == .templatePartial("{{> sheet}}"))
        #expect(problem("x\n{{> sheet}}")?.1 == 2)
        #expect(problem("{{<parent}}{{/parent}}")?.0 == .templatePartial("{{<parent}}"))
        // After a delimiter change the new delimiters are read.
        #expect(problem("{{=<% %>=}}" + String(repeating: "<%#a%>", count: limit + 1))?.0 == .nestedTooDeep(limit: limit, what: "sections"))
        #expect(problem("{{=<% %>=}}" + String(repeating: "{{#a}}", count: limit + 1)) == nil)
    }

    /// The deepest template accepted parses and renders on a thread of Dispatch's pool (its stack
    /// is smaller than the main thread's), as the build parses templates.
    @Test func theDeepestAcceptedTemplateParsesOnAWorkerThread() async throws {
        let limit = InputLimits.nesting
        let text = String(repeating: "{{#a}}", count: limit) + "x" + String(repeating: "{{/a}}", count: limit)
        let rendered: String? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: (try? MustacheTemplate(string: text))?.render(["a": true]))
            }
        }
        #expect(rendered == "x")
    }
}
