import FactsheetInput
import Foundation
import Yams

/// A new language made from one the edition already has, ready to write: a copy of that
/// language's template folder with its own tag, the register with a `name_<key>` column, and
/// `factsheet.yaml` with the language in `languages:` and an entry in every per-language value.
///
/// Every text the new language takes over is the source language's, to be translated: the
/// strings file records the source (`copied_from:`), and the build warns about each phrase
/// still as the source has it. `factsheet.yaml` and the register are edited as text, so that
/// comments, layout and every other cell stay as they were.
public struct AddedLanguage: Sendable {
    /// Why nothing can be made; the command words it.
    public enum Refusal: Error, Sendable, Equatable {
        /// The key is not a language key (``AddedLanguage/isKey(_:)``).
        case notAKey(String)
        /// The tag is not a BCP 47 tag.
        case notATag(String)
        /// The source is not one of the edition's languages, or has no template folder; with
        /// the languages that could be copied.
        case unknownSource(String, known: [String])
        /// The new language has a template folder already.
        case folderExists(String)
        /// The new language is one of the edition's `languages:` already.
        case alreadyListed(String)
    }

    /// One file to write, by its path inside the templates folder (`de/strings.yaml`) or the
    /// edition folder (`factsheet.yaml`, `municipalities.csv`).
    public struct File: Sendable, Hashable {
        public var path: String
        public var bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    public let key: String
    public let source: String
    public let tag: String
    /// The new template folder's files, `KEY/strings.yaml` first.
    public let templateFiles: [File]
    /// The edition's files that change: `factsheet.yaml`, and the register unless it had the
    /// column already.
    public let editionFiles: [File]
    /// The `factsheet.yaml` values given the new language's entry, copied from the source's
    /// (`publisher`, `performance.periods[2017].note`).
    public let copiedSettings: [String]
    /// The `official_version` sentences the source's strings lacked, by language, with the
    /// language whose sentence was copied (nil: none had one, to be written by hand).
    public let officialSentences: [(language: String, copiedFrom: String?)]
    /// The phrases of the new strings file, each still the source's text.
    public let copiedPhrases: Int
    /// Whether the register already had the `name_<key>` column (it is kept as it is).
    public let registerHadColumn: Bool

