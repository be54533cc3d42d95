import FactsheetFigures
import FactsheetInput

/// The Table Schema (https://specs.frictionlessdata.io/table-schema/) of each chart's data file,
/// made from the chart catalogue: ``ChartID/content`` decides the columns, the indicator
/// catalogue their meaning and unit. The switch names every kind of chart (no `default:`), so a
/// new kind does not compile until its schema is declared; `ChartDataSchemaTests` checks that
/// every chart's CSV header is its schema's field names.
struct ChartDataSchema {
    /// One column of a chart's data file.
    struct Field: Sendable, Hashable {
        enum Kind: String, Sendable, Hashable {
            case integer, string
        }

        var name: String
        var kind: Kind
        var description: String
        /// Every row has a value (an empty cell is an error).
        var required: Bool
        var minimum: Int?
        var maximum: Int?
        /// A regular expression every value matches whole.
        var pattern: String?
    }

    let chart: ChartID
    /// The columns in file order.
    let fields: [Field]
    /// The columns that tell the rows apart.
    let primaryKey: [String]

    init(_ chart: ChartID, _ text: DataPackageText) {
        self.chart = chart
        let words = text.words
        let municipality = Field(
            name: "municipality", kind: .string, description: words.text(.columnMunicipality), required: true, pattern: "[a-z0-9-]+")
        let year = Field(name: "year", kind: .integer, description: words.text(.columnYear), required: true, minimum: 1900, maximum: 2999)
        let period = Field(
            name: "period", kind: .integer, description: words.text(.columnPeriod), required: true, minimum: 1900, maximum: 2999)
        func indicator(_ id: IndicatorID, description: String) -> Field {
            Field(name: id.rawValue, kind: .integer, description: description, required: true, minimum: 0)
        }
        switch chart.content {
        case .perYearOrPeriod(let ids) where ids.first?.section == .performance:
            let months = [
                Field(
                    name: "first_month", kind: .integer, description: words.text(.columnFirstMonth), required: true, minimum: 1, maximum: 12
                ),
                Field(
                    name: "last_month", kind: .integer, description: words.text(.columnLastMonth), required: true, minimum: 1, maximum: 12),
            ]
            fields = [period] + months + ids.map { indicator($0, description: text.indicator($0)) }
            primaryKey = [period.name]
        case .perYearOrPeriod(let ids):
            fields = [year] + ids.map { indicator($0, description: text.indicator($0)) }
            primaryKey = [year.name]
        case .perMunicipality(let id):
            fields = [municipality, period, indicator(id, description: text.municipalPart(id))]
            primaryKey = [municipality.name, period.name]
        case .municipalWomen:
            fields = [municipality, year] + chart.monitoringColumns.map { Self.monitoringField($0, text) }
            primaryKey = [municipality.name, year.name]
        case .municipalMeetings:
            fields = [municipality, period] + chart.monitoringColumns.map { Self.monitoringField($0, text) }
            primaryKey = [municipality.name, period.name]
        }
    }

    /// A municipality's own figure, copied from its monitoring file's column of the same name:
    /// described and bounded as that column is, and empty where the file left it empty.
    private static func monitoringField(_ column: MonitoringColumn, _ text: DataPackageText) -> Field {
        var field = Field(name: column.name, kind: .string, description: text.monitoringColumn(column), required: false)
        switch column.valueType {
        case .count(let largest):
            field.kind = .integer
            field.minimum = 0
            field.maximum = largest.largest
        case .code, .municipality, .text, .community, .communities, .yesNo, .choice: break
        }
        return field
    }

    /// The schema as a Table Schema descriptor: fields in file order, an empty cell is a missing
    /// value, the primary key.
    var json: JSONValue {
        .object([
            ("fields", .array(fields.map(\.json))),
            ("missingValues", .array([.string("")])),
            ("primaryKey", .array(primaryKey.map(JSONValue.string))),
        ])
    }
}

extension ChartDataSchema.Field {
    var json: JSONValue {
        var constraints: [(String, JSONValue)] = []
        if required { constraints.append(("required", .bool(true))) }
        if let minimum { constraints.append(("minimum", .int(minimum))) }
        if let maximum { constraints.append(("maximum", .int(maximum))) }
        if let pattern { constraints.append(("pattern", .string(pattern))) }
        var entries: [(String, JSONValue)] = [
            ("name", .string(name)), ("type", .string(kind.rawValue)), ("description", .string(description)),
        ]
        if !constraints.isEmpty { entries.append(("constraints", .object(constraints))) }
        return .object(entries)
    }
}
