/// A column of the census (`census.csv`): population by municipality and community.
public enum CensusColumn: String, InputColumn {
    case municipality
    case community
    case population

    public var name: String { rawValue }

    public var isRequiredInHeader: Bool {
        switch self {
        case .municipality, .community, .population: true
        }
    }

    public var valueType: ColumnValueType {
        switch self {
        case .municipality: .municipality
        case .community: .community
        case .population: .count(.fixed(DatasetLoader.maximumPopulation, .population))
        }
    }

    public var requirement: CellRequirement {
        switch self {
        case .municipality, .community, .population: .always
        }
    }

}
