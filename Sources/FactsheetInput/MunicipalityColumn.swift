/// A column of the register (`municipalities.csv`), in the order the shipped file has them.
public enum MunicipalityColumn: String, InputColumn {
    case code
    /// The family `name_<key>`: one column per language key (`name_sq`, `name_en` …).
    case names = "name_"
    case region

    public var name: String { rawValue }

    public var isFamily: Bool {
        switch self {
        case .code, .region: false
        case .names: true
        }
    }

    public var isRequiredInHeader: Bool {
        switch self {
        case .code: true
        // Required per language of the edition, each with a message of its own.
        case .names, .region: false
        }
    }

    public var valueType: ColumnValueType {
        switch self {
        case .code: .code
        case .names, .region: .text
        }
    }

    public var requirement: CellRequirement {
        switch self {
        case .code: .always
        case .names: .editionLanguages
        case .region: .optional
        }
    }

    /// The header of the family's column for `key` (`name_sq`).
    public static func name(_ key: String) -> String { names.name + key }
}
