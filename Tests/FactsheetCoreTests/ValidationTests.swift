import FuzzHarness
import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

@Suite struct ValidationTests {
    /// Loads the `small` edition with one file replaced and returns every diagnostic line.
    func diagnostics(replacing path: String, with text: String) -> [String] {
        do {
            let (_, warnings) = try DatasetLoader().load(Fixtures.edition("small", replacing: path, with: text))
            return warnings.map(\.description)
        } catch {
            return error.lines
        }
    }

    let header = MonitoringColumn.allCases.map(\.name).joined(separator: ",")

    @Test func theFixtureEditionsAreValid() async throws {
        for name in ["small", "other"] {
            let (_, warnings) = try DatasetLoader().load(Fixtures.edition(name))
            #expect(warnings.isEmpty, "\(name): \(warnings)")
        }
    }

    @Test func everyBadCellIsReportedWithFileRowAndColumn() async {
        let text = """
            \(header)
            alpha,yes,two,regular,albanian,6,2,adopted
            betta,yes,0,irregular,serb,5,0,adopted
            gamma,maybe,1,none,albanian,12,12,none
            delta,no,3,,,,,
            epsilon,yes,3,regular,albanian;croatt,4,5,adopted_minorities
            """
        let lines = diagnostics(replacing: "monitoring/2016.csv", with: text)
        #expect(
            lines.contains(
                "error: small/monitoring/2016.csv, row 2, column 'women_representatives': expected a whole number ≥ 0, found 'two'"))
        #expect(
            lines.contains(
                "error: small/monitoring/2016.csv, row 3, column 'municipality': expected a municipality code from municipalities.csv, found 'betta'; did you mean 'beta'?"
            ))
        #expect(lines.contains("error: small/monitoring/2016.csv, row 4, column 'mcsc': expected 'yes' or 'no', found 'maybe'"))
        #expect(
            lines.contains(
                "error: small/monitoring/2016.csv, row 5, column 'women_representatives': expected an empty cell because 'mcsc' is 'no', found '3'"
            ))
        #expect(
            lines.contains {
                $0.hasPrefix("error: small/monitoring/2016.csv, row 6, column 'communities_represented': expected a community code")
                    && $0.hasSuffix("found 'croatt'; did you mean 'croat'?")
            })
        #expect(
            lines.contains(
                "error: small/monitoring/2016.csv, row 6, column 'meetings_security': expected at most the value of 'meetings' (4), found 5"
            ))
    }

    @Test(arguments: ["-1", "2.5", "1e3", "x"])
    func negativeFractionalAndNonNumericCountsAreErrors(_ value: String) async {
        let text = "\(header)\nalpha,yes,\(value),regular,albanian,6,2,adopted\n"
        let lines = diagnostics(replacing: "monitoring/2016.csv", with: text)
        #expect(
            lines.contains(
                "error: small/monitoring/2016.csv, row 2, column 'women_representatives': expected a whole number ≥ 0, found '\(value)'"))
    }

    /// Days worked out from the calendar: 2016 is a leap year; January–September 2017 is
    /// 31+28+31+30+31+30+31+31+30 = 273; 1900 is not a leap year, 2000 is.
    @Test func periodsCountTheirDays() {
        #expect(Period(year: 2016).days == 366)
        #expect(Period(year: 2017, firstMonth: 1, lastMonth: 9).days == 273)
        #expect(Period(year: 2017, firstMonth: 2, lastMonth: 2).days == 28)
        #expect(Period(year: 2000, firstMonth: 2, lastMonth: 2).days == 29)
        #expect(Period(year: 1900, firstMonth: 2, lastMonth: 2).days == 28)
        #expect(Period(year: 2017, firstMonth: 12, lastMonth: 12).days == 31)
    }

    /// Counts past what a period or a council can hold are located errors, never an overflow:
    /// the small edition's 2017 period is January–September (273 days), 2016 a whole leap year.
    @Test func countsAboveTheirBoundsAreLocatedErrors() {
        let text2017 = """
            \(header)
            alpha,yes,1,regular,albanian,273,273,adopted
            beta,yes,1001,regular,albanian,274,0,adopted
            gamma,yes,1000,regular,albanian,9223372036854775807,99999999999999999999,adopted
            """
        let lines = diagnostics(replacing: "monitoring/2017.csv", with: text2017)
        let file = "error: small/monitoring/2017.csv"
        #expect(!lines.contains { $0.hasPrefix("\(file), row 2") })
        #expect(
            lines.contains(
                "\(file), row 3, column 'women_representatives': expected a whole number from 0 to 1000 (the most a council could have), found '1001'"
            ))
        #expect(
            lines.contains(
                "\(file), row 3, column 'meetings': expected a whole number from 0 to 273 (at most one meeting a day in months 1–9 of 2017), found '274'"
            ))
        #expect(!lines.contains { $0.hasPrefix("\(file), row 4, column 'women_representatives'") })
        #expect(
            lines.contains(
                "\(file), row 4, column 'meetings': expected a whole number from 0 to 273 (at most one meeting a day in months 1–9 of 2017), found '9223372036854775807'"
            ))
        #expect(
            lines.contains(
                "\(file), row 4, column 'meetings_security': expected a whole number from 0 to 273 (at most one meeting a day in months 1–9 of 2017), found '99999999999999999999'"
            ))

        let text2016 = "\(header)\nalpha,yes,1,regular,albanian,366,0,adopted\nbeta,yes,1,regular,albanian,367,0,adopted\n"
        let lines2016 = diagnostics(replacing: "monitoring/2016.csv", with: text2016)
        #expect(!lines2016.contains { $0.hasPrefix("error: small/monitoring/2016.csv, row 2") })
        #expect(
            lines2016.contains(
                "error: small/monitoring/2016.csv, row 3, column 'meetings': expected a whole number from 0 to 366 (at most one meeting a day in 2016), found '367'"
            ))

        let census = "municipality,community,population\nalpha,serb,10000000\nbeta,serb,10000001\n"
        let censusLines = diagnostics(replacing: "census.csv", with: census)
        #expect(!censusLines.contains { $0.contains("row 2") })
        #expect(
            censusLines.contains(
                "error: small/census.csv, row 3, column 'population': expected a whole number from 0 to 10000000 (the most a municipality could have), found '10000001'"
            ))
    }

    @Test func excelVariantsAreAccepted() async throws {
        // BOM, CRLF, semicolons, quoted community lists: the same data as the fixture.
        let original = Fixtures.text("small", "monitoring/2017.csv")
        var rows = original.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { $0.contains(";") ? "\"\($0)\"" : String($0) }.joined(
                separator: ";")
        }
        rows[0] = "\u{FEFF}" + rows[0]
        let excel = rows.joined(separator: "\r\n") + "\r\n"
        let sources = Fixtures.edition("small", replacing: "monitoring/2017.csv", with: excel)
        let (dataset, warnings) = try DatasetLoader().load(sources)
        #expect(warnings.isEmpty)
        let reference = try Fixtures.dataset("small")
        #expect(dataset.monitoring[2017] == reference.monitoring[2017])
    }

    /// Spaces, tabs and no-break spaces around values (hand edits and Excel leave them) change
    /// nothing, in files with quoted cells and without (they are read by different paths).
    @Test(arguments: [false, true]) func paddingAroundValuesIsIgnored(quoting: Bool) async throws {
        var random = SeededGenerator(state: quoting ? 11 : 7)
        let pads = ["", "", " ", "  ", "\t", "\u{A0}", " \t\u{3000}"]
        func pad() -> String { pads[random.below(pads.count)] }
        let reference = try Fixtures.dataset("small")
        for year in [2016, 2017] {
            let original = Fixtures.text("small", "monitoring/\(year).csv")
            let padded =
                original.split(separator: "\n").enumerated().map { row, line in
                    line.split(separator: ",", omittingEmptySubsequences: false).enumerated().map { column, field in
                        quoting && row > 0 && column == 4 ? pad() + "\"\(field)\"" + pad() : pad() + field + pad()
                    }.joined(separator: ",")
                }.joined(separator: "\n") + "\n"
            #expect(padded != original)
            let (dataset, warnings) = try DatasetLoader().load(Fixtures.edition("small", replacing: "monitoring/\(year).csv", with: padded))
            #expect(warnings.isEmpty)
            #expect(dataset.monitoring[year] == reference.monitoring[year])
        }
    }

    @Test func missingColumnsAndUnknownColumnsAreNamed() async {
        let text =
            "municipality,mcsc,women,compensation,communities_represented,meetings,meetings_security,work_plan,remarks\nalpha,yes,1,regular,albanian,6,2,adopted,x\n"
        let lines = diagnostics(replacing: "monitoring/2016.csv", with: text)
        #expect(lines.contains { $0.hasPrefix("error: small/monitoring/2016.csv, row 1: missing column 'women_representatives'") })
        #expect(
            lines.contains(
                "warning: small/monitoring/2016.csv, row 1, column 'women': column 'women' is not part of the data contract; it is ignored")
        )
    }

    @Test func duplicateRowsAndEmptyFiles() async {
        let duplicate = "\(header)\nalpha,yes,1,regular,albanian,6,2,adopted\nalpha,yes,1,regular,albanian,6,2,adopted\n"
        #expect(
            diagnostics(replacing: "monitoring/2016.csv", with: duplicate).contains(
                "error: small/monitoring/2016.csv, row 3, column 'municipality': 'alpha' already has a row (row 2); expected one row each"))
        #expect(
            diagnostics(replacing: "monitoring/2016.csv", with: "").contains {
                $0.hasPrefix("error: small/monitoring/2016.csv: the file is empty")
            })
        #expect(
            diagnostics(replacing: "monitoring/2016.csv", with: header + "\n").contains {
                $0.hasPrefix("error: small/monitoring/2016.csv: the file has a header but no rows")
            })
    }

    @Test func notUTF8NamesTheLineAndTheFix() async {
        var sources = Fixtures.edition("small")
        var bytes = Array("\(header)\nalpha,yes,1,regular,albanian,6,2,adopted\n".utf8)
        bytes += [0x64, 0x65, 0x6C, 0x74, 0x61, 0xEB, 0x2C]  // "delta" + Latin-1 "ë"
        sources.monitoring.removeAll { $0.path.hasSuffix("2016.csv") }
        sources.monitoring.append(SourceFile(path: "small/monitoring/2016.csv", bytes: bytes))
        #expect(throws: DiagnosticsError.self) { try DatasetLoader().load(sources) }
        do {
            _ = try DatasetLoader().load(sources)
        } catch {
            #expect(
                error.lines.contains {
                    $0.hasPrefix("error: small/monitoring/2016.csv: is not UTF-8 text (first bad byte on line 3)")
                        && $0.contains("CSV UTF-8")
                })
        }
    }

    @Test func yearsAndFilesMustMatchTheConfiguration() async {
        var sources = Fixtures.edition("small")
        sources.monitoring.removeAll { $0.path.hasSuffix("2017.csv") }
        sources.monitoring.append(SourceFile(path: "small/monitoring/2015.csv", text: "\(header)\nalpha,no,,,,,,\n"))
        do {
            _ = try DatasetLoader().load(sources)
            Issue.record("expected errors")
        } catch {
            #expect(
                error.lines.contains {
                    $0.hasPrefix("error: small/factsheet.yaml: the configuration names 2017, but there is no monitoring file for it")
                })
            #expect(
                error.lines.contains {
                    $0.hasPrefix("warning: small/monitoring/2015.csv: monitoring file for 2015, a year the configuration does not name")
                })
        }
    }

    @Test func configurationErrorsHaveLineAndColumn() async {
        let yaml = """
            edition: "2017"
            data_status: draft
            legal:
              minimum_meetings_per_year: six
              census_threshold: 50
            establishment:
              years: [2016, 2017]
            performance:
              periods:
                - { year: 2016, first_month: 1, last_month: 12 }
                - { year: 2016, first_month: 6, last_month: 13 }
            """
        let lines = diagnostics(replacing: "factsheet.yaml", with: yaml)
        #expect(
            lines.contains(
                "error: small/factsheet.yaml, line 2, column 14: 'data_status': expected 'illustrative' or 'official', found 'draft'"))
        #expect(
            lines.contains(
                "error: small/factsheet.yaml, line 4, column 30: 'minimum_meetings_per_year': expected a whole number from 1, found 'six'"))
        #expect(
            lines.contains(
                "error: small/factsheet.yaml, line 11, column 49: 'last_month': expected a month number from 1 to 12, found '13'"))
    }

    @Test func overlappingPeriodsAndYAMLSyntax() async {
        let overlapping = """
            edition: "2017"
            data_status: official
            legal: { minimum_meetings_per_year: 6, census_threshold: 50 }
            establishment: { years: [2016, 2017] }
            performance:
              periods:
                - { year: 2016, first_month: 1, last_month: 12 }
                - { year: 2016, first_month: 6, last_month: 9 }
            """
        #expect(
            diagnostics(replacing: "factsheet.yaml", with: overlapping).contains(
                "error: small/factsheet.yaml, line 8, column 7: performance periods 2016 1–12 and 2016 6–9 overlap; expected separate periods"
            ))
        let broken = "edition: \"2017\nlegal: [\n"
        #expect(
            diagnostics(replacing: "factsheet.yaml", with: broken).contains {
                $0.hasPrefix("error: small/factsheet.yaml, line") && $0.contains("YAML syntax error")
            })
    }

    @Test func aMunicipalityWithoutARowIsAWarning() async throws {
        let text = Fixtures.text("small", "monitoring/2017.csv").split(separator: "\n").filter { !$0.hasPrefix("delta") }.joined(
            separator: "\n")
        let (dataset, warnings) = try DatasetLoader().load(Fixtures.edition("small", replacing: "monitoring/2017.csv", with: text))
        #expect(
            warnings.map(\.description) == ["warning: small/monitoring/2017.csv: no row for 'delta'; it is left out of this year's figures"]
        )
        #expect(dataset.councils(in: 2017).map(\.municipality) == ["alpha", "beta", "epsilon"])
    }

    @Test func aCensusWithAHeaderOnlyIsAnError() async throws {
        let lines = diagnostics(replacing: "census.csv", with: "municipality,community,population\r\n")
        #expect(lines == ["error: small/census.csv: the file has a header but no rows; expected one row per record"])
    }

    @Test func tabsInYAMLGetAHint() async throws {
        let yaml = Fixtures.text("small", "factsheet.yaml").replacingOccurrences(
            of: "  census_threshold: 50", with: "\tcensus_threshold: 50")
        let lines = diagnostics(replacing: "factsheet.yaml", with: yaml)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("error: small/factsheet.yaml, line 5, column 1: YAML syntax error:") == true)
        #expect(lines.first?.hasSuffix("(the line holds a tab; indent with spaces)") == true)
    }
}
