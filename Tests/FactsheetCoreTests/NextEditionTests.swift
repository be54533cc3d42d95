import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// `factsheet new-edition`'s core: the `small` edition (years 2016–2017, periods 2016 and
/// January–September 2017 with a note) moved on. Expected values are worked out by hand.
@Suite struct NextEditionTests {
    /// The new edition's files as sources named `next/…`, with `replacements` (path → text) applied.
    func sources(_ edition: NextEdition, replacing replacements: [String: String] = [:]) -> EditionSources {
        func file(_ path: String) -> SourceFile? {
            if let text = replacements[path] { return SourceFile(path: "next/" + path, text: text) }
            return edition.files.first { $0.path == path }.map { SourceFile(path: "next/" + $0.path, bytes: $0.bytes) }
        }
        let monitoring = edition.files.filter { $0.path.hasPrefix("monitoring/") }.compactMap { file($0.path) }
        return EditionSources(
            folder: "next", configuration: file("factsheet.yaml"), municipalities: file("municipalities.csv"), census: file("census.csv"),
            monitoring: monitoring)
    }

    @Test func theNextYearByDefault() async throws {
        let edition = try NextEdition(from: Fixtures.edition("small"))
        // 2016 drops out; 2017 is kept with its file; 2018 is new.
        #expect(
            edition.files.map(\.path) == [
                "factsheet.yaml", "municipalities.csv", "census.csv", "monitoring/2017.csv", "monitoring/2018.csv",
            ])
        #expect(edition.newYears == [2018])
        #expect(edition.droppedYears == [2016])
        let old = Fixtures.edition("small")
        #expect(edition.files[1].bytes == old.municipalities?.bytes)
        #expect(edition.files[2].bytes == old.census?.bytes)
        #expect(edition.files[3].bytes == old.monitoring.first { $0.path.hasSuffix("2017.csv") }?.bytes)
        let blank = String(decoding: edition.files[4].bytes, as: UTF8.self)
        #expect(
            blank == """
                municipality,mcsc,women_representatives,compensation,communities_represented,meetings,meetings_security,work_plan
                alpha,,,,,,,
                beta,,,,,,,
                gamma,,,,,,,
                delta,,,,,,,
                epsilon,,,,,,,

                """)

        // `check` names each empty cell to fill in: row 2 (alpha) to row 6 (epsilon), column mcsc.
        do {
            _ = try DatasetLoader().load(sources(edition))
            Issue.record("expected errors")
        } catch {
            #expect(
                error.lines
                    == (2...6).map {
                        "error: next/monitoring/2018.csv, row \($0), column 'mcsc': the cell is empty and must be filled in: expected 'yes' or 'no' (with 'yes', fill in the row's other cells too)"
                    })
        }

        // Filled in, the configuration has moved on by one year.
        let filled = blank.replacingOccurrences(of: ",,,,,,,", with: ",no,,,,,,")
        let (dataset, warnings) = try DatasetLoader().load(sources(edition, replacing: ["monitoring/2018.csv": filled]))
        #expect(warnings.isEmpty)
        let configuration = dataset.configuration
        #expect(configuration.edition == "2018")
        #expect(configuration.dataStatus == .illustrative)
        #expect(configuration.minimumMeetingsPerYear == 6)
        #expect(configuration.censusThreshold == 50)
        #expect(configuration.establishmentYears == [2017, 2018])
        #expect(
            configuration.periods == [
                Period(year: 2017, firstMonth: 1, lastMonth: 9, note: ["sq": "shënim sq", "en": "note en"]),
                Period(year: 2018, firstMonth: 1, lastMonth: 12),
            ])
        let yaml = String(decoding: edition.files[0].bytes, as: UTF8.self)
        #expect(yaml.hasPrefix("# Made by `factsheet new-edition` from small/factsheet.yaml. Before building, check:\n"))
        #expect(yaml.contains("# - fill in monitoring/2018.csv: one row per municipality,"))
    }

    @Test func aLaterYearAsWorkbooks() async throws {
        var old = Fixtures.edition("small")
        old.configuration = SourceFile(
            path: "small/factsheet.yaml", text: Fixtures.text("small", "factsheet.yaml") + "published: 2017-12-15\n")
        let edition = try NextEdition(from: old, year: 2019, format: .xlsx)
        // Moved on by two: establishment 2018–2019, periods 2018 and 2019, both new and full years.
        #expect(
            edition.files.map(\.path) == [
                "factsheet.yaml", "municipalities.csv", "census.csv", "monitoring/2018.xlsx", "monitoring/2019.xlsx",
            ])
        #expect(edition.droppedYears == [2016, 2017])
        let yaml = String(decoding: edition.files[0].bytes, as: UTF8.self)
        let settings = yaml.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        #expect(!settings.contains("published"))
        #expect(!settings.contains("note"))
        do {
            _ = try DatasetLoader().load(sources(edition))
            Issue.record("expected errors")
        } catch {
            let lines = error.lines
            #expect(lines.count == 10)
            #expect(
                lines.contains(
                    "error: next/monitoring/2019.xlsx, sheet '2019', cell B6 (row 6, column 'mcsc'): the cell is empty and must be filled in: expected 'yes' or 'no' (with 'yes', fill in the row's other cells too)"
                ))
        }
    }

    @Test func theDefaultFormatFollowsTheLastMonitoringFile() async throws {
        var old = Fixtures.edition("small")
        old.monitoring = old.monitoring.filter { $0.path.hasSuffix("2016.csv") } + [try WorkbookTests.workbook("monitoring/2017.csv")]
        let edition = try NextEdition(from: old)
        #expect(edition.files.map(\.path).suffix(2) == ["monitoring/2017.xlsx", "monitoring/2018.xlsx"])
    }

    @Test func aYearThatIsNotLaterIsAnError() async throws {
        do {
            _ = try NextEdition(from: Fixtures.edition("small"), year: 2017)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.lines == [
                    "error: small/factsheet.yaml: the next edition must cover a year after 2017, the last year this edition names; found 2017"
                ])
        }
    }
}
