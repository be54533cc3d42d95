import FactsheetFigures
import FactsheetInput
import FactsheetPresentation

/// The data workbook of one language (`LANG/data.xlsx`): every figure the fact sheets print, as
/// tables to reuse, laid out as the UK Government Statistical Service's "Releasing statistics
/// in spreadsheets" asks: a cover sheet, a contents sheet linking to every table, a notes sheet,
/// then one table per worksheet, each with its title in A1.
///
/// Read from ``Figures`` (the chart tables through ``ChartDataFiles/table(_:_:)``, so the
/// workbook and the chart CSV files cannot disagree); every word from the language's strings.
struct DataWorkbook {
    /// Every worksheet, by the code its name and title have in `strings.yaml`.
    typealias Sheet = WorkbookSheet

    /// A note of the notes sheet, which tables point to by number.
    private enum Note: Hashable {
        case threshold, notAssessed, minimum, empty
        /// The note of the period at this index of the configuration.
        case period(Int)
    }

    let layout: PageLayout
    let format: LanguageFormat
    let figures: Figures
    /// The register in the language's alphabetical order.
    let alphabetical: [Municipality]

    /// The workbook's bytes.
    func bytes() throws -> [UInt8] {
        try document.bytes()
    }

    /// The workbook before it is packed.
    var document: XLSXDocument {
        let strings = format.strings
        let configuration = figures.configuration
        let published = layout.provenance.published
        let date = published.flatMap { parts in
            parts.year.flatMap { year in parts.month.flatMap { month in parts.day.map { (year: year, month: month, day: $0) } } }
        }
        let notes = self.notes
        let tables = Sheet.all.compactMap { sheet in table(sheet).map { (sheet: sheet, header: $0.header, rows: $0.rows) } }
        var sheets = [cover, contents(listing: [.notes] + tables.map(\.sheet)), notesSheet(notes)]
        for table in tables {
            sheets.append(tableSheet(table.sheet, header: table.header, rows: table.rows, notes: notes))
        }
        return XLSXDocument(
            title: strings.format(.workbookTitle, ["edition": .text(configuration.edition)], in: format),
            creator: configuration.publisher[format.language.key], language: format.tag, date: date, sheets: sheets)
    }

    private func name(_ sheet: Sheet) -> String {
        format.strings.cell(.workbookSheets, sheet.code)
    }

    private func title(_ sheet: Sheet) -> String {
        format.strings.cell(.workbookTitles, sheet.code)
    }

    // MARK: - Cover, contents, notes

    private var cover: XLSXDocument.Worksheet {
        let strings = format.strings
        let configuration = figures.configuration
        var rows: [[XLSXDocument.Cell]] = [
            [.title(strings.format(.workbookTitle, ["edition": .text(configuration.edition)], in: format))],
            [.paragraph(strings[.workbookIntro])],
        ]
        if let official = configuration.officialLanguage, official != format.language,
            let sentence = strings.officialVersion[official.key]
        {
            rows.append([.paragraph(sentence)])
        }
        func item(_ heading: StringKey, _ text: String) {
            rows.append([.heading(strings[heading])])
            rows.append([.paragraph(text)])
        }
        item(.workbookStatus, layout.noticeText(strings) ?? format.capitalisedFirst(strings[.statusOfficial]))
        item(.workbookEdition, configuration.edition)
        if let publisher = configuration.publisher[format.language.key] { item(.workbookPublisher, publisher) }
        if let date = layout.provenance.published.flatMap(format.date) { item(.workbookPublished, date) }
        let status = configuration.dataStatus == .illustrative ? strings[.statusIllustrative] : strings[.statusOfficial]
        item(
            .workbookSource,
            strings.format(
                .provenance,
                [
                    "edition": .text(configuration.edition), "status": .text(status), "hash": .text(layout.provenance.inputHash),
                    "generator": .text(Provenance.generatorVersion),
                ], in: format))
        return XLSXDocument.Worksheet(name: name(.cover), rows: rows, table: nil, widths: [100])
    }