    /// Whether `key` may name a new language: two to eight lower-case ASCII letters (`de`,
    /// `fr`), optionally followed by subtags of `-` and one to eight lower-case letters or digits
    /// (`de-ch`, `sr-cyrl`). A folder, a register column and an output folder are named by it.
    public static func isKey(_ key: String) -> Bool {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count), first.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// Prepares the new language `key` from `source`: `folder` is every file of the source's
    /// template folder by its path inside it (`strings.yaml`, `factsheet.md` …), copied as they
    /// are except the strings file. `tag` defaults to the key. Throws a ``Refusal``, or
    /// ``DiagnosticsError`` when the edition's configuration, register or the source's strings
    /// cannot be read.
    public init(
        key: String, from source: String, tag: String? = nil, edition: EditionSources, templates: TemplateSources,
        folder: [File]
    ) throws {
        guard Self.isKey(key) else { throw Refusal.notAKey(key) }
        let tag = tag ?? key
        guard LanguageStringsLoader.isLanguageTag(tag) else { throw Refusal.notATag(tag) }
        var log = DiagnosticLog()
        guard let configurationFile = edition.configuration else {
            log.error(
                .missingFile(expected: "\(edition.folder)/factsheet.yaml"), at: SourceLocation(file: "\(edition.folder)/factsheet.yaml"))
            throw DiagnosticsError(log.diagnostics)
        }
        // The languages as listed, for the refusals, before the configuration is checked as a whole.
        let root = ConfigurationLoader.compose(configurationFile, log: &log)
        let listed = root?.mapping?["languages"]?.sequence?.compactMap { $0.scalar?.string } ?? Language.defaultKeys
        let known = listed.filter { templates.languages[$0] != nil }
        guard templates.languages[key] == nil else { throw Refusal.folderExists(key) }
        guard known.contains(source) else { throw Refusal.unknownSource(source, known: known) }
        guard !listed.contains(key) else { throw Refusal.alreadyListed(key) }
        let configuration = ConfigurationLoader(source: configurationFile, assets: edition.assets).load(log: &log)
        try log.throwIfErrors()
        guard let configuration, let root, let settings = root.mapping else { throw DiagnosticsError(log.diagnostics) }
        let languages = configuration.languages.map(\.key)
        guard let registerFile = edition.municipalities else {
            log.error(
                .missingFile(expected: "\(edition.folder)/municipalities.csv or municipalities.xlsx"),
                at: SourceLocation(file: "\(edition.folder)/municipalities.csv"))
            throw DiagnosticsError(log.diagnostics)
        }
        let noTables = ParsedTables(
            EditionSources(folder: edition.folder, configuration: nil, municipalities: nil, census: nil, monitoring: []))
        _ = DatasetLoader().loadRegister(registerFile, languages: configuration.languages, tables: noTables, log: &log)
        guard let stringsFile = templates.languages[source]?.strings else {
            log.error(
                .missingFile(expected: "the words the pages print in '\(source)'"),
                at: SourceLocation(file: "\(templates.folder)/\(source)/\(LanguageSources.stringsFileName)"))
            throw DiagnosticsError(log.diagnostics)
        }
        let strings = ConfigurationLoader.compose(stringsFile, log: &log)
        try log.throwIfErrors()
        // As written, with its byte order mark, which the edited text keeps (marks count without it).
        let stringsText = String(decoding: stringsFile.bytes, as: UTF8.self)
        guard let strings, let stringsMapping = strings.mapping else {
            throw DiagnosticsError(log.diagnostics)
        }

        // factsheet.yaml: the language listed, and an entry in every per-language value.
        var yaml = YAMLText(String(decoding: configurationFile.bytes, as: UTF8.self))
        if let list = settings["languages"] {
            yaml.append(key, to: list)
        } else {
            let line = "languages: [\((languages + [key]).joined(separator: ", "))]"
            if let first = settings.first?.key.string {
                yaml.insertLines([line], afterEntry: first, in: settings)
            } else {
                yaml.appendAtEnd([line])
            }
        }
        var copiedSettings: [String] = []
        Self.perLanguageValues(in: root, path: "", languages: Set(languages)) { path, node in
            guard let mapping = node.mapping, let value = mapping.first(where: { $0.key.string == source })?.value.scalar?.string else {
                return
            }
            yaml.insert(key: key, value: YAMLText.scalar(value), into: node, after: source)
            copiedSettings.append(path)
        }

        // strings.yaml: the tag, where it was copied from, and the official-version sentences it lacks.
        var copy = YAMLText(stringsText)
        if let tagNode = stringsMapping["tag"] { copy.replace(tagNode, with: YAMLText.scalar(tag)) }
        let note = "# the build warns about every phrase still as in \(source); delete this line when all are translated"
        if let copied = stringsMapping["copied_from"] {
            copy.replace(copied, with: source)
        } else if stringsMapping["tag"] != nil {
            copy.insertLines(
                ["copied_from: \(source)".padding(toLength: 32, withPad: " ", startingAt: 0) + note], afterEntry: "tag", in: stringsMapping)
        } else {
            copy.insertLines(["copied_from: \(source)  " + note], after: 0)
        }
        var officialSentences: [(String, String?)] = []
        let officialNode = LanguageStringsLoader.value("official_version", in: stringsMapping)
        let present = Set(officialNode?.mapping?.keys.compactMap(\.string) ?? [])
        var newEntries: [(String, String)] = []
        for language in languages where !present.contains(language) {
            let donor = languages.lazy.compactMap { other -> (String, String)? in
                guard let file = templates.languages[other]?.strings else { return nil }
                var ignored = DiagnosticLog()
                let sentence = ConfigurationLoader.compose(file, log: &ignored)?.mapping.flatMap {
                    LanguageStringsLoader.value("official_version", in: $0)?.mapping?.first { $0.key.string == language }?.value.scalar?
                        .string
                }
                return sentence.map { (other, $0) }
            }.first
            officialSentences.append((language, donor?.0))
            if let donor { newEntries.append((language, donor.1)) }
        }
        if let officialNode, officialNode.mapping != nil {
            for (language, sentence) in newEntries { copy.insert(key: language, value: YAMLText.scalar(sentence), into: officialNode) }
        } else if !newEntries.isEmpty {
            copy.appendAtEnd(["official_version:"] + newEntries.map { "  \($0.0): \(YAMLText.scalar($0.1))" })
        }

        // The register: name_<key> with the source's names, unless the column is there already.
        var editionFiles = [File(path: "factsheet.yaml", bytes: Array(yaml.text.utf8))]
        let registerTable = CSVTable.read(registerFile, log: &log)
        let hasColumn = registerTable?.header.contains { $0.lowercased() == MunicipalityColumn.name(key) } ?? false
        if !hasColumn {
            let edited =
                registerFile.isWorkbook
                ? RegisterColumn.workbook(
                    registerFile.bytes, adding: MunicipalityColumn.name(key), copying: MunicipalityColumn.name(source))
                : RegisterColumn.csv(registerFile.bytes, adding: MunicipalityColumn.name(key), copying: MunicipalityColumn.name(source))
            guard let edited else {
                log.error(.nameColumnMissing(language: source), at: SourceLocation(file: registerFile.path, row: 1))
                throw DiagnosticsError(log.diagnostics)
            }
            editionFiles.append(File(path: registerFile.fileName, bytes: edited))
        }

        let newStrings = Array(copy.text.utf8)
        var files = [File(path: "\(key)/\(LanguageSources.stringsFileName)", bytes: newStrings)]
        for file in folder.sorted(by: { $0.path < $1.path }) where file.path != LanguageSources.stringsFileName {
            files.append(File(path: "\(key)/\(file.path)", bytes: file.bytes))
        }
        self.key = key
        self.source = source
        self.tag = tag
        templateFiles = files
        self.editionFiles = editionFiles
        self.copiedSettings = copiedSettings
        self.officialSentences = officialSentences
        copiedPhrases = LanguageStringsLoader.texts(of: stringsMapping).values.filter { LanguageStringsLoader.isWords($0.text) }.count
        registerHadColumn = hasColumn
    }

