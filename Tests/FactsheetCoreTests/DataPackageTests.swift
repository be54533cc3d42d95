import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

@Suite struct DataPackageTests {
    static let smallYAML = Fixtures.text("small", "factsheet.yaml")

    func site(_ sources: EditionSources = Fixtures.edition("small"), options: BuildOptions = BuildOptions()) async throws -> BuildResult {
        try await FactsheetBuilder(options: options).build(edition: sources, templates: Fixtures.templates(repository: true))
    }

    func descriptor(_ result: BuildResult) throws -> [String: Any] {
        let file = try #require(result.files.first { $0.path == "data/datapackage.json" }, "no data/datapackage.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])
    }

    func resources(_ package: [String: Any]) throws -> [[String: Any]] {
        try #require(package["resources"] as? [[String: Any]])
    }

    // MARK: - Chart schemas

    /// The header of every chart's data file is its schema's field names, in order, and every
    /// row of the small edition has a cell per field, filled in where the schema requires it,
    /// a whole number within the bounds where it says integer, and a key of its own.
    @Test(arguments: ChartID.allCases) func everyChartsHeaderIsItsSchema(_ chart: ChartID) throws {
        let figures = IndicatorCalculator().figures(for: try Fixtures.dataset("small"))
        let schema = ChartDataSchema(chart, DataPackageText(words: Fixtures.dataPackageWords, configuration: figures.configuration))
        let table = ChartDataFiles.table(chart, figures)
        #expect(table.first == schema.fields.map(\.name))
        if chart.sheet == .municipality {
            #expect(ChartDataFiles.municipalHeader(chart) == schema.fields.map(\.name))
        }
        #expect(table.count > 1, "\(chart): no rows to check")
        var keys: Set<[String]> = []
        for row in table.dropFirst() {
            try #require(row.count == schema.fields.count, "\(chart): \(row)")
            for (cell, field) in zip(row, schema.fields) {
                if cell.isEmpty {
                    #expect(!field.required, "\(chart): \(field.name) empty in \(row)")
                    continue
                }
                switch field.kind {
                case .integer:
                    let number = try #require(Int(cell), "\(chart): \(field.name) '\(cell)' is not a whole number")
                    #expect(number >= (field.minimum ?? .min) && number <= (field.maximum ?? .max), "\(chart): \(field.name) \(number)")
                case .string:
                    #expect(field.pattern.map { cell.range(of: "^(\($0))$", options: .regularExpression) != nil } ?? true)
                }
            }
            let key = schema.primaryKey.compactMap { name in schema.fields.firstIndex { $0.name == name }.map { row[$0] } }
            #expect(key.count == schema.primaryKey.count)
            #expect(keys.insert(key).inserted, "\(chart): key \(key) twice")
        }
    }