    /// The contents sheet: a link to each worksheet listed, with its title.
    private func contents(listing: [Sheet]) -> XLSXDocument.Worksheet {
        let strings = format.strings
        var rows: [[XLSXDocument.Cell]] = [
            [.title(title(.contents))], [.text(strings[.workbookOneTable])],
            [.text(strings[.workbookColumnWorksheet]), .text(strings[.workbookColumnTable])],
        ]
        for sheet in listing {
            rows.append([.link(name(sheet), sheet: name(sheet)), .paragraph(title(sheet))])
        }
        return XLSXDocument.Worksheet(
            name: name(.contents), rows: rows, table: (Sheet.contents.code, 2), widths: Self.widths(rows.dropFirst(2), maximum: [31, 90]))
    }

    /// The notes that apply to this edition, in the order they are numbered.
    private var notes: [(note: Note, text: String)] {
        let strings = format.strings
        let configuration = figures.configuration
        var notes: [(note: Note, text: String)] = [
            (.threshold, strings.format(.workbookNoteThreshold, ["threshold": .count(configuration.censusThreshold)], in: format)),
            (.notAssessed, strings[.workbookNoteNotAssessed]),
            (.minimum, strings.format(.workbookNoteMinimum, ["minimum": .count(configuration.minimumMeetingsPerYear)], in: format)),
        ]
        // As the charts print them under the periods they compare.
        for (index, period) in configuration.periods.enumerated() {
            if let note = period.note[format.language.key] {
                notes.append((.period(index), "\(format.capitalisedFirst(format.period(period))): \(note)"))
            }
        }
        notes.append((.empty, strings[.workbookNoteEmpty]))
        return notes
    }

    private func notesSheet(_ notes: [(note: Note, text: String)]) -> XLSXDocument.Worksheet {
        let strings = format.strings
        var rows: [[XLSXDocument.Cell]] = [
            [.title(title(.notes))], [.text(strings[.workbookOneTable])],
            [.text(strings[.workbookColumnNote]), .text(strings[.workbookColumnText])],
        ]
        for (index, note) in notes.enumerated() { rows.append([.number(index + 1), .paragraph(note.text)]) }
        return XLSXDocument.Worksheet(name: name(.notes), rows: rows, table: (Sheet.notes.code, 2), widths: [10, 100])
    }

    // MARK: - Tables

    /// A table's worksheet: title, the line that says it holds one table (and which notes apply),
    /// the notice on illustrative data, then the table.
    private func tableSheet(_ sheet: Sheet, header: [String], rows: [[XLSXDocument.Cell]], notes: [(note: Note, text: String)])
        -> XLSXDocument.Worksheet
    {
        let strings = format.strings
        let applying = notesApplying(to: sheet)
        let numbers = notes.enumerated().filter { applying.contains($0.element.note) }.map { format.number($0.offset + 1) }
        var lines: [[XLSXDocument.Cell]] = [[.title(title(sheet))]]
        lines.append([
            .text(
                numbers.isEmpty
                    ? strings[.workbookOneTable]
                    : strings.format(
                        .workbookOneTableNotes, ["notes": .text(format.list(numbers)), "count": .count(numbers.count)], in: format))
        ])
        if let notice = layout.noticeText(strings) { lines.append([.text(notice)]) }
        let headerRow = lines.count
        let table = [header.map(XLSXDocument.Cell.text)] + rows
        return XLSXDocument.Worksheet(
            name: name(sheet), rows: lines + table, table: (sheet.code, headerRow), widths: Self.widths(table[...], maximum: []))
    }

    private func notesApplying(to sheet: Sheet) -> Set<Note> {
        let periodNotes = Set(figures.configuration.periods.indices.map(Note.period))
        switch sheet {
        case .cover, .contents, .notes: return []
        case .chart(let chart):
            switch chart.content {
            case .perYearOrPeriod(let ids):
                var notes = ids.contains { $0.measure.isRepresentation } ? Set<Note>([.threshold, .notAssessed]) : []
                if ids.contains(where: { $0.section == .performance }) { notes.formUnion(periodNotes) }
                return notes
            case .perMunicipality, .municipalMeetings: return periodNotes
            case .municipalWomen: return []
            }
        case .indicators: return periodNotes.union([.threshold, .notAssessed, .minimum])
        case .municipalYears: return [.empty]
        case .municipalPeriods: return periodNotes.union([.minimum, .empty])
        }
    }

