/// The numbers behind every chart as CSV, for people who want to reuse them.
public enum ChartDataFiles {
    /// One CSV per chart, language-neutral: codes, years and period ids rather than labels.
    static func files(dataset: Dataset, indicators: Indicators) -> [BuiltFile] {
        let configuration = dataset.configuration
        let years = configuration.establishmentYears.map(String.init)
        let periods = configuration.periods.map(\.id)
        func value(_ id: IndicatorID, _ period: String) -> String {
            indicators.value(id, period).map { String($0.value) } ?? ""
        }
        func byYear(_ ids: [IndicatorID]) -> [[String]] {
            [["year"] + ids.map(\.rawValue)] + years.map { year in [year] + ids.map { value($0, year) } }
        }
        func byPeriod(_ ids: [IndicatorID]) -> [[String]] {
            var rows = [["period", "first_month", "last_month"] + ids.map(\.rawValue)]
            for period in configuration.periods {
                let row: [String] = [period.id, String(period.firstMonth), String(period.lastMonth)]
                rows.append(row + ids.map { value($0, period.id) })
            }
            return rows
        }
        func byMunicipality(_ id: IndicatorID) -> [[String]] {
            var rows = [["municipality", "period", id.rawValue]]
            for municipality in dataset.municipalities {
                for period in periods {
                    if case .sum(let contributions)? = indicators.value(id, period)?.detail, let amount = contributions[municipality.code] {
                        rows.append([municipality.code, period, String(amount)])
                    }
                }
            }
            return rows
        }
        var municipalWomen = [["municipality", "year", "women_representatives"]]
        var municipalMeetings = [["municipality", "period", "meetings", "meetings_security"]]
        for municipality in dataset.municipalities {
            for year in configuration.establishmentYears {
                if let record = dataset.council(of: municipality.code, in: year) {
                    municipalWomen.append([municipality.code, String(year), record.womenRepresentatives.map(String.init) ?? ""])
                }
            }
            for period in configuration.periods {
                if let record = dataset.council(of: municipality.code, in: period.year) {
                    municipalMeetings.append([
                        municipality.code, period.id, record.meetings.map(String.init) ?? "",
                        record.meetingsSecurity.map(String.init) ?? "",
                    ])
                }
            }
        }
        // The national sheet's charts, from the indicator catalogue: sums per municipality,
        // counts per year or per period.
        var tables: [(String, [[String]])] = IndicatorID.charts.map { chart, ids in
            guard let first = ids.first else { return (chart, []) }
            switch (first.measure, first.section) {
            case (.sum, _): return (chart, byMunicipality(first))
            case (_, .establishment): return (chart, byYear(ids))
            case (_, .performance): return (chart, byPeriod(ids))
            }
        }
        tables.append(("municipality_women", municipalWomen))
        tables.append(("municipality_meetings", municipalMeetings))
        return tables.map { id, rows in BuiltFile(path: SitePath.chartData(id), contents: csv(rows)) }
    }

    /// Rows as CSV: a field holding `,` `"` or a line end goes in double quotes with its quotes
    /// doubled (RFC 4180), lines end in LF, the last one too. Written byte by byte: the
    /// per-municipality tables have a row per municipality and period.
    public static func csv(_ rows: [[String]]) -> String {
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
        return String(decoding: bytes, as: UTF8.self)
    }
}
