import FactsheetFigures
import FactsheetInput
import FactsheetPresentation

/// The data package's sentences, made from the words of `Templates/datapackage.yaml`
/// (``DataPackageWords``) and the chart and indicator catalogues: which words a chart's title,
/// description and columns take follows from what the chart draws (``ChartID/content``).
struct DataPackageText {
    let words: DataPackageWords
    let configuration: EditionConfiguration

    func title() -> String {
        let values = ["edition": configuration.edition]
        switch configuration.dataStatus {
        case .illustrative: return words.text(.titleIllustrative, values)
        case .official: return words.text(.title, values)
        }
    }

    func description() -> String {
        words.text(.description, ["edition": configuration.edition])
    }

    /// `sources`: where the figures come from.
    func source(publisher: String?) -> String {
        guard let publisher else { return words.text(.source, ["edition": configuration.edition]) }
        return words.text(.sourceWithPublisher, ["edition": configuration.edition, "publisher": publisher])
    }

    // MARK: - Resources

    func chartTitle(_ chart: ChartID) -> String {
        switch chart.content {
        case .perYearOrPeriod(let ids):
            let rules = ids.map(rule).joined(separator: words.text(.rulesSeparator))
            return words.text(ids.first?.section == .performance ? .chartTitlePerPeriod : .chartTitlePerYear, ["rules": rules])
        case .perMunicipality(let id): return words.text(.chartTitlePerMunicipality, ["rule": rule(id)])
        case .municipalWomen: return words.text(.chartTitleMunicipalWomen)
        case .municipalMeetings: return words.text(.chartTitleMunicipalMeetings)
        }
    }

    func chartDescription(_ chart: ChartID) -> String {
        let sheet: DataPackageWords.Key =
            switch chart.sheet {
            case .national: .sheetNational
            case .municipality: .sheetMunicipality
            }
        let rows: DataPackageWords.Key =
            switch chart.content {
            case .perYearOrPeriod(let ids) where ids.first?.section == .performance: .rowsPerPeriod
            case .perYearOrPeriod: .rowsPerYear
            case .perMunicipality, .municipalMeetings: .rowsPerMunicipalityAndPeriod
            case .municipalWomen: .rowsPerMunicipalityAndYear
            }
        return words.text(.chartDescription, ["chart": chart.rawValue, "sheet": words.text(sheet), "rows": words.text(rows)])
    }

    /// Where each municipality's own rows of `chart` are also published, one file each.
    func municipalFiles(_ chart: ChartID) -> String {
        words.text(.municipalFiles, ["chart": chart.rawValue])
    }

    func inputSchemaTitle(_ table: InputTable) -> String {
        words.word(.inputSchemas, table.rawValue)
    }

    // MARK: - Fields

    /// A Kosovo-wide indicator's column: its rule and unit.
    func indicator(_ id: IndicatorID) -> String {
        words.text(.columnIndicator, ["rule": rule(id), "unit": words.word(.units, id.unit.code)])
    }

    /// A municipality's part of a sum.
    func municipalPart(_ id: IndicatorID) -> String {
        words.text(.columnMunicipalPart, ["indicator": id.rawValue, "rule": rule(id), "unit": words.word(.units, id.unit.code)])
    }

    /// A municipality's own figure, as its monitoring file gives it.
    func monitoringColumn(_ column: MonitoringColumn) -> String {
        words.text(.columnMonitoring, ["column": Self.sentenceStart(words.column(.monitoring, column.name))])
    }

    /// What an input column holds as the start of a sentence of a schema: its first letter a
    /// capital, the guide's backticks around code as quotes (`at most 'meetings'`).
    static func sentenceStart(_ text: String) -> String {
        let plain = text.replacingOccurrences(of: "`", with: "'")
        return plain.prefix(1).uppercased() + plain.dropFirst()
    }

    /// What an indicator counts or adds up, as a noun phrase.
    func rule(_ id: IndicatorID) -> String {
        words.rule(id, threshold: configuration.censusThreshold)
    }
}