    /// A table's header and rows, or nil for a worksheet that holds no table of figures.
    private func table(_ sheet: Sheet) -> (header: [String], rows: [[XLSXDocument.Cell]])? {
        switch sheet {
        case .cover, .contents, .notes: nil
        case .chart(let chart): chartTable(chart)
        case .indicators: indicatorTable
        case .municipalYears: municipalYears
        case .municipalPeriods: municipalPeriods
        }
    }

    /// A chart's data: the rows of its chart CSV file with years, periods and municipalities in
    /// words, municipalities in alphabetical order.
    private func chartTable(_ chart: ChartID) -> (header: [String], rows: [[XLSXDocument.Cell]])? {
        let strings = format.strings
        let configuration = figures.configuration
        let data = ChartDataFiles.table(chart, figures).dropFirst()
        switch chart.content {
        case .perYearOrPeriod(let ids) where ids.first?.section == .performance:
            // period, first_month, last_month, then one column per indicator; a row per period, in order.
            let rows = zip(configuration.periods, data).map { period, row in
                [XLSXDocument.Cell.text(periodLabel(period))] + row.dropFirst(3).map(Self.number)
            }
            return ([strings[.columnPeriod]] + ids.map(seriesName), rows)
        case .perYearOrPeriod(let ids):
            // year, then one column per indicator.
            let rows = data.map { row in [XLSXDocument.Cell.text(row.first ?? "")] + row.dropFirst().map(Self.number) }
            return ([strings[.columnYear]] + ids.map(seriesName), rows)
        case .perMunicipality(let id):
            // municipality, period, amount: in register order, here in alphabetical order.
            let positions = Dictionary(alphabetical.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
            let labels = Dictionary(configuration.periods.map { ($0.id, periodLabel($0)) }, uniquingKeysWith: { first, _ in first })
            // Each row's place looked up once, not at every comparison of the sort.
            let ordered = data.enumerated().map { (place: positions[$1[0]] ?? Int.max, offset: $0, row: $1) }.sorted { a, b in
                a.place != b.place ? a.place < b.place : a.offset < b.offset
            }
            let rows = ordered.map { _, _, row -> [XLSXDocument.Cell] in
                [
                    .text(figures.municipality(row[0])?.name(in: format.language) ?? row[0]), .text(labels[row[1]] ?? row[1]),
                    Self.number(row[2]),
                ]
            }
            return ([strings[.columnMunicipality], strings[.columnPeriod], seriesName(id)], rows)
        // A municipality's own charts: their figures are in the municipal tables.
        case .municipalWomen, .municipalMeetings:
            return nil
        }
    }

    /// Every indicator value, in the order of `indicators.json`.
    private var indicatorTable: (header: [String], rows: [[XLSXDocument.Cell]]) {
        let strings = format.strings
        let configuration = figures.configuration
        let rows = figures.indicators.values.map { value -> [XLSXDocument.Cell] in
            let period = value.id.section == .performance ? configuration.periods.first { $0.id == value.period } : nil
            return [
                .text(value.id.rawValue), .text(strings.indicatorName(value.id, threshold: configuration.censusThreshold, in: format)),
                .text(period.map(periodLabel) ?? value.period), .number(value.value),
            ]
        }
        return (
            [
                strings[.workbookColumnCode], strings[.workbookColumnIndicator], strings[.workbookColumnYearOrPeriod],
                strings[.reviewValue],
            ], rows
        )
    }

    /// Each municipality's council in each establishment year: whether it had one, its women
    /// representatives, how its members were compensated.
    private var municipalYears: (header: [String], rows: [[XLSXDocument.Cell]]) {
        let strings = format.strings
        let years = figures.configuration.establishmentYears
        var rows: [[XLSXDocument.Cell]] = []
        for municipality in alphabetical {
            let own = figures.figures(of: municipality.code)
            for (index, year) in years.enumerated() {
                let council = own.flatMap { index < $0.years.count ? $0.years[index] : nil }
                rows.append([
                    .text(municipality.name(in: format.language)), .text(String(year)), .text(strings[council == nil ? .no : .yes]),
                    council?.womenRepresentatives.map(XLSXDocument.Cell.number) ?? .empty,
                    council?.compensation.map { XLSXDocument.Cell.text(strings.cell(.compensation, $0.rawValue)) } ?? .empty,
                ])
            }
        }
        return (
            [
                strings[.columnMunicipality], strings[.columnYear], strings[.workbookColumnMCSC], strings[.seriesWomenRepresentatives],
                strings[.workbookColumnCompensation],
            ], rows
        )
    }

    /// Each municipality's council in each period: meetings, the legal minimum and whether it
    /// was held, meetings on security, the work plan.
    private var municipalPeriods: (header: [String], rows: [[XLSXDocument.Cell]]) {
        let strings = format.strings
        let configuration = figures.configuration
        var rows: [[XLSXDocument.Cell]] = []
        // Each period's label made once, not once per municipality.
        let labels = configuration.periods.map(periodLabel)
        for municipality in alphabetical {
            let own = figures.figures(of: municipality.code)
            for (index, period) in configuration.periods.enumerated() {
                let council = own.flatMap { index < $0.periods.count ? $0.periods[index] : nil }
                let minimum = period.legalMinimum(perYear: configuration.minimumMeetingsPerYear)
                rows.append([
                    .text(municipality.name(in: format.language)), .text(labels[index]), .text(strings[council == nil ? .no : .yes]),
                    council?.meetings.map(XLSXDocument.Cell.number) ?? .empty, council == nil ? .empty : .number(minimum),
                    council.map { XLSXDocument.Cell.text(strings[$0.meetsMinimum ? .yes : .no]) } ?? .empty,
                    council?.meetingsSecurity.map(XLSXDocument.Cell.number) ?? .empty,
                    council?.workPlan.map { XLSXDocument.Cell.text(strings.cell(.workPlan, $0.rawValue)) } ?? .empty,
                ])
            }
        }
        return (
            [
                strings[.columnMunicipality], strings[.columnPeriod], strings[.workbookColumnMCSC], strings[.seriesMeetings],
                strings[.workbookColumnMinimum], strings[.workbookColumnMeetsMinimum], strings[.seriesMeetingsOnSecurity],
                strings[.workbookColumnWorkPlan],
            ], rows
        )
    }

    // MARK: - Words and widths

    /// A period as the sheets name it in a table (`January–September 2017`).
    private func periodLabel(_ period: Period) -> String {
        format.capitalisedFirst(format.period(period))
    }

    /// The column header for an indicator, as the chart's legend names its series: the rule
    /// applied, or what is counted.
    private func seriesName(_ id: IndicatorID) -> String {
        SheetViewModel.seriesName(id, threshold: figures.configuration.censusThreshold, format: format)
    }

    /// A chart CSV field as a cell: a whole number, or empty.
    private static func number(_ field: String) -> XLSXDocument.Cell {
        if field.isEmpty { return .empty }
        return Int(field).map(XLSXDocument.Cell.number) ?? .text(field)
    }

    /// Column widths in characters for a table's rows: the longest text of each column (a number
    /// as its digits with separators), between 8 and 50 characters unless `maximum` says
    /// otherwise for the column; longer headers wrap.
    private static func widths(_ rows: ArraySlice<[XLSXDocument.Cell]>, maximum: [Double]) -> [Double] {
        let count = rows.map(\.count).max() ?? 0
        return (0..<count).map { column in
            let longest =
                rows.map { row -> Int in
                    guard column < row.count else { return 0 }
                    switch row[column] {
                    case .empty: return 0
                    case .number(let value):
                        let digits = Self.characters(value)
                        return digits + digits / 3
                    case .text(let text), .paragraph(let text), .title(let text), .heading(let text), .link(let text, _):
                        return Self.characters(text)
                    }
                }.max() ?? 0
            let limit = column < maximum.count ? maximum[column] : 50
            return min(limit, max(8, Double(longest) + 2))
        }
    }

    /// `String(value).count`, without making the string.
    private static func characters(_ value: Int) -> Int {
        var count = value < 0 ? 2 : 1
        var rest = value.magnitude
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// `text.count`; counted as bytes when every byte is ASCII and none a carriage return
    /// (CR LF is one character), without walking grapheme clusters.
    private static func characters(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? text.utf8.count : text.count
    }
}
