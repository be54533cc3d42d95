import FactsheetFigures
import FactsheetInput

/// The numbers behind every chart as CSV, for people who want to reuse them.
public enum ChartDataFiles {
    /// `chart`'s data file, language-neutral: codes, years and period ids rather than labels.
    static func file(_ chart: ChartID, _ figures: Figures) -> BuiltFile {
        BuiltFile(path: SitePath.chartData(chart.rawValue), bytes: csvBytes(table(chart, figures)))
    }

    /// The rows of `chart`'s data file, its header first.
    static func table(_ chart: ChartID, _ figures: Figures) -> [[String]] {
        let configuration = figures.configuration
        let indicators = figures.indicators
        func value(_ id: IndicatorID, _ period: String) -> String {
            indicators.value(id, period).map { String($0.value) } ?? ""
        }
        switch chart.content {
        case .perYearOrPeriod(let ids) where ids.first?.section == .performance:
            var rows = [["period", "first_month", "last_month"] + ids.map(\.rawValue)]
            for period in configuration.periods {
                let row: [String] = [period.id, String(period.firstMonth), String(period.lastMonth)]
                rows.append(row + ids.map { value($0, period.id) })
            }
            return rows
        case .perYearOrPeriod(let ids):
            return [["year"] + ids.map(\.rawValue)]
                + configuration.establishmentYears.map(String.init).map { year in [year] + ids.map { value($0, year) } }
        case .perMunicipality(let id):
            let contributions = configuration.periods.map { period -> [String: Int] in
                if case .sum(let byMunicipality)? = indicators.value(id, period.id)?.detail { return byMunicipality }
                return [:]
            }
            var rows = [["municipality", "period", id.rawValue]]
            for municipality in figures.municipalities {
                for (period, byMunicipality) in zip(configuration.periods, contributions) {
                    if let amount = byMunicipality[municipality.code] { rows.append([municipality.code, period.id, String(amount)]) }
                }
            }
            return rows
        case .municipalWomen, .municipalMeetings:
            return [municipalHeader(chart)] + figures.municipal.flatMap { municipalRows(chart, $0, configuration) }
        }
    }

    /// The header of a municipality's chart data: its code, the year or period, its figures.
    static func municipalHeader(_ chart: ChartID) -> [String] {
        switch chart.content {
        case .municipalWomen: ["municipality", "year", "women_representatives"]
        case .municipalMeetings: ["municipality", "period", "meetings", "meetings_security"]
        case .perYearOrPeriod, .perMunicipality: []
        }
    }

    /// One municipality's rows of a chart of its sheet: one for each year or period it had an MCSC.
    static func municipalRows(_ chart: ChartID, _ own: MunicipalFigures, _ configuration: EditionConfiguration) -> [[String]] {
        switch chart.content {
        case .municipalWomen:
            zip(configuration.establishmentYears, own.years).compactMap { year, council in
                council.map { [own.code, String(year), $0.womenRepresentatives.map(String.init) ?? ""] }
            }
        case .municipalMeetings:
            zip(configuration.periods, own.periods).compactMap { period, council in
                council.map { [own.code, period.id, $0.meetings.map(String.init) ?? "", $0.meetingsSecurity.map(String.init) ?? ""] }
            }
        case .perYearOrPeriod, .perMunicipality: []
        }
    }

    /// Rows as CSV: a field holding `,` `"` or a line end goes in double quotes with its quotes
    /// doubled (RFC 4180), lines end in LF, the last one too. Written byte by byte: the
    /// per-municipality tables have a row per municipality and period.
    public static func csv(_ rows: [[String]]) -> String {
        String(decoding: csvBytes(rows), as: UTF8.self)
    }

    /// ``csv(_:)`` as UTF-8 bytes, for a file: no string made and copied back into bytes.
    static func csvBytes(_ rows: [[String]]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 24)
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                let utf8 = field.utf8
                if utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                    bytes.append(UInt8(ascii: "\""))
                    for byte in utf8 {
                        if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                        bytes.append(byte)
                    }
                    bytes.append(UInt8(ascii: "\""))
                } else {
                    bytes.append(contentsOf: utf8)
                }
            }
            bytes.append(0x0A)
        }
        return bytes
    }
}
