import FactsheetFigures
import FactsheetInput

/// Every phrase the generator prints outside the templates, as a strings file names it.
///
/// The words themselves live in `Templates/<key>/strings.yaml`; this catalogue says which
/// phrases a strings file must give, which `{placeholders}` each may use, and which one is the
/// count that chooses a plural form (a phrase with a count may be given one form per CLDR
/// plural category instead of one text).
package enum StringKey: String, Sendable, CaseIterable, Hashable {
    // Page frame
    case tag
    case languageName = "language_name"
    case readIn = "read_in"
    case chooseLanguage = "choose_language"
    case siteNavigation = "site_navigation"
    case languageNavigation = "language_navigation"
    case illustrativeTitle = "illustrative_title"
    case illustrativeText = "illustrative_text"
    case statusOfficial = "status_official"
    case statusIllustrative = "status_illustrative"
    case provenance
    case published
    // Site
    case allSheets = "all_sheets"
    case allSheetsTitle = "all_sheets_title"
    case nationalSheet = "national_sheet"
    case municipalSheets = "municipal_sheets"
    case noMCSCInAnyYear = "no_mcsc_in_any_year"
    case noMCSCInYear = "no_mcsc_in_year"
    case chartFiles = "chart_files"
    case reviewLink = "review_link"
    case reviewTitle = "review_title"
    case reviewIntro = "review_intro"
    case reviewValue = "review_value"
    case reviewCounted = "review_counted"
    case reviewNotAssessed = "review_not_assessed"
    case reviewByMunicipality = "review_by_municipality"
    // Link previews and search results (`<meta name="description">`, `og:description`)
    case descriptionNational = "description_national"
    case descriptionMunicipality = "description_municipality"
    case descriptionMunicipalityNoMCSC = "description_municipality_no_mcsc"
    case descriptionSheets = "description_sheets"
    case descriptionReview = "description_review"
    // The data workbook (`LANG/data.xlsx`): cover, contents, notes and column headers
    case workbookTitle = "workbook_title"
    case workbookIntro = "workbook_intro"
    case workbookStatus = "workbook_status"
    case workbookEdition = "workbook_edition"
    case workbookPublisher = "workbook_publisher"
    case workbookPublished = "workbook_published"
    case workbookSource = "workbook_source"
    case workbookOneTable = "workbook_one_table"
    case workbookOneTableNotes = "workbook_one_table_notes"
    case workbookColumnWorksheet = "workbook_column_worksheet"
    case workbookColumnTable = "workbook_column_table"
    case workbookColumnNote = "workbook_column_note"
    case workbookColumnText = "workbook_column_text"
    case workbookColumnCode = "workbook_column_code"
    case workbookColumnIndicator = "workbook_column_indicator"
    case workbookColumnYearOrPeriod = "workbook_column_year_or_period"
    case workbookColumnMCSC = "workbook_column_mcsc"
    case workbookColumnCompensation = "workbook_column_compensation"
    case workbookColumnMinimum = "workbook_column_minimum"
    case workbookColumnMeetsMinimum = "workbook_column_meets_minimum"
    case workbookColumnWorkPlan = "workbook_column_work_plan"
    case workbookNoteThreshold = "workbook_note_threshold"
    case workbookNoteNotAssessed = "workbook_note_not_assessed"
    case workbookNoteMinimum = "workbook_note_minimum"
    case workbookNoteEmpty = "workbook_note_empty"
    // Charts: legends, table headers, descriptions
    case strictRule = "strict_rule"
    case thresholdRule = "threshold_rule"
    case columnYear = "column_year"
    case columnPeriod = "column_period"
    case columnMunicipality = "column_municipality"
    case seriesCouncils = "series_councils"
    case seriesMunicipalities = "series_municipalities"
    case seriesMeetings = "series_meetings"
    case seriesMeetingsOnSecurity = "series_meetings_on_security"
    case seriesWomenRepresentatives = "series_women_representatives"
    case chartData = "chart_data"
    case chartSource = "chart_source"
    case chartSourceEdition = "chart_source_edition"
    case chartDataLink = "chart_data_link"
    case chartFileLink = "chart_file_link"
    case workbookLink = "workbook_link"
    case chartLinkLabel = "chart_link_label"
    case noMCSC = "no_mcsc"
    case countOfCouncils = "count_of_councils"
    case countOfMunicipalities = "count_of_municipalities"
    case notAssessedInChart = "not_assessed_in_chart"
    case meetingsIn = "meetings_in"
    case securityMeetingsIn = "security_meetings_in"
    case rowsSummary = "rows_summary"
    case highest
    case highestShared = "highest_shared"
    case highestOnSecurity = "highest_on_security"
    case highestOnSecurityShared = "highest_on_security_shared"
    case highestEvery = "highest_every"
    case highestOnSecurityEvery = "highest_on_security_every"
    case municipalMeetingsSummary = "municipal_meetings_summary"
    case municipalMeetingsNoneOnSecurity = "municipal_meetings_none_on_security"
    case municipalMeetingsAllOnSecurity = "municipal_meetings_all_on_security"
    case municipalNoMeetingsSummary = "municipal_no_meetings_summary"
    case municipalNoMCSCSummary = "municipal_no_mcsc_summary"
    case municipalWomenSummary = "municipal_women_summary"
    // Table cells
    case yes
    case no
    case noneMissing = "none_missing"
    case notAssessed = "not_assessed"
    case dash
    // Numbers, periods and lists (dates follow ICU's long pattern for the tag)
    case yearInText = "year_in_text"
    case yearRange = "year_range"
    case periodRange = "period_range"
    case periodMonth = "period_month"
    case listSeparator = "list_separator"
    case listLastSeparator = "list_last_separator"

    /// The `{placeholders}` the phrase may use.
    var placeholders: [String] {
        switch self {
        case .tag, .languageName, .readIn, .chooseLanguage, .siteNavigation, .languageNavigation, .illustrativeTitle, .illustrativeText,
            .statusOfficial,
            .statusIllustrative, .allSheets, .nationalSheet, .municipalSheets, .noMCSCInAnyYear, .chartFiles, .reviewLink, .reviewIntro,
            .reviewValue, .reviewCounted, .reviewNotAssessed,
            .reviewByMunicipality, .workbookIntro, .workbookStatus, .workbookEdition, .workbookPublisher, .workbookPublished,
            .workbookSource, .workbookOneTable, .workbookColumnWorksheet, .workbookColumnTable, .workbookColumnNote,
            .workbookColumnText, .workbookColumnCode, .workbookColumnIndicator, .workbookColumnYearOrPeriod, .workbookColumnMCSC,
            .workbookColumnCompensation, .workbookColumnMinimum, .workbookColumnMeetsMinimum, .workbookColumnWorkPlan,
            .workbookNoteNotAssessed, .workbookNoteEmpty, .strictRule, .columnYear,
            .columnPeriod, .columnMunicipality, .seriesCouncils, .seriesMunicipalities, .seriesMeetings, .seriesMeetingsOnSecurity,
            .seriesWomenRepresentatives, .noMCSC, .yes, .no, .noneMissing, .notAssessed, .dash, .listSeparator,
            .listLastSeparator, .chartDataLink, .chartFileLink, .workbookLink:
            []
        case .chartSource: ["publisher", "edition", "status"]
        case .chartSourceEdition: ["edition", "status"]
        case .chartLinkLabel: ["link", "title"]
        case .provenance: ["edition", "status", "hash", "generator"]
        case .published: ["date"]
        case .noMCSCInYear: ["year"]
        case .allSheetsTitle, .reviewTitle, .descriptionNational, .descriptionSheets, .descriptionReview, .workbookTitle: ["edition"]
        case .descriptionMunicipality, .descriptionMunicipalityNoMCSC: ["municipality", "edition"]
        case .workbookOneTableNotes: ["notes", "count"]
        case .workbookNoteThreshold: ["threshold"]
        case .workbookNoteMinimum: ["minimum"]
        case .thresholdRule: ["threshold"]
        case .chartData: ["title"]
        case .countOfCouncils, .countOfMunicipalities: ["period", "count", "total"]
        case .notAssessedInChart: ["names", "count"]
        case .meetingsIn, .securityMeetingsIn: ["period", "count"]
        case .rowsSummary: ["count"]
        case .highest, .highestShared, .highestOnSecurity, .highestOnSecurityShared: ["period", "name", "count"]
        case .highestEvery, .highestOnSecurityEvery: ["period", "count"]
        case .municipalMeetingsSummary: ["period", "count", "security"]
        case .municipalMeetingsNoneOnSecurity, .municipalMeetingsAllOnSecurity: ["period", "count"]
        case .municipalNoMCSCSummary, .municipalNoMeetingsSummary: ["period"]
        case .municipalWomenSummary: ["year", "count"]
        case .yearInText: ["year"]
        case .yearRange: ["first", "last"]
        case .periodRange: ["first", "last", "year"]
        case .periodMonth: ["month", "year"]
        }
    }

    /// Placeholders that hold counts: a plural form may be chosen by any of them (`plural:`
    /// names which; the first is the default).
    var counts: [String] {
        switch self {
        case .thresholdRule, .workbookNoteThreshold: ["threshold"]
        case .workbookNoteMinimum: ["minimum"]
        case .workbookOneTableNotes: ["count"]
        case .countOfCouncils, .countOfMunicipalities: ["total", "count"]
        case .meetingsIn, .securityMeetingsIn, .rowsSummary, .highest, .highestShared, .highestOnSecurity, .highestOnSecurityShared,
            .highestEvery, .highestOnSecurityEvery,
            .municipalWomenSummary, .notAssessedInChart,
            .municipalMeetingsNoneOnSecurity, .municipalMeetingsAllOnSecurity:
            ["count"]
        case .municipalMeetingsSummary: ["count", "security"]
        default: []
        }
    }
}

/// The coded values a table cell prints in words, and the data workbook's worksheet names and
/// table titles by code, each a mapping in the strings file.
package enum CellVocabulary: String, Sendable, CaseIterable {
    case communities
    case compensation
    case workPlan = "work_plan"
    case indicators
    /// Each worksheet's name on its tab (at most 31 characters, none of `[]:*?/\\`).
    case workbookSheets = "workbook_sheets"
    /// Each worksheet's title, in its cell A1 and on the contents sheet.
    case workbookTitles = "workbook_titles"

    /// The codes the mapping must name.
    var codes: [String] {
        switch self {
        case .communities: Community.allCases.map(\.rawValue)
        case .compensation: Compensation.allCases.map(\.rawValue)
        case .workPlan: WorkPlan.allCases.map(\.rawValue)
        case .indicators: IndicatorID.allCases.map(\.rawValue)
        case .workbookSheets: WorkbookSheet.all.map(\.code)
        case .workbookTitles: WorkbookSheet.all.filter { $0 != .cover }.map(\.code)
        }
    }
}
