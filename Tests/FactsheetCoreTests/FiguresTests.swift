import Testing

@testable import FactsheetFigures
@testable import FactsheetInput
@testable import FactsheetPresentation
@testable import FactsheetSite

/// Each municipality's own figures, worked out by hand from the `small` fixture: establishment
/// years 2016 and 2017; periods 2016 (January–December, legal minimum 6 meetings) and 2017
/// (January–September: ceil(6 × 9 / 12) = 5); census threshold 50.
@Suite struct FiguresTests {
    typealias Year = MunicipalFigures.YearCouncil
    typealias Period = MunicipalFigures.PeriodCouncil

    @Test func everyMunicipalitysOwnFiguresFollowTheRules() throws {
        let figures = IndicatorCalculator().figures(for: try Fixtures.dataset("small"))
        #expect(figures.municipal.map(\.code) == ["alpha", "beta", "gamma", "delta", "epsilon"])

        // alpha: census albanian 1000, serb 60, roma 10 (and 'other', not a community).
        // 2016 represents albanian and serb: roma (10) is missing, but not above 50.
        let alpha = try #require(figures.figures(of: "alpha"))
        #expect(alpha.hasCensus && alpha.hadMCSC && alpha.dissolvedYears.isEmpty)
        #expect(
            alpha.years == [
                Year(womenRepresentatives: 2, compensation: .regular, missingAll: [.roma], missingAboveThreshold: []),
                Year(womenRepresentatives: 0, compensation: .regular, missingAll: [], missingAboveThreshold: []),
            ])
        // 6 ≥ 6 in 2016, 5 ≥ 5 in 2017.
        #expect(
            alpha.periods == [
                Period(meetings: 6, meetsMinimum: true, meetingsSecurity: 2, workPlan: .adoptedMinorities),
                Period(meetings: 5, meetsMinimum: true, meetingsSecurity: 1, workPlan: .adopted),
            ])

        // beta held 5 meetings in 2016, one short of 6.
        let beta = try #require(figures.figures(of: "beta"))
        #expect(beta.periods.first??.meetsMinimum == false)

        // gamma: no census rows (not assessed, nil), an MCSC in 2016 only: dissolved in 2017.
        let gamma = try #require(figures.figures(of: "gamma"))
        #expect(!gamma.hasCensus && gamma.hadMCSC && gamma.dissolvedYears == [2017])
        #expect(
            gamma.years == [
                Year(womenRepresentatives: 1, compensation: Compensation.none, missingAll: nil, missingAboveThreshold: nil), nil,
            ])
        #expect(gamma.periods == [Period(meetings: 12, meetsMinimum: true, meetingsSecurity: 12, workPlan: WorkPlan.none), nil])

        // delta: no MCSC in 2016, one in 2017 representing albanian only: turkish (51) is
        // missing, above 50 too. Not dissolved: it has one in the last year.
        let delta = try #require(figures.figures(of: "delta"))
        #expect(delta.hadMCSC && delta.dissolvedYears.isEmpty)
        #expect(
            delta.years == [
                nil,
                Year(womenRepresentatives: 2, compensation: Compensation.none, missingAll: [.turkish], missingAboveThreshold: [.turkish]),
            ])
        #expect(delta.periods == [nil, Period(meetings: 9, meetsMinimum: true, meetingsSecurity: 0, workPlan: WorkPlan.none)])

        // epsilon: census albanian 100, croat 51; 2016 represents albanian only, 0 meetings.
        let epsilon = try #require(figures.figures(of: "epsilon"))
        #expect(
            epsilon.years.first
                == Year(womenRepresentatives: 3, compensation: .regular, missingAll: [.croat], missingAboveThreshold: [.croat]))
        #expect(epsilon.periods.first == Period(meetings: 0, meetsMinimum: false, meetingsSecurity: 0, workPlan: .adoptedMinorities))

        // MCSCs per year: alpha, beta, gamma, epsilon in 2016; alpha, beta, delta, epsilon in 2017.
        #expect(figures.councils(in: 2016) == 4 && figures.councils(in: 2017) == 4)
        #expect(figures.figures(of: "nowhere") == nil)
    }

    @Test func aMunicipalitysChartDataComesFromItsFigures() throws {
        let figures = IndicatorCalculator().figures(for: try Fixtures.dataset("small"))
        // Register order, a row for each year it had an MCSC.
        #expect(
            ChartDataFiles.table(.municipalityWomen, figures) == [
                ["municipality", "year", "women_representatives"],
                ["alpha", "2016", "2"], ["alpha", "2017", "0"], ["beta", "2016", "0"], ["beta", "2017", "1"],
                ["gamma", "2016", "1"], ["delta", "2017", "2"], ["epsilon", "2016", "3"], ["epsilon", "2017", "0"],
            ])
    }

    /// The catalogue's declarations hold together: a per-municipality chart adds up a sum, the
    /// bars of a per-year-or-period chart are of one section, and every chart is on one sheet.
    @Test func theChartCatalogueIsConsistent() {
        for chart in ChartID.allCases {
            switch chart.content {
            case .perMunicipality(let id):
                guard case .sum = id.measure else {
                    Issue.record("\(chart.rawValue): \(id.rawValue) is not a sum")
                    continue
                }
            case .perYearOrPeriod(let ids):
                #expect(!ids.isEmpty && Set(ids.map(\.section)).count == 1, "\(chart.rawValue)")
            case .municipalWomen, .municipalMeetings:
                #expect(chart.sheet == .municipality)
            }
        }
        // Each indicator is on one chart at most; the two with none are printed in the text.
        let charted = ChartID.allCases.flatMap(\.indicators)
        #expect(charted.count == Set(charted).count)
        #expect(IndicatorID.allCases.filter { $0.chart == nil } == [.mcscEstablished, .meetingLegalMinimum])
        #expect(
            SheetKind.national.chartIDs.count == 7 && SheetKind.municipality.chartIDs == ["municipality_women", "municipality_meetings"])
    }
}
