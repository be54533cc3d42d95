import Foundation
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// The declared input columns (``MonitoringColumn``, ``MunicipalityColumn``, ``CensusColumn``):
/// the contract as written by hand, the loader's checks that follow from them, the guide's tables
/// and the published Table Schemas.
///
/// The tables in `docs/input.md` are rendered from the declarations; after changing a column,
/// rewrite them with `RECORD_DOCS=1 swift test --filter InputSchemaTests` and read the diff.
@Suite struct InputSchemaTests {
    // MARK: - The contract, literally

    /// The headers as the guide and the shipped files have them, written out by hand.
    @Test func theHeadersAreTheDocumentedContract() async throws {
        let monitoring = "municipality,mcsc,women_representatives,compensation,communities_represented,meetings,meetings_security,work_plan"
        #expect(MonitoringColumn.allCases.map(\.name).joined(separator: ",") == monitoring)
        #expect(CensusColumn.allCases.map(\.name).joined(separator: ",") == "municipality,community,population")
        let register = MunicipalityColumn.allCases.flatMap { $0.isFamily ? ["sq", "sr", "en"].map(MunicipalityColumn.name) : [$0.name] }
        #expect(register.joined(separator: ",") == "code,name_sq,name_sr,name_en,region")

        func firstLine(_ path: String) -> String? {
            FileManager.default.contents(atPath: Fixtures.repositoryFolder.appendingPathComponent(path).path)
                .flatMap { String(decoding: $0, as: UTF8.self).split(separator: "\n").first.map(String.init) }
        }
        #expect(firstLine("input/monitoring/2017.csv") == monitoring)
        #expect(firstLine("input/census.csv") == "municipality,community,population")
        #expect(firstLine("input/municipalities.csv") == "code,name_sq,name_sr,name_en,region")
    }

    // MARK: - The loader's checks follow from the declarations

    func errors(in text: String) -> [String] {
        do {
            _ = try DatasetLoader().load(Fixtures.edition("small", replacing: "monitoring/2016.csv", with: text))
            return []
        } catch {
            return error.lines.filter { $0.hasPrefix("error: ") }
        }
    }

    @Test(arguments: MonitoringColumn.allCases)
    func everyMonitoringColumnIsRequiredInTheHeader(_ column: MonitoringColumn) async {
        let header = MonitoringColumn.allCases.filter { $0 != column }.map(\.name).joined(separator: ",")
        let lines = errors(in: header + "\nalpha,yes\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("error: small/monitoring/2016.csv, row 1: missing column '\(column.name)'") == true)
    }

    /// Each figure must be empty in a row whose `mcsc` is `no`: the six columns after `mcsc`.
    @Test(arguments: ["women_representatives", "compensation", "communities_represented", "meetings", "meetings_security", "work_plan"])
    func figuresMustBeEmptyWithoutACouncil(_ name: String) async {
        #expect(MonitoringColumn(rawValue: name)?.isEmptyWithoutMCSC == true)
        let header = MonitoringColumn.allCases.map(\.name)
        let row = header.map { $0 == "municipality" ? "delta" : $0 == "mcsc" ? "no" : $0 == name ? "1" : "" }
        #expect(
            errors(in: header.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n") == [
                "error: small/monitoring/2016.csv, row 2, column '\(name)': expected an empty cell because 'mcsc' is 'no', found '1'"
            ])
    }

    @Test func theFiguresAreTheColumnsAfterMCSC() {
        #expect(MonitoringColumn.figures == Array(MonitoringColumn.allCases.dropFirst(2)))
    }

