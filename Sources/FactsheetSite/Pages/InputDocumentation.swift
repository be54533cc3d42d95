import FactsheetInput
import FactsheetPresentation

/// The data contract's tables in `docs/input.md`, rendered from the columns' declarations, as
/// swift-format renders its rule documentation: a test compares them with the guide, and
/// `RECORD_DOCS=1 swift test --filter InputSchemaTests` writes them into it.
package enum InputDocumentation {
    /// The Markdown table of `table`'s columns: name, what it holds, its values and when it must
    /// be filled in, one row per column in file order; ends with a line break.
    /// What each column holds is its text in `Templates/datapackage.yaml` (`input_columns:`).
    package static func markdown(_ table: InputTable, words: DataPackageWords) -> String {
        switch table {
        case .municipalities: rows(MunicipalityColumn.self, table, words) { _ in nil }
        case .census: rows(CensusColumn.self, table, words) { _ in nil }
        case .monitoring: rows(MonitoringColumn.self, table, words) { $0.isEmptyWithoutMCSC ? "empty when `mcsc` is `no`" : nil }
        }
    }

    private static func rows<Column: InputColumn>(
        _: Column.Type, _ table: InputTable, _ words: DataPackageWords, note: (Column) -> String?
    ) -> String {
        var lines = ["| column | what it holds | values | filled in |", "|---|---|---|---|"]
        for column in Column.allCases {
            let name = column.isFamily ? "\(column.name)<key>" : column.name
            let filled = [requirement(column.requirement), note(column)].compactMap { $0 }.joined(separator: "; ")
            lines.append("| `\(name)` | \(words.column(table, column.name)) | \(values(column.valueType)) | \(filled) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A column type's values in the guide's words.
    static func values(_ type: ColumnValueType) -> String {
        switch type {
        case .code: "lower-case ASCII letters, digits and `-`"
        case .municipality: "a `code` from the register"
        case .text: "text"
        case .community: Community.allCases.map { "`\($0.rawValue)`" }.joined(separator: " / ")
        case .communities: "community codes as in the census, separated by `;` (none: empty)"
        case .yesNo: "`yes` / `no`"
        case .choice(let options): options.map { "`\($0)`" }.joined(separator: " / ")
        case .count(.fixed(let limit, _)): "whole number from 0 to \(grouped(limit))"
        case .count(.meetingDays):
            "whole number from 0 to the days the year's file covers (one meeting a day at most: 273 for January–September 2017, 365 or 366 for a whole year)"
        }
    }

    /// When a cell must be filled in, in the guide's words.
    static func requirement(_ requirement: CellRequirement) -> String {
        switch requirement {
        case .always: "always"
        case .establishmentYears: "in establishment years, when `mcsc` is `yes`"
        case .performancePeriods: "in performance periods, when `mcsc` is `yes`"
        case .editionLanguages: "for each language of `languages:` (one column each)"
        case .optional: "may be empty"
        }
    }

    /// `10000000` as `10,000,000`.
    private static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        return ([digits] + groups).joined(separator: ",")
    }
}