    /// The columns and their constraints, worked out from the catalogue by hand for one chart of each kind.
    @Test func schemasFollowTheChartsKind() throws {
        let text = DataPackageText(words: Fixtures.dataPackageWords, configuration: try Fixtures.dataset("small").configuration)
        func shape(_ chart: ChartID) -> [String] {
            ChartDataSchema(chart, text).fields.map { field in
                "\(field.name):\(field.kind.rawValue):\(field.required ? "required" : "optional"):\(field.minimum.map(String.init) ?? "-")"
                    + "…\(field.maximum.map(String.init) ?? "-")"
            }
        }
        #expect(
            shape(.missingRepresentatives) == [
                "year:integer:required:1900…2999", "missing_representatives_all:integer:required:0…-",
                "missing_representatives_threshold:integer:required:0…-",
            ])
        #expect(
            shape(.workPlanMinorities) == [
                "period:integer:required:1900…2999", "first_month:integer:required:1…12", "last_month:integer:required:1…12",
                "work_plan_minorities:integer:required:0…-",
            ])
        #expect(
            shape(.meetingsHeld) == [
                "municipality:string:required:-…-", "period:integer:required:1900…2999", "meetings_held:integer:required:0…-",
            ])
        // The municipalities' own counts are bounded as their monitoring columns are (1000 women, 366 meetings).
        #expect(
            shape(.municipalityWomen) == [
                "municipality:string:required:-…-", "year:integer:required:1900…2999", "women_representatives:integer:optional:0…1000",
            ])
        #expect(
            shape(.municipalityMeetings) == [
                "municipality:string:required:-…-", "period:integer:required:1900…2999", "meetings:integer:optional:0…366",
                "meetings_security:integer:optional:0…366",
            ])
        #expect(ChartDataSchema(.meetingsHeld, text).primaryKey == ["municipality", "period"])
        #expect(ChartDataSchema(.regularCompensation, text).primaryKey == ["year"])
        // The unit comes from the indicator catalogue; the threshold from the edition (50 in the small edition).
        let threshold = ChartDataSchema(.missingRepresentatives, text).fields[2].description
        #expect(threshold.contains("more than 50 members") && threshold.hasSuffix("Unit: number of MCSCs."))
        #expect(ChartDataSchema(.meetingsHeld, text).fields[2].description.hasSuffix("Unit: meetings."))
    }

    // MARK: - The descriptor

    @Test func thePackageListsEveryDataFileWithItsSizeAndHash() async throws {
        let result = try await site()
        let package = try descriptor(result)
        #expect(package["profile"] as? String == "data-package")
        #expect(package["name"] as? String == "mcsc-fact-sheet-test-2017")
        #expect(package["title"] as? String == "MCSC fact sheet Test 2017: the data (illustrative)")
        let resources = try resources(package)
        let charts = ChartID.allCases.map(\.rawValue)
        #expect(
            resources.compactMap { $0["name"] as? String }
                == charts + ["indicators", "schema-municipalities", "schema-census", "schema-monitoring"])
        // Every data file of the build is a resource, except the per-municipality subsets.
        let listed = Set(resources.compactMap { $0["path"] as? String }.map { "data/" + $0 })
        let written = Set(result.files.map(\.path).filter { $0.hasPrefix("data/") && !$0.hasPrefix("data/municipalities/") })
        #expect(written.subtracting(listed) == ["data/datapackage.json"])
        #expect(listed.isSubset(of: written))
        for resource in resources {
            let path = "data/" + (try #require(resource["path"] as? String))
            let file = try #require(result.files.first { $0.path == path })
            #expect(resource["bytes"] as? Int == file.bytes.count, "\(path)")
            #expect(resource["hash"] as? String == "sha256:" + ManifestEntry(path: path, bytes: file.bytes).sha256, "\(path)")
            let tabular = path.hasSuffix(".csv")
            #expect(resource["profile"] as? String == (tabular ? "tabular-data-resource" : "data-resource"))
            #expect((resource["schema"] != nil) == tabular, "\(path)")
        }
        // The small edition has municipal sheets: the two Kosovo-wide files of their charts name the pattern.
        let women = try #require(resources.first { $0["name"] as? String == "municipality_women" })
        #expect((women["description"] as? String)?.contains("municipalities/CODE/municipality_women.csv") == true)
        #expect(result.files.contains { $0.path == "data/municipalities/alpha/municipality_women.csv" })
        // Listed in the manifest like every file.
        let manifest = try #require(result.files.first { $0.path == "manifest.json" }).contents
        #expect(manifest.contains("\"data/datapackage.json\": {\"bytes\": "))
    }

    @Test func anIllustrativeEditionSaysSoInThePagesWords() async throws {
        let package = try descriptor(try await site())
        let description = try #require(package["description"] as? String)
        // Templates/en/strings.yaml: illustrative_title, illustrative_text.
        #expect(
            description.hasPrefix(
                "Illustrative data. The figures in this edition are made up to show how the tool works. They are not official data and must not be quoted. The figures behind"
            ))
        // No English: the package's own sentence (Templates/datapackage.yaml: illustrative_notice), still in English.
        let sqOnly = Fixtures.edition("small", replacing: "factsheet.yaml", with: Self.smallYAML + "languages: [sq]\n")
        let withoutEnglish = try #require(try descriptor(try await site(sqOnly))["description"] as? String)
        #expect(
            withoutEnglish.hasPrefix(
                "Illustrative data. The figures in this edition are made up. They are not official data and must not be quoted. The figures behind"
            ))
        // Official: no notice, and no "(illustrative)" in the title.
        let official = Fixtures.edition(
            "small", replacing: "factsheet.yaml",
            with: Self.smallYAML.replacingOccurrences(of: "data_status: illustrative", with: "data_status: official"))
        let package2 = try descriptor(try await site(official))
        #expect((package2["description"] as? String)?.hasPrefix("The figures behind the fact sheets Test 2017") == true)
        #expect(package2["title"] as? String == "MCSC fact sheet Test 2017: the data")
    }

    // MARK: - The words file

    static let shippedWords = try! String(
        contentsOf: Fixtures.repositoryFolder.appendingPathComponent("Templates/datapackage.yaml"), encoding: .utf8)

    /// The shipped templates with `Templates/datapackage.yaml` replaced by `text` (nil: absent).
    func templates(words text: String?) -> TemplateSources {
        var templates = Fixtures.templates(repository: true)
        templates.dataPackage = text.map { SourceFile(path: "Templates/datapackage.yaml", bytes: Array($0.utf8)) }
        return templates
    }

    func errors(words text: String?) async throws -> [Diagnostic] {
        do {
            _ = try await FactsheetBuilder().build(edition: Fixtures.edition("small"), templates: templates(words: text))
        } catch {
            return error.errors
        }
        Issue.record("the build succeeded")
        return []
    }

    /// Every word of the package is the file's: a text changed there is the package's text.
    @Test func theWordsAreTheFilesWords() async throws {
        let edited = Self.shippedWords
            .replacingOccurrences(
                of: "title_illustrative: \"MCSC fact sheet {edition}: the data (illustrative)\"",
                with: "title_illustrative: \"Daten {edition} (Beispiel)\""
            )
            .replacingOccurrences(of: "  meetings_held: Meetings held by the MCSCs", with: "  meetings_held: Sitzungen der MCSCs")
            .replacingOccurrences(of: "  meetings: meetings\n", with: "  meetings: Sitzungen\n")
        #expect(edited != Self.shippedWords)
        let result = try await FactsheetBuilder().build(edition: Fixtures.edition("small"), templates: templates(words: edited))
        let package = try descriptor(result)
        #expect(package["title"] as? String == "Daten Test 2017 (Beispiel)")
        let meetings = try #require(try resources(package).first { $0["name"] as? String == "meetings_held" })
        // chart_title_per_municipality: "{rule}, per municipality and period".
        #expect(meetings["title"] as? String == "Sitzungen der MCSCs, per municipality and period")
        let fields = try #require((meetings["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        // column_municipal_part: "… of '{indicator}' ({rule}). Unit: {unit}."
        #expect((fields.last?["description"] as? String)?.hasSuffix("of 'meetings_held' (Sitzungen der MCSCs). Unit: Sitzungen.") == true)
    }

    /// The threshold's plural form chooses the rule's text: "1 member", "50 members".
    @Test func aRulesPluralFormFollowsTheThreshold() throws {
        var configuration = try Fixtures.dataset("small").configuration
        configuration.censusThreshold = 1
        let one = DataPackageText(words: Fixtures.dataPackageWords, configuration: configuration).rule(.missingRepresentativesThreshold)
        #expect(one.hasPrefix("MCSCs where a community with more than 1 member is not represented"))
        configuration.censusThreshold = 50
        let fifty = DataPackageText(words: Fixtures.dataPackageWords, configuration: configuration).rule(.missingRepresentativesThreshold)
        #expect(fifty.hasPrefix("MCSCs where a community with more than 50 members is not represented"))
    }

    /// A missing file, key or code, a placeholder a text cannot print and a missing plural form
    /// are located build errors.
    @Test func aFaultyWordsFileIsALocatedError() async throws {
        let missing = try await errors(words: nil)
        #expect(missing.count == 1)
        #expect(missing.first?.location.file == "Templates/datapackage.yaml")
        #expect(missing.first?.problem.message.contains("the words of data/datapackage.json") == true)

        let noTitle = try await errors(words: Self.shippedWords.replacingOccurrences(of: "\ntitle: ", with: "\nheading: "))
        #expect(noTitle.map(\.problem.message).contains { $0.contains("'title'") }, "\(noTitle.map(\.problem.message))")

        // Line 17 of the shipped file is title_illustrative.
        let lines = Self.shippedWords.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[16].hasPrefix("title_illustrative:"))
        let badPlaceholder = try await errors(
            words: Self.shippedWords.replacingOccurrences(of: "the data (illustrative)", with: "the data {year}"))
        let placeholder = try #require(badPlaceholder.first)
        #expect(badPlaceholder.count == 1)
        #expect(placeholder.problem.message == "'title_illustrative' uses {year}, which it cannot print; expected {edition}")
        #expect(placeholder.location.file == "Templates/datapackage.yaml" && placeholder.location.line == 17)

        let noRule = try await errors(
            words: Self.shippedWords.replacingOccurrences(of: "  work_plan_minorities: MCSCs with", with: "  workplan: MCSCs with"))
        #expect(noRule.map(\.problem.message).contains { $0.contains("'rules.work_plan_minorities'") }, "\(noRule.map(\.problem.message))")

        // A column the file does not describe (as when a column is added to the schema).
        let noColumn = try await errors(
            words: Self.shippedWords.replacingOccurrences(of: "  monitoring.work_plan: whether", with: "  monitoring.workplan: whether"))
        #expect(noColumn.count == 1)
        #expect(
            noColumn.first?.problem.message.contains("'input_columns.monitoring.work_plan'") == true, "\(noColumn.map(\.problem.message))")

        let noForm = try await errors(
            words: Self.shippedWords.replacingOccurrences(
                of: "    one: MCSCs where a community with more than {threshold} member is", with: "    few: x"))
        #expect(noForm.count == 1)
        #expect(
            noForm.first?.problem.message.contains("rules.missing_representatives_threshold") == true, "\(noForm.map(\.problem.message))")
    }

    @Test func createdLicencePublisherAndHomeComeFromTheConfiguration() async throws {
        let bare = try descriptor(try await site())
        for key in ["created", "licenses", "contributors", "homepage"] { #expect(bare[key] == nil, "\(key)") }
        #expect((bare["sources"] as? [[String: String]]) == [["title": "monitoring of the MCSCs, edition Test 2017"]])

        let yaml =
            Self.smallYAML + """
                published: 2017-12-05
                site_url: https://example.org/mcsc
                publisher: { sq: Misioni, en: The Mission }
                licence:
                  name: CC-BY-4.0
                  path: https://creativecommons.org/licenses/by/4.0/
                  title: Creative Commons Attribution 4.0

                """
        let package = try descriptor(try await site(Fixtures.edition("small", replacing: "factsheet.yaml", with: yaml)))
        #expect(package["created"] as? String == "2017-12-05T00:00:00Z")
        #expect(package["homepage"] as? String == "https://example.org/mcsc/")
        #expect(
            (package["licenses"] as? [[String: String]]) == [
                [
                    "name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                    "title": "Creative Commons Attribution 4.0",
                ]
            ])
        #expect((package["contributors"] as? [[String: String]]) == [["title": "The Mission", "role": "publisher"]])
        #expect((package["sources"] as? [[String: String]]) == [["title": "The Mission, monitoring of the MCSCs, edition Test 2017"]])
        // SOURCE_DATE_EPOCH stands in for `published:`, as on the pages: 1513296000 is 2017-12-15 00:00 UTC.
        let epoch = try descriptor(try await site(options: BuildOptions(sourceDateEpoch: 1_513_296_000)))
        #expect(epoch["created"] as? String == "2017-12-15T00:00:00Z")
    }

    @Test(arguments: [
        ("2017", "mcsc-fact-sheet-2017"), ("Test 2017", "mcsc-fact-sheet-test-2017"),
        ("Q3 / 2017 (draft)", "mcsc-fact-sheet-q3-2017-draft"),
        ("2017.1_b", "mcsc-fact-sheet-2017.1_b"), ("Botimi ë 2017", "mcsc-fact-sheet-botimi-2017"), ("ëë", "mcsc-fact-sheet"),
    ])
    func theNameIsTheEditionInLowerCase(_ edition: String, _ name: String) {
        #expect(DataPackage.name(edition: edition) == name)
        #expect(name.range(of: "^[-a-z0-9._/]+$", options: .regularExpression) != nil)
    }

    @Test func theSameBuildGivesTheSameBytes() async throws {
        let first = try #require(try await site().files.first { $0.path == "data/datapackage.json" })
        let second = try #require(try await site().files.first { $0.path == "data/datapackage.json" })
        #expect(first.bytes == second.bytes)
        #expect(first.contents.hasPrefix("{\n  \"profile\": \"data-package\",\n  \"name\": "))
        #expect(first.contents.hasSuffix("}\n"))
    }

    // MARK: - licence: in factsheet.yaml

    @Test func theLicenceIsCheckedWhereItIsWritten() throws {
        func load(_ text: String) -> (EditionConfiguration?, [String]) {
            var log = DiagnosticLog()
            let source = SourceFile(path: "small/factsheet.yaml", text: Self.smallYAML + text)
            let configuration = ConfigurationLoader(source: source, assets: [:]).load(log: &log)
            return (configuration, log.diagnostics.map(\.description))
        }
        let line = Self.smallYAML.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(load("licence: { name: CC0-1.0 }\n").0?.licence == DataLicence(name: "CC0-1.0"))
        #expect(
            load("licence: { path: 'https://example.org/terms', title: Our terms }\n").0?.licence
                == DataLicence(path: "https://example.org/terms", title: "Our terms"))
        let cases: [(String, String)] = [
            ("licence: CC-BY-4.0\n", "line \(line), column 10: 'licence': expected the data's licence as indented settings"),
            ("licence: { title: Some licence }\n", "line \(line), column 10: 'licence': expected a 'name', a 'path' or both"),
            (
                "licence: { name: CC BY 4.0 }\n",
                "line \(line), column 18: 'licence.name': expected a licence identifier such as 'CC-BY-4.0'"
            ),
            ("licence: { name: -CC }\n", "line \(line), column 18: 'licence.name': expected a licence identifier"),
            (
                "licence:\n  name: CC-BY-4.0\n  path: ftp://example.org/\n",
                "line \(line + 2), column 9: 'licence.path': expected the licence's web address"
            ),
            ("licence: { name: CC-BY-4.0, title: '' }\n", "column 36: 'licence.title': expected the licence's name"),
        ]
        for (text, message) in cases {
            let (configuration, messages) = load(text)
            #expect(configuration == nil, "\(text)")
            #expect(messages.count == 1, "\(text): \(messages)")
            #expect(messages.first?.hasPrefix("error: small/factsheet.yaml, ") == true, "\(text): \(messages)")
            #expect(messages.first?.contains(message) == true, "\(text): \(messages)")
        }
        // An unknown key is a warning, as elsewhere in the file.
        let (configuration, messages) = load("licence: { name: CC-BY-4.0, url: example }\n")
        #expect(configuration?.licence == DataLicence(name: "CC-BY-4.0"))
        #expect(messages.count == 1 && messages.first?.hasPrefix("warning: small/factsheet.yaml, line \(line)") == true, "\(messages)")
        #expect(messages.first?.contains("licence.url") == true, "\(messages)")
    }
}