    /// The edition and templates as they will be once the files are written, for a build
    /// that checks them before anything is.
    public func applied(to edition: EditionSources, templates: TemplateSources) -> (EditionSources, TemplateSources) {
        var edition = edition
        var templates = templates
        for file in editionFiles {
            let source = SourceFile(path: "\(edition.folder)/\(file.path)", bytes: file.bytes)
            if file.path == "factsheet.yaml" { edition.configuration = source } else { edition.municipalities = source }
        }
        var sheets: [SheetKind: SourceFile] = [:]
        var strings: SourceFile?
        for file in templateFiles {
            let name = String(file.path.dropFirst(key.count + 1))
            let source = SourceFile(path: "\(templates.folder)/\(file.path)", bytes: file.bytes)
            if name == LanguageSources.stringsFileName { strings = source }
            if let kind = SheetKind.allCases.first(where: { $0.fileName == name }) { sheets[kind] = source }
        }
        templates.languages[key] = LanguageSources(strings: strings, sheets: sheets)
        return (edition, templates)
    }

    /// Calls `found` with every mapping in `node` whose keys are all language keys of the
    /// edition (`publisher`, a period's `note`), with its path (`performance.periods[2017].note`).
    private static func perLanguageValues(in node: Node, path: String, languages: Set<String>, found: (String, Node) -> Void) {
        if let mapping = node.mapping {
            let keys = mapping.keys.compactMap(\.string)
            if !keys.isEmpty, keys.count == mapping.count, keys.allSatisfy(languages.contains) {
                found(path, node)
                return
            }
            for (key, value) in mapping {
                let name = key.string ?? "?"
                perLanguageValues(in: value, path: path.isEmpty ? name : "\(path).\(name)", languages: languages, found: found)
            }
        } else if let sequence = node.sequence {
            for (index, item) in sequence.enumerated() {
                let label = item.mapping?["year"]?.scalar?.string ?? String(index + 1)
                perLanguageValues(in: item, path: "\(path)[\(label)]", languages: languages, found: found)
            }
        }
    }
}
