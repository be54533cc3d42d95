import FactsheetInput
import FactsheetPresentation

/// Each input table's Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/),
/// made from the columns' declarations and published with the site (`data/schemas/`), so that
/// whoever collects the data can check a file before sending it
/// (`frictionless validate --schema monitoring.json 2017.csv`).
///
/// The schemas are a little stricter than the build: they take codes and words in lower case
/// (the build takes any case), cells without spaces around them, and the columns in the
/// documented order (Frictionless matches them by position). What they cannot say is left to the
/// build and written into the field's description: cells required only in some years (Table
/// Schema's `required` holds for every file), `meetings_security` at most `meetings`, meetings
/// within the days of the file's period, figures empty when `mcsc` is `no`, and municipality
/// codes that are in the register.
package enum TableSchema {
    /// The schema of `table` as JSON: fields in file order, keys in a fixed order, two spaces of
    /// indentation, a final line break; the same bytes for the same languages. The register's
    /// `name_<key>` columns are those of `languages`, in their order.
    package static func json(_ table: InputTable, languages: [Language], words: DataPackageWords) -> String {
        let fields: [JSONValue]
        let primaryKey: [String]
        switch table {
        case .municipalities:
            fields = MunicipalityColumn.allCases.flatMap { column in
                column.isFamily
                    ? languages.map {
                        field(
                            column, table, words, name: MunicipalityColumn.name($0.key),
                            note: words.text(.schemaForLanguage, ["language": $0.key]))
                    }
                    : [field(column, table, words)]
            }
            primaryKey = [MunicipalityColumn.code.name]
        case .census:
            fields = CensusColumn.allCases.map { field($0, table, words) }
            primaryKey = [CensusColumn.municipality.name, CensusColumn.community.name]
        case .monitoring:
            fields = MonitoringColumn.allCases.map { column in
                field(column, table, words, note: column.isEmptyWithoutMCSC ? words.text(.schemaEmptyWithoutMCSC) : nil)
            }
            primaryKey = [MonitoringColumn.municipality.name]
        }
        let schema = JSONValue.object([
            ("fields", .array(fields)),
            ("missingValues", .array([.string("")])),
            ("primaryKey", .array(primaryKey.map(JSONValue.string))),
        ])
        return schema.text(indent: "") + "\n"
    }

    /// The three schemas as site files (``SitePath/inputSchema(_:)``).
    static func files(languages: [Language], words: DataPackageWords) -> [BuiltFile] {
        InputTable.allCases.map { BuiltFile(path: SitePath.inputSchema($0), contents: json($0, languages: languages, words: words)) }
    }

    private static func field<Column: InputColumn>(
        _ column: Column, _ table: InputTable, _ words: DataPackageWords, name: String? = nil, note: String? = nil
    ) -> JSONValue {
        var entries: [(String, JSONValue)] = [("name", .string(name ?? column.name))]
        var constraints: [(String, JSONValue)] = []
        var description = [DataPackageText.sentenceStart(words.column(table, column.name)) + "."]
        var requirement: String?
        switch column.requirement {
        case .always, .editionLanguages:
            constraints.append(("required", .bool(true)))
        case .establishmentYears:
            requirement = words.text(.schemaRequiredEstablishment)
        case .performancePeriods:
            requirement = words.text(.schemaRequiredPerformance)
        case .optional:
            break
        }
        let type: String
        switch column.valueType {
        case .code:
            type = "string"
            constraints.append(("pattern", .string("[a-z0-9-]+")))
            constraints.append(("unique", .bool(true)))
        case .municipality:
            type = "string"
            description.append(words.text(.schemaMunicipalityCode))
        case .text:
            type = "string"
        case .community:
            type = "string"
            constraints.append(("enum", .array(Community.allCases.map { .string($0.rawValue) })))
        case .communities:
            type = "string"
            let one = "(" + Community.allCases.map(\.rawValue).joined(separator: "|") + ")"
            constraints.append(("pattern", .string("\(one)( *[;,] *\(one))*")))
            description.append(words.text(.schemaCommunities))
        case .yesNo:
            type = "boolean"
            entries.append(("trueValues", .array(["yes", "Yes", "YES"].map(JSONValue.string))))
            entries.append(("falseValues", .array(["no", "No", "NO"].map(JSONValue.string))))
        case .choice(let options):
            type = "string"
            constraints.append(("enum", .array(options.map(JSONValue.string))))
        case .count(let maximum):
            type = "integer"
            constraints.append(("minimum", .int(0)))
            constraints.append(("maximum", .int(maximum.largest)))
            if maximum == .meetingDays {
                description.append(words.text(.schemaMeetingDays))
            }
        }
        description += [requirement, note].compactMap { $0 }
        entries.insert(("type", .string(type)), at: 1)
        entries.insert(("description", .string(description.joined(separator: " "))), at: 2)
        if !constraints.isEmpty { entries.append(("constraints", .object(constraints))) }
        return .object(entries)
    }
}
