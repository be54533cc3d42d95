/// One of the edition's input tables, each declared by an enum of its columns.
public enum InputTable: String, Sendable, CaseIterable {
    /// `municipalities.csv`, the register (``MunicipalityColumn``).
    case municipalities
    /// `census.csv`, population by community (``CensusColumn``).
    case census
    /// `monitoring/YEAR.csv`, one file per year (``MonitoringColumn``).
    case monitoring

    /// The file as the docs name it.
    public var fileName: String {
        switch self {
        case .municipalities: "municipalities.csv"
        case .census: "census.csv"
        case .monitoring: "monitoring/YEAR.csv"
        }
    }

    /// Its columns' names in file order (a family's as its prefix, `name_`).
    public var columnNames: [String] {
        switch self {
        case .municipalities: MunicipalityColumn.allCases.map(\.name)
        case .census: CensusColumn.allCases.map(\.name)
        case .monitoring: MonitoringColumn.allCases.map(\.name)
        }
    }
}