    /// 2016 is an establishment year and a performance period in `small`: with `mcsc` yes and the
    /// rest empty, every figure but the communities (none is a value) must be filled in.
    @Test func cellsRequiredInTheYearAreNamedWithTheirType() async {
        let header = MonitoringColumn.allCases.map(\.name).joined(separator: ",")
        let at = "error: small/monitoring/2016.csv, row 2, column"
        #expect(
            errors(in: header + "\nalpha,yes,,,,,,\n") == [
                "\(at) 'women_representatives': expected a whole number ≥ 0, found an empty cell",
                "\(at) 'compensation': expected one of 'regular', 'irregular', 'none', found an empty cell",
                "\(at) 'meetings': expected a whole number ≥ 0, found an empty cell",
                "\(at) 'meetings_security': expected a whole number ≥ 0, found an empty cell",
                "\(at) 'work_plan': expected one of 'none', 'adopted', 'adopted_minorities', found an empty cell",
            ])
    }

    /// A year that is neither: with `mcsc` yes, no figure is required.
    @Test func aYearOutsideBothSectionsRequiresNoFigures() throws {
        var log = DiagnosticLog()
        let yaml = try #require(Fixtures.edition("small").configuration)
        let configuration = try #require(ConfigurationLoader(source: yaml, assets: [:]).load(log: &log))
        let file = SourceFile(
            path: "small/monitoring/2015.csv", text: MonitoringColumn.allCases.map(\.name).joined(separator: ",") + "\nalpha,yes\n")
        let records = DatasetLoader().loadMonitoring(
            file, year: 2015, configuration: configuration, register: [Municipality(code: "alpha", names: [:])],
            tables: ParsedTables(EditionSources(folder: "small", configuration: nil, municipalities: nil, census: nil, monitoring: [])),
            log: &log)
        #expect(log.diagnostics.isEmpty)
        #expect(records?["alpha"] == MonitoringRecord(municipality: "alpha", row: 2, hasMCSC: true))
    }

    /// Register headers match in any case, as every other column does; each `name_<key>` column
    /// is a name, and other columns are ignored with a warning.
    @Test func theRegistersNameColumnsAreAFamily() throws {
        var log = DiagnosticLog()
        let file = SourceFile(path: "r/municipalities.csv", text: "CODE,Name_SQ,name_en,notes,name_de\nalpha,Alfa,Alpha,x,\n")
        let register = DatasetLoader().loadRegister(
            file, languages: ["sq", "en"].map(Language.init),
            tables: ParsedTables(EditionSources(folder: "r", configuration: nil, municipalities: nil, census: nil, monitoring: [])),
            log: &log)
        #expect(register == [Municipality(code: "alpha", names: ["sq": "Alfa", "en": "Alpha"])])
        #expect(
            log.diagnostics.map(\.description) == [
                "warning: r/municipalities.csv, row 1, column 'notes': column 'notes' is not part of the data contract; it is ignored"
            ])
    }

    // MARK: - The guide's tables

    static let guide = Fixtures.repositoryFolder.appendingPathComponent("docs/input.md")

    static func markers(_ table: InputTable) -> (begin: String, end: String) {
        (
            "<!-- columns of \(table.fileName), generated from the schema: RECORD_DOCS=1 swift test --filter InputSchemaTests -->\n",
            "<!-- end of the generated columns of \(table.fileName) -->"
        )
    }

    /// The tables of `docs/input.md` between their markers are the ones rendered from the
    /// declarations (`RECORD_DOCS=1` writes them there instead).
    @Test func theGuidesTablesAreTheDeclaredColumns() async throws {
        var text = try String(contentsOf: Self.guide, encoding: .utf8)
        for table in InputTable.allCases {
            let (begin, end) = Self.markers(table)
            let start = try #require(text.range(of: begin), "docs/input.md lacks the marker \(begin)")
            let stop = try #require(text.range(of: end, range: start.upperBound..<text.endIndex), "docs/input.md lacks the marker \(end)")
            // Blank lines around the table keep the comments from being read as part of it.
            let rendered = "\n" + InputDocumentation.markdown(table, words: Fixtures.dataPackageWords) + "\n"
            if ProcessInfo.processInfo.environment["RECORD_DOCS"] == "1" {
                text.replaceSubrange(start.upperBound..<stop.lowerBound, with: rendered)
            } else {
                #expect(
                    String(text[start.upperBound..<stop.lowerBound]) == rendered,
                    "docs/input.md: the columns of \(table.fileName) differ from the schema; rewrite them with RECORD_DOCS=1 swift test --filter InputSchemaTests"
                )
            }
        }
        if ProcessInfo.processInfo.environment["RECORD_DOCS"] == "1" { try Data(text.utf8).write(to: Self.guide) }
    }

    /// One row rendered, worked out from the declaration by hand.
    @Test func aRowOfTheGuide() {
        #expect(
            InputDocumentation.markdown(.census, words: Fixtures.dataPackageWords).split(separator: "\n").last
                == "| `population` | the community's members living in the municipality | whole number from 0 to 10,000,000 | always |")
        #expect(
            InputDocumentation.markdown(.monitoring, words: Fixtures.dataPackageWords).split(separator: "\n")[4]
                == "| `women_representatives` | women members of the MCSC who represent a community | whole number from 0 to 1,000 | in establishment years, when `mcsc` is `yes`; empty when `mcsc` is `no` |"
        )
    }

    // MARK: - Table Schemas

    /// The census schema, written out by hand from the Table Schema specification.
    @Test func theCensusSchema() {
        let expected = """
            {
              "fields": [
                {
                  "name": "municipality",
                  "type": "string",
                  "description": "The municipality the row is about. A code from the register, municipalities.csv.",
                  "constraints": {
                    "required": true
                  }
                },
                {
                  "name": "community",
                  "type": "string",
                  "description": "The community counted ('other' is not a community and never counts).",
                  "constraints": {
                    "required": true,
                    "enum": ["albanian", "serb", "turkish", "bosniak", "roma", "ashkali", "egyptian", "gorani", "montenegrin", "croat", "other"]
                  }
                },
                {
                  "name": "population",
                  "type": "integer",
                  "description": "The community's members living in the municipality.",
                  "constraints": {
                    "required": true,
                    "minimum": 0,
                    "maximum": 10000000
                  }
                }
              ],
              "missingValues": [""],
              "primaryKey": ["municipality", "community"]
            }

            """
        #expect(TableSchema.json(.census, languages: [], words: Fixtures.dataPackageWords) == expected)
    }

    func fields(_ table: InputTable, languages: [String] = ["sq", "en"]) throws -> [String: [String: Any]] {
        let json = TableSchema.json(table, languages: languages.map(Language.init), words: Fixtures.dataPackageWords)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["missingValues"] as? [String] == [""])
        let list = try #require(object["fields"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as? String ?? "", $0) })
    }

    func constraints(_ field: [String: Any]?) -> [String: Any] { field?["constraints"] as? [String: Any] ?? [:] }

    @Test func theMonitoringSchemaRequiresOnlyWhatEveryFileNeeds() throws {
        let fields = try fields(.monitoring)
        #expect(Set(fields.keys) == Set(MonitoringColumn.allCases.map(\.name)))
        let required = fields.filter { constraints($0.value)["required"] as? Bool == true }.keys
        #expect(Set(required) == ["municipality", "mcsc"])
        #expect(fields["mcsc"]?["type"] as? String == "boolean")
        #expect(fields["mcsc"]?["trueValues"] as? [String] == ["yes", "Yes", "YES"])
        #expect(constraints(fields["women_representatives"])["maximum"] as? Int == 1000)
        #expect(constraints(fields["meetings"])["maximum"] as? Int == 366)
        #expect(constraints(fields["meetings_security"])["minimum"] as? Int == 0)
        #expect(constraints(fields["compensation"])["enum"] as? [String] == ["regular", "irregular", "none"])
        #expect(constraints(fields["work_plan"])["enum"] as? [String] == ["none", "adopted", "adopted_minorities"])
        let women = fields["women_representatives"]?["description"] as? String ?? ""
        #expect(women.contains("Required in the files of the establishment years") && women.contains("Empty when mcsc is no."))
        let meetings = fields["meetings"]?["description"] as? String ?? ""
        #expect(meetings.contains("Required in the files of the performance periods"))
    }

    @Test func theRegisterSchemaHasANameColumnPerLanguage() throws {
        let json = TableSchema.json(.municipalities, languages: ["sq", "en"].map(Language.init), words: Fixtures.dataPackageWords)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let list = try #require(object["fields"] as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == ["code", "name_sq", "name_en", "region"])
        #expect(list.map { constraints($0)["required"] as? Bool } == [true, true, true, nil])
        #expect(constraints(list[0])["pattern"] as? String == "[a-z0-9-]+")
        #expect(object["primaryKey"] as? [String] == ["code"])
    }
}
