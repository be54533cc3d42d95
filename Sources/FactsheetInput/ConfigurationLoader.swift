import Foundation
import Yams

/// Reads `factsheet.yaml` into an ``EditionConfiguration``, locating every problem by line and column.
package struct ConfigurationLoader {
    let source: SourceFile
    /// The SVG files beside `factsheet.yaml`, by file name, for `logo:`.
    let assets: [String: SourceFile]

    package init(source: SourceFile, assets: [String: SourceFile]) {
        self.source = source
        self.assets = assets
    }

    package func load(log: inout DiagnosticLog) -> EditionConfiguration? {
        guard let root = Self.compose(source, log: &log) else { return nil }
        guard let mapping = root.mapping else {
            log.error(
                .invalidSetting(key: "factsheet.yaml", expected: "settings as 'key: value' lines", found: root.scalarText),
                at: location(root.mark))
            return nil
        }
        let known: Set = [
            "edition", "data_status", "legal", "establishment", "performance", "charts", "published", "languages", "publisher",
            "official_language", "logo", "site_url", "licence",
        ]
        warnUnknownKeys(in: mapping, known: known, prefix: "", log: &log)

        let edition = string("edition", in: mapping, parent: root, log: &log)
        let statusText = string("data_status", in: mapping, parent: root, log: &log)
        var dataStatus: DataStatus?
        if let statusText, let node = mapping["data_status"] {
            dataStatus = DataStatus(rawValue: statusText)
            if dataStatus == nil {
                log.error(
                    .invalidSetting(key: "data_status", expected: "'illustrative' or 'official'", found: statusText),
                    at: location(node.mark))
            }
        }

        var minimum: Int?
        var threshold: Int?
        if let legal = section("legal", in: mapping, parent: root, log: &log) {
            warnUnknownKeys(in: legal, known: ["minimum_meetings_per_year", "census_threshold"], prefix: "legal.", log: &log)
            minimum = integer("minimum_meetings_per_year", in: legal, parent: mapping["legal"], range: 1...366, log: &log)
            threshold = integer("census_threshold", in: legal, parent: mapping["legal"], range: 0...Int(Int32.max), log: &log)
        }

        var years: [Int]?
        if let establishment = section("establishment", in: mapping, parent: root, log: &log) {
            warnUnknownKeys(in: establishment, known: ["years"], prefix: "establishment.", log: &log)
            years = yearList(in: establishment, parent: mapping["establishment"], log: &log)
        }

        let languages = mapping["languages"].map { languageList($0, log: &log) } ?? Language.defaultKeys.map(Language.init)
        var periods: [Period]?
        if let performance = section("performance", in: mapping, parent: root, log: &log) {
            warnUnknownKeys(in: performance, known: ["periods"], prefix: "performance.", log: &log)
            periods = periodList(in: performance, parent: mapping["performance"], languages: languages ?? [], log: &log)
        }

        var theme: ChartTheme? = .standard
        if let charts = mapping["charts"] {
            theme = chartTheme(charts, log: &log)
        }

        var published: DateComponents?
        var publishedOK = true
        if let node = mapping["published"] {
            published = Self.date(node.scalar?.string ?? "")
            if published == nil {
                log.error(
                    .invalidSetting(key: "published", expected: "a date written YYYY-MM-DD", found: node.scalarText),
                    at: location(node.mark))
                publishedOK = false
            }
        }

        var publisher: [String: String] = [:]
        var publisherOK = true
        if let node = mapping["publisher"] {
            if let names = publisherNames(node, languages: languages ?? [], log: &log) {
                publisher = names
            } else {
                publisherOK = false
            }
        }
        var officialLanguage: Language?
        var officialOK = true
        if let node = mapping["official_language"] {
            let key = node.scalar?.string ?? ""
            if let languages, languages.contains(Language(key)) {
                officialLanguage = Language(key)
            } else {
                let known = (languages ?? []).map(\.key).joined(separator: ", ")
                log.error(
                    .invalidSetting(
                        key: "official_language", expected: "one of the edition's languages (\(known))", found: node.scalarText),
                    at: location(node.mark))
                officialOK = false
            }
        }
        var logo: Logo?
        var logoOK = true
        if let node = mapping["logo"] {
            logo = self.logo(node, log: &log)
            logoOK = logo != nil
        }
        var siteURL: String?
        var siteURLOK = true
        if let node = mapping["site_url"] {
            siteURL = self.siteURL(node, log: &log)
            siteURLOK = siteURL != nil
        }
        var licence: DataLicence?
        var licenceOK = true
        if let node = mapping["licence"] {
            licence = self.licence(node, log: &log)
            licenceOK = licence != nil
        }
        guard let edition, let dataStatus, let minimum, let threshold, let years, let periods, let theme, publishedOK, let languages,
            publisherOK, officialOK, logoOK, siteURLOK, licenceOK
        else { return nil }
        return EditionConfiguration(
            edition: edition, dataStatus: dataStatus, minimumMeetingsPerYear: minimum, censusThreshold: threshold,
            establishmentYears: years, periods: periods, chartTheme: theme, published: published, languages: languages,
            publisher: publisher, officialLanguage: officialLanguage, logo: logo, siteURL: siteURL, licence: licence)
    }

    // MARK: - Sections

    /// `site_url: https://example.org/factsheets/`: the absolute address `output/` is published
    /// at, `http` or `https`, with a host and without a query, fragment or user name; a `/` is
    /// added at the end when it has none, so that page paths can follow it.
    private func siteURL(_ node: Node, log: inout DiagnosticLog) -> String? {
        let text = node.scalar?.string ?? ""
        guard Self.isWebAddress(text) else {
            log.error(
                .invalidSetting(
                    key: "site_url",
                    expected: "the absolute web address output/ is published at, such as 'https://example.org/factsheets/' (http or https, "
                        + "no query or '#', non-ASCII characters percent-encoded)",
                    found: node.scalarText),
                at: location(node.mark))
            return nil
        }
        return text.hasSuffix("/") ? text : text + "/"
    }

    /// An absolute `http(s)://` address with a host, without a query, fragment or user name, all ASCII.
    static func isWebAddress(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty, components.query == nil,
            components.fragment == nil, components.user == nil, components.password == nil
        else { return false }
        return !text.contains(where: { $0.isWhitespace || !$0.isASCII })
    }

    /// `licence: { name: CC-BY-4.0, path: https://…, title: … }`: the published data's licence
    /// for the data package, with a `name` (an identifier such as `CC-BY-4.0`), a `path` (the
    /// licence's web address) or both, and an optional `title`.
    private func licence(_ node: Node, log: inout DiagnosticLog) -> DataLicence? {
        let example = "such as { name: CC-BY-4.0, path: https://creativecommons.org/licenses/by/4.0/ }"
        guard let entries = node.mapping else {
            log.error(
                .invalidSetting(
                    key: "licence", expected: "the data's licence as indented settings or { … }, \(example)", found: node.scalarText),
                at: location(node.mark))
            return nil
        }
        warnUnknownKeys(in: entries, known: ["name", "path", "title"], prefix: "licence.", log: &log)
        var licence = DataLicence()
        var ok = true
        func text(_ key: String, expected: String, _ isValid: (String) -> Bool) -> String? {
            guard let value = entries[key] else { return nil }
            let text = value.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
            guard !text.isEmpty, isValid(text) else {
                log.error(.invalidSetting(key: "licence.\(key)", expected: expected, found: value.scalarText), at: location(value.mark))
                ok = false
                return nil
            }
            return text
        }
        licence.name = text("name", expected: "a licence identifier such as 'CC-BY-4.0' (letters, digits, '.', '+' and '-')") { name in
            name.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } == true
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
        }
        licence.path = text(
            "path", expected: "the licence's web address, such as 'https://creativecommons.org/licenses/by/4.0/' (http or https)",
            Self.isWebAddress)
        licence.title = text("title", expected: "the licence's name, such as 'Creative Commons Attribution 4.0'") { _ in true }
        guard ok else { return nil }
        guard licence.name != nil || licence.path != nil else {
            log.error(
                .invalidSetting(key: "licence", expected: "a 'name', a 'path' or both, \(example)", found: node.scalarText),
                at: location(node.mark))
            return nil
        }
        return licence
    }

    /// `logo: logo.svg`: an SVG file beside `factsheet.yaml`, sanitised for the masthead; its
    /// own problems are located in it.
    private func logo(_ node: Node, log: inout DiagnosticLog) -> Logo? {
        let name = node.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
        var expected: String?
        if name.isEmpty {
            expected = "the name of an SVG file beside factsheet.yaml, such as 'logo.svg'"
        } else if name.contains("/") || name.contains("\\") || name == ".." {
            expected = "a file name without a folder, such as 'logo.svg' (the logo goes beside factsheet.yaml)"
        } else if name.hasPrefix(".") {
            expected = "the name of a file that is not hidden (no '.' first), such as 'logo.svg'"
        } else if !name.lowercased().hasSuffix(".svg") {
            expected = "an SVG file (.svg), such as 'logo.svg'"
        }
        if let expected {
            log.error(.invalidSetting(key: "logo", expected: expected, found: node.scalarText), at: location(node.mark))
            return nil
        }
        guard let file = assets[name] else {
            log.error(
                .logoFileMissing(name: name, suggestion: Suggestion.closest(to: name, in: assets.keys.sorted())), at: location(node.mark))
            return nil
        }
        return LogoSanitiser.logo(from: file, log: &log)
    }

    /// `publisher: { sq: …, en: … }`: the organisation's name for every language of the edition.
    private func publisherNames(_ node: Node, languages: [Language], log: inout DiagnosticLog) -> [String: String]? {
        let expected = "the organisation's name per language, such as 'en: OSCE Mission in Kosovo'"
        guard let names = node.mapping else {
            log.error(.invalidSetting(key: "publisher", expected: expected, found: node.scalarText), at: location(node.mark))
            return nil
        }
        var publisher: [String: String] = [:]
        var ok = true
        for (key, value) in names {
            guard let language = key.string, let name = value.scalar?.string, !name.isEmpty else {
                log.error(.invalidSetting(key: "publisher", expected: expected, found: value.scalarText), at: location(value.mark))
                ok = false
                continue
            }
            publisher[language] = name
        }
        guard ok else { return nil }
        let missing = languages.filter { publisher[$0.key] == nil }
        for language in missing {
            log.error(.languageValueMissing(setting: "publisher", what: "name", language: language.key), at: location(node.mark))
        }
        return missing.isEmpty ? publisher : nil
    }

    /// `languages: [sq, sr, en]`: folder names under the templates folder, each once.
    private func languageList(_ node: Node, log: inout DiagnosticLog) -> [Language]? {
        let expected = "a list of language folders such as [sq, sr, en]"
        guard let items = node.sequence, !items.isEmpty else {
            log.error(.invalidSetting(key: "languages", expected: expected, found: node.scalarText), at: location(node.mark))
            return nil
        }
        var languages: [Language] = []
        var ok = true
        for item in items {
            guard let key = item.scalar?.string, Language.isValidKey(key) else {
                log.error(
                    .invalidSetting(
                        key: "languages", expected: "a folder name of lower-case letters, digits and '-' such as 'sr'",
                        found: item.scalarText), at: location(item.mark))
                ok = false
                continue
            }
            if languages.contains(Language(key)) {
                log.error(.invalidSetting(key: "languages", expected: "each language once", found: key), at: location(item.mark))
                ok = false
            }
            languages.append(Language(key))
        }
        return ok ? languages : nil
    }

    private func yearList(in mapping: Node.Mapping, parent: Node?, log: inout DiagnosticLog) -> [Int]? {
        guard let node = mapping["years"] else {
            log.error(.missingKey("establishment.years"), at: location(parent?.mark))
            return nil
        }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            log.error(
                .invalidSetting(key: "establishment.years", expected: "a list of years such as [2014, 2015]", found: node.scalarText),
                at: location(node.mark))
            return nil
        }
        var years: [Int] = []
        var ok = true
        for item in sequence {
            if let year = Self.wholeNumber(item), (1900...2999).contains(year) {
                if years.contains(year) {
                    log.error(
                        .invalidSetting(key: "establishment.years", expected: "each year once", found: String(year)),
                        at: location(item.mark))
                    ok = false
                }
                years.append(year)
            } else {
                log.error(
                    .invalidSetting(key: "establishment.years", expected: "a year such as 2017", found: item.scalarText),
                    at: location(item.mark))
                ok = false
            }
        }
        return ok ? years : nil
    }

    /// `performance.periods`; a period's `note`, when it has one, should have a text for each of
    /// `languages` (a warning names each that has none).
    private func periodList(in mapping: Node.Mapping, parent: Node?, languages: [Language], log: inout DiagnosticLog) -> [Period]? {
        guard let node = mapping["periods"] else {
            log.error(.missingKey("performance.periods"), at: location(parent?.mark))
            return nil
        }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            log.error(
                .invalidSetting(
                    key: "performance.periods", expected: "a list of periods such as { year: 2016, first_month: 1, last_month: 12 }",
                    found: node.scalarText), at: location(node.mark))
            return nil
        }
        var periods: [(Period, Node)] = []
        var ok = true
        for item in sequence {
            guard let entry = item.mapping else {
                log.error(
                    .invalidSetting(
                        key: "performance.periods", expected: "{ year: …, first_month: …, last_month: … }", found: item.scalarText),
                    at: location(item.mark))
                ok = false
                continue
            }
            warnUnknownKeys(in: entry, known: ["year", "first_month", "last_month", "note"], prefix: "performance.periods.", log: &log)
            let year = integer("year", in: entry, parent: item, range: 1900...2999, expected: "a year such as 2017", log: &log)
            let first = integer("first_month", in: entry, parent: item, range: 1...12, expected: "a month number from 1 to 12", log: &log)
            let last = integer("last_month", in: entry, parent: item, range: 1...12, expected: "a month number from 1 to 12", log: &log)
            var note: [String: String] = [:]
            if let noteNode = entry["note"] {
                if let noteMapping = noteNode.mapping {
                    for (key, value) in noteMapping {
                        if let language = key.string, let text = value.string {
                            note[language] = text
                        } else {
                            log.error(
                                .invalidSetting(key: "note", expected: "one text per language, such as 'en: …'", found: value.scalarText),
                                at: location(value.mark))
                            ok = false
                        }
                    }
                    // A warning, as where the languages' strings differ: that language's pages just print no note.
                    for language in languages where !noteMapping.keys.contains(where: { $0.string == language.key }) {
                        log.warning(
                            .languageValueMissing(setting: "note", what: "text", language: language.key), at: location(noteNode.mark))
                    }
                } else {
                    log.error(
                        .invalidSetting(key: "note", expected: "one text per language, such as 'en: …'", found: noteNode.scalarText),
                        at: location(noteNode.mark))
                    ok = false
                }
            }
            guard let year, let first, let last else {
                ok = false
                continue
            }
            if last < first {
                log.error(
                    .invalidSetting(key: "last_month", expected: "a month not before first_month (\(first))", found: String(last)),
                    at: location(entry["last_month"]?.mark))
                ok = false
                continue
            }
            periods.append((Period(year: year, firstMonth: first, lastMonth: last, note: note), item))
        }
        for (index, (period, node)) in periods.enumerated() {
            for (other, _) in periods[..<index] where other.year == period.year {
                let overlap = other.firstMonth <= period.lastMonth && period.firstMonth <= other.lastMonth
                if overlap {
                    log.error(.periodsOverlap(Self.describe(other), Self.describe(period)), at: location(node.mark))
                } else {
                    log.error(.duplicatePeriodYear(period.year), at: location(node.mark))
                }
                ok = false
            }
        }
        return ok ? periods.map(\.0) : nil
    }

    /// The optional `charts:` section: `palette: ["#0072B2", "#D55E00"]`, checked for contrast
    /// and colour-blind distinctness; a palette that falls short is an error.
    private func chartTheme(_ node: Node, log: inout DiagnosticLog) -> ChartTheme? {
        guard let charts = node.mapping else {
            log.error(
                .invalidSetting(key: "charts", expected: "indented settings below 'charts:'", found: node.scalarText),
                at: location(node.mark))
            return nil
        }
        warnUnknownKeys(in: charts, known: ["palette"], prefix: "charts.", log: &log)
        guard let paletteNode = charts["palette"] else { return .standard }
        guard let list = paletteNode.sequence, !list.isEmpty else {
            log.error(
                .invalidSetting(
                    key: "charts.palette", expected: "a list of colours such as [\"#0072B2\", \"#D55E00\"]", found: paletteNode.scalarText),
                at: location(paletteNode.mark))
            return nil
        }
        var colours: [RGBColour] = []
        var ok = true
        for item in list {
            if let colour = item.scalar.flatMap({ RGBColour(hex: $0.string) }) {
                colours.append(colour)
            } else {
                log.error(
                    .invalidSetting(key: "charts.palette", expected: "a colour written #RRGGBB", found: item.scalarText),
                    at: location(item.mark))
                ok = false
            }
        }
        guard ok else { return nil }
        let theme = ChartTheme(series: colours)
        let failures = theme.failures()
        for failure in failures {
            log.error(.chartTheme(failure), at: location(paletteNode.mark))
        }
        return failures.isEmpty ? theme : nil
    }

    private static func describe(_ period: Period) -> String {
        "\(period.year) \(period.firstMonth)–\(period.lastMonth)"
    }

    // MARK: - Values

    private func section(_ key: String, in mapping: Node.Mapping, parent: Node, log: inout DiagnosticLog) -> Node.Mapping? {
        guard let node = mapping[key] else {
            log.error(.missingKey(key), at: location(parent.mark))
            return nil
        }
        guard let section = node.mapping else {
            log.error(
                .invalidSetting(key: key, expected: "indented settings below '\(key):'", found: node.scalarText), at: location(node.mark))
            return nil
        }
        return section
    }

    private func string(_ key: String, in mapping: Node.Mapping, parent: Node, log: inout DiagnosticLog) -> String? {
        guard let node = mapping[key] else {
            log.error(.missingKey(key), at: location(parent.mark))
            return nil
        }
        guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            log.error(.invalidSetting(key: key, expected: "a text", found: node.scalarText), at: location(node.mark))
            return nil
        }
        return text
    }

    private func integer(
        _ key: String, in mapping: Node.Mapping, parent: Node?, range: ClosedRange<Int>,
        expected: String = "a whole number", log: inout DiagnosticLog
    ) -> Int? {
        guard let node = mapping[key] else {
            log.error(.missingKey(key), at: location(parent?.mark))
            return nil
        }
        guard let value = Self.wholeNumber(node), range.contains(value) else {
            log.error(
                .invalidSetting(
                    key: key, expected: expected + (expected == "a whole number" ? " from \(range.lowerBound)" : ""), found: node.scalarText
                ), at: location(node.mark))
            return nil
        }
        return value
    }

    private func warnUnknownKeys(in mapping: Node.Mapping, known: Set<String>, prefix: String, log: inout DiagnosticLog) {
        for key in mapping.keys {
            if let name = key.string, !known.contains(name) {
                log.warning(.unknownKey(prefix + name), at: location(key.mark))
            }
        }
    }

    /// A calendar date written `YYYY-MM-DD`, checked for a real day.
    static func date(_ text: String) -> DateComponents? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else { return nil }
        return components
    }

    private static func wholeNumber(_ node: Node) -> Int? {
        guard let text = node.scalar?.string else { return nil }
        return Int(text.trimmingCharacters(in: .whitespaces))
    }

    private func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: source.path, line: mark?.line, character: mark?.column)
    }

    /// The YAML document in `source`, or nil with its problem (line and column) in `log`.
    package static func compose(_ source: SourceFile, log: inout DiagnosticLog) -> Node? {
        guard let text = source.text(log: &log) else { return nil }
        if let line = lineNestedTooDeep(text, limit: InputLimits.yamlNesting) {
            // Yams builds its nodes recursively, one call per level: stopped before it starts.
            log.error(.nestedTooDeep(limit: InputLimits.yamlNesting, what: "settings"), at: SourceLocation(file: source.path, line: line))
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                log.error(.emptyFile, at: SourceLocation(file: source.path))
                return nil
            }
            return node
        } catch let error as YamlError {
            var (problem, mark) = Self.describe(error)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if let line = mark?.line, lines.indices.contains(line - 1), lines[line - 1].contains("\t") {
                problem += " (the line holds a tab; indent with spaces)"
            }
            log.error(.yamlSyntax(problem), at: SourceLocation(file: source.path, line: mark?.line, character: mark?.column))
            return nil
        } catch {
            log.error(.yamlSyntax("the file could not be read as YAML"), at: SourceLocation(file: source.path))
            return nil
        }
    }

    /// The first line at which `text` may nest deeper than `limit`, or nil. An estimate that
    /// never counts too few: each space of indentation, each `- ` or `? ` opening the line and
    /// each open `[` or `{` counts as a level.
    static func lineNestedTooDeep(_ text: String, limit: Int) -> Int? {
        var flow = 0
        var number = 0
        for line in Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var index = line.startIndex
            var levels = 0
            while index < line.endIndex, line[index] == UInt8(ascii: " ") {
                levels += 1
                index += 1
            }
            while index < line.endIndex, line[index] == UInt8(ascii: "-") || line[index] == UInt8(ascii: "?") {
                let next = line.index(after: index)
                guard next == line.endIndex || line[next] == UInt8(ascii: " ") else { break }
                levels += 1
                index = next == line.endIndex ? next : line.index(after: next)
            }
            var deepest = flow
            var quote: UInt8?
            var previous: UInt8 = UInt8(ascii: " ")
            while index < line.endIndex {
                let byte = line[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: "#") && (previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t")) {
                    break
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    flow += 1
                    deepest = max(deepest, flow)
                } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    flow = max(0, flow - 1)
                }
                previous = byte
                index = line.index(after: index)
            }
            if levels + deepest > limit { return number }
        }
        return nil
    }

    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return (text, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ("the key '\(duplicates.joined(separator: "', '"))' appears twice", context.mark)
        default:
            return ("the file could not be read as YAML", nil)
        }
    }
}

extension Node {
    /// The node as the user wrote it, for "found '…'" in messages.
    package var scalarText: String {
        switch self {
        case .scalar(let scalar): scalar.string
        case .mapping: "a group of settings"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
