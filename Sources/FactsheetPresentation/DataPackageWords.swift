import FactsheetFigures
import FactsheetInput
import Yams

/// Every word of the data package (`data/datapackage.json`), read from `Templates/datapackage.yaml`.
///
/// The package describes language-neutral files (codes, years, numbers) for the people and
/// tools that reuse them, so it is written once, in the language of that file, whatever
/// languages the sheets are built in. Its keys and placeholders are declared here; the loader
/// refuses a missing key, a mapping that lacks a code and a placeholder a key cannot print, each
/// with its file and line, as it does for the languages' `strings.yaml`.
package struct DataPackageWords: Sendable {
    /// A text of the file.
    package enum Key: String, Sendable, CaseIterable {
        case title
        case titleIllustrative = "title_illustrative"
        case description
        case illustrativeNotice = "illustrative_notice"
        case source
        case sourceWithPublisher = "source_with_publisher"
        case publisherRole = "publisher_role"
        case chartTitlePerYear = "chart_title_per_year"
        case chartTitlePerPeriod = "chart_title_per_period"
        case chartTitlePerMunicipality = "chart_title_per_municipality"
        case chartTitleMunicipalWomen = "chart_title_municipal_women"
        case chartTitleMunicipalMeetings = "chart_title_municipal_meetings"
        case rulesSeparator = "rules_separator"
        case chartDescription = "chart_description"
        case sheetNational = "sheet_national"
        case sheetMunicipality = "sheet_municipality"
        case rowsPerYear = "rows_per_year"
        case rowsPerPeriod = "rows_per_period"
        case rowsPerMunicipalityAndPeriod = "rows_per_municipality_and_period"
        case rowsPerMunicipalityAndYear = "rows_per_municipality_and_year"
        case municipalFiles = "municipal_files"
        case indicatorsTitle = "indicators_title"
        case indicatorsDescription = "indicators_description"
        case inputSchemaDescription = "input_schema_description"
        case columnMunicipality = "column_municipality"
        case columnYear = "column_year"
        case columnPeriod = "column_period"
        case columnFirstMonth = "column_first_month"
        case columnLastMonth = "column_last_month"
        case columnIndicator = "column_indicator"
        case columnMunicipalPart = "column_municipal_part"
        case columnMonitoring = "column_monitoring"
        case schemaMunicipalityCode = "schema_municipality_code"
        case schemaCommunities = "schema_communities"
        case schemaMeetingDays = "schema_meeting_days"
        case schemaRequiredEstablishment = "schema_required_establishment"
        case schemaRequiredPerformance = "schema_required_performance"
        case schemaEmptyWithoutMCSC = "schema_empty_without_mcsc"
        case schemaForLanguage = "schema_for_language"

        /// The placeholders the text may print.
        package var placeholders: [String] {
            switch self {
            case .title, .titleIllustrative, .description, .source: ["edition"]
            case .sourceWithPublisher: ["edition", "publisher"]
            case .chartTitlePerYear, .chartTitlePerPeriod: ["rules"]
            case .chartTitlePerMunicipality: ["rule"]
            case .chartDescription: ["chart", "sheet", "rows"]
            case .municipalFiles: ["chart"]
            case .columnIndicator: ["rule", "unit"]
            case .columnMunicipalPart: ["indicator", "rule", "unit"]
            case .columnMonitoring: ["column"]
            case .schemaForLanguage: ["language"]
            case .illustrativeNotice, .publisherRole, .chartTitleMunicipalWomen, .chartTitleMunicipalMeetings, .rulesSeparator,
                .sheetNational, .sheetMunicipality, .rowsPerYear, .rowsPerPeriod, .rowsPerMunicipalityAndPeriod,
                .rowsPerMunicipalityAndYear, .indicatorsTitle, .indicatorsDescription, .inputSchemaDescription, .columnMunicipality,
                .columnYear, .columnPeriod, .columnFirstMonth, .columnLastMonth, .schemaMunicipalityCode, .schemaCommunities,
                .schemaMeetingDays, .schemaRequiredEstablishment, .schemaRequiredPerformance, .schemaEmptyWithoutMCSC:
                []
            }
        }
    }

    /// A mapping of the file: one text per code of a catalogue the code declares.
    package enum Mapping: String, Sendable, CaseIterable {
        /// What each indicator counts or adds up (may print `{threshold}`, with plural forms).
        case rules
        /// What an indicator's numbers count, by ``IndicatorUnit``.
        case units
        /// Each input table's Table Schema title.
        case inputSchemas = "input_schemas"
        /// What each input column holds (`TABLE.COLUMN`; a family by its prefix, `municipalities.name_`).
        case inputColumns = "input_columns"

        package var codes: [String] {
            switch self {
            case .rules: IndicatorID.allCases.map(\.rawValue)
            case .units: IndicatorUnit.allCases.map(\.code)
            case .inputSchemas: InputTable.allCases.map(\.rawValue)
            case .inputColumns: InputTable.allCases.flatMap { table in table.columnNames.map { "\(table.rawValue).\($0)" } }
            }
        }

        var placeholders: [String] { self == .rules ? ["threshold"] : [] }
    }

    /// The file's BCP 47 tag (`en`).
    package let tag: String
    private let texts: [Key: [Phrase.Piece]]
    /// Each mapping's texts by code; a rule with plural forms by `code` (other) and `code.FORM`.
    private let mappings: [Mapping: [String: [Phrase.Piece]]]
    private let plurals: PluralRules?

    /// The language the words are in, as a language folder would be named (`en` for `en-GB`).
    package var language: String {
        String(tag.prefix { $0 != "-" }).lowercased()
    }

    /// The text of `key` with its placeholders filled in.
    package func text(_ key: Key, _ values: [String: String] = [:]) -> String {
        Self.filled(texts[key] ?? [], values)
    }

    /// What `id` counts or adds up, with the census threshold filled in (in its plural form).
    package func rule(_ id: IndicatorID, threshold: Int) -> String {
        let table = mappings[.rules] ?? [:]
        let form = plurals?.category(of: threshold) ?? "other"
        let pieces = table["\(id.rawValue).\(form)"] ?? table[id.rawValue] ?? []
        return Self.filled(pieces, ["threshold": String(threshold)])
    }

    /// What the column `name` of `table` holds, as the guide prints it (lower case first, code in backticks).
    package func column(_ table: InputTable, _ name: String) -> String {
        word(.inputColumns, "\(table.rawValue).\(name)")
    }

    /// The text of `code` in `mapping` (one without placeholders).
    package func word(_ mapping: Mapping, _ code: String) -> String {
        Self.filled(mappings[mapping]?[code] ?? [], [:])
    }

    private static func filled(_ pieces: [Phrase.Piece], _ values: [String: String]) -> String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .placeholder(let name): values[name] ?? "{\(name)}"
            }
        }.joined()
    }

    /// The file's name in the templates folder.
    package static let fileName = "datapackage.yaml"

    /// Reads and checks the file: nil with every problem (file, line) in `log`.
    package static func load(_ source: SourceFile, log: inout DiagnosticLog) -> DataPackageWords? {
        Loader(source: source).load(log: &log)
    }

    private struct Loader {
        let source: SourceFile

        func load(log: inout DiagnosticLog) -> DataPackageWords? {
            guard let root = ConfigurationLoader.compose(source, log: &log) else { return nil }
            guard let mapping = root.mapping else {
                log.error(
                    .stringInvalid(key: DataPackageWords.fileName, expected: "texts as 'key: text' lines", found: "'\(root.scalarText)'"),
                    at: location(root.mark))
                return nil
            }
            let errorsBefore = log.errorCount
            let known = Set(Key.allCases.map(\.rawValue) + Mapping.allCases.map(\.rawValue) + ["tag"])
            for (key, _) in mapping {
                if let name = key.string, !known.contains(name) { log.warning(.unknownKey(name), at: location(key.mark)) }
            }
            let tagNode = LanguageStringsLoader.value("tag", in: mapping)
            guard let tag = tagNode?.scalar?.string, LanguageStringsLoader.isLanguageTag(tag) else {
                log.error(
                    .stringInvalid(
                        key: "tag", expected: "the BCP 47 tag of the file's language, such as 'en'",
                        found: tagNode.map { "'\($0.scalarText)'" } ?? "nothing"), at: location(tagNode?.mark ?? root.mark))
                return nil
            }
            let plurals = PluralRules(tag: tag)
            var texts: [Key: [Phrase.Piece]] = [:]
            for key in Key.allCases {
                guard let node = LanguageStringsLoader.value(key.rawValue, in: mapping) else {
                    log.error(
                        .stringMissing(key: key.rawValue, meaning: "a text of the data package"), at: SourceLocation(file: source.path))
                    continue
                }
                guard let text = node.scalar?.string else {
                    log.error(.stringInvalid(key: key.rawValue, expected: "a text", found: "'\(node.scalarText)'"), at: location(node.mark))
                    continue
                }
                if let pieces = checked(key.rawValue, text, allowed: key.placeholders, node: node, log: &log) { texts[key] = pieces }
            }
            var mappings: [Mapping: [String: [Phrase.Piece]]] = [:]
            for table in Mapping.allCases {
                guard let node = LanguageStringsLoader.value(table.rawValue, in: mapping), let entries = node.mapping else {
                    log.error(
                        .stringMissing(key: table.rawValue, meaning: "a text for each of " + table.codes.joined(separator: ", ")),
                        at: SourceLocation(file: source.path))
                    continue
                }
                var texts: [String: [Phrase.Piece]] = [:]
                for code in table.codes {
                    let key = "\(table.rawValue).\(code)"
                    guard let entry = LanguageStringsLoader.value(code, in: entries) else {
                        log.error(.stringMissing(key: key, meaning: "the text for '\(code)'"), at: location(node.mark))
                        continue
                    }
                    if let text = entry.scalar?.string {
                        if let pieces = checked(key, text, allowed: table.placeholders, node: entry, log: &log) { texts[code] = pieces }
                    } else if table == .rules, let forms = entry.mapping {
                        for category in (plurals?.integerCategories ?? ["other"]).sorted() {
                            guard let form = LanguageStringsLoader.value(category, in: forms)?.scalar?.string else {
                                log.error(.pluralFormMissing(key: key, category: category, tag: tag), at: location(entry.mark))
                                continue
                            }
                            if let pieces = checked(key, form, allowed: table.placeholders, node: entry, log: &log) {
                                texts[category == "other" ? code : "\(code).\(category)"] = pieces
                            }
                        }
                    } else {
                        let expected = table == .rules ? "a text, or one text per plural form (one:, other:)" : "a text"
                        log.error(.stringInvalid(key: key, expected: expected, found: "'\(entry.scalarText)'"), at: location(entry.mark))
                    }
                }
                mappings[table] = texts
            }
            guard log.errorCount == errorsBefore else { return nil }
            return DataPackageWords(tag: tag, texts: texts, mappings: mappings, plurals: plurals)
        }

        /// The text's pieces, when it names only the placeholders `allowed`.
        private func checked(_ key: String, _ text: String, allowed: [String], node: Node, log: inout DiagnosticLog) -> [Phrase.Piece]? {
            Phrase.checked(text, key: key, allowed: allowed, at: location(node.mark), log: &log)
        }

        private func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: source.path, line: mark?.line, character: mark?.column)
        }
    }
}
