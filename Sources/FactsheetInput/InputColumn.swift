/// A column of one of the edition's input tables, as the data contract declares it.
///
/// Each table has an enum of its columns (``MonitoringColumn``, ``MunicipalityColumn``,
/// ``CensusColumn``) whose properties are exhaustive switches: a new case does not compile until
/// it has a type and a requirement, and until every place that switches over the table's
/// columns (the loader, `new-edition`, the generated editions) handles it. The docs' tables
/// (``InputDocumentation``) and the published Table Schemas (``TableSchema``) follow, with what
/// each column holds in words from `Templates/datapackage.yaml` (`input_columns:`; a column it
/// does not describe is a located build error).
public protocol InputColumn: CaseIterable, Hashable, Sendable where AllCases == [Self] {
    /// The header as written, in lower case (`women_representatives`); for a family of
    /// columns, the part before the key (`name_`).
    var name: String { get }
    /// Whether the case stands for a family of columns `<name><key>`, one per key (the
    /// register's `name_sq`, `name_en` …); false for every other column.
    var isFamily: Bool { get }
    /// Whether every file must have the column in its header (a family's members are
    /// required by the edition's languages instead).
    var isRequiredInHeader: Bool { get }
    /// What its cells hold.
    var valueType: ColumnValueType { get }
    /// When its cells must be filled in.
    var requirement: CellRequirement { get }
}

extension InputColumn {
    public var isFamily: Bool { false }
}

/// What the cells of a column hold.
public enum ColumnValueType: Sendable, Hashable {
    /// The register's own id for a municipality: lower-case ASCII letters, digits and `-`.
    case code
    /// A code from the register's `code` column.
    case municipality
    /// Free text, such as a name as printed.
    case text
    /// One community code (``Community``), in any case.
    case community
    /// Community codes separated by `;` (or `,`), possibly none.
    case communities
    /// `yes` or `no`, in any case.
    case yesNo
    /// One of a fixed list of words (an enum's raw values), in any case.
    case choice([String])
    /// A whole number from 0 to a maximum.
    case count(CountMaximum)
}

/// The largest whole number a count column accepts.
public enum CountMaximum: Sendable, Hashable {
    /// A fixed bound, and why no larger figure can be right.
    case fixed(Int, CountLimit)
    /// One a day over the months the year's file covers: the days of the performance period, or
    /// of the whole year in a year that is not one.
    case meetingDays

    /// The bound over every file: a fixed bound, or the days of a leap year.
    public var largest: Int {
        switch self {
        case .fixed(let limit, _): limit
        case .meetingDays: Period.days(year: 2000)
        }
    }
}

/// When a column's cells must be filled in (an empty cell is otherwise read as "no figure").
public enum CellRequirement: Sendable, Hashable {
    /// In every row.
    case always
    /// In the monitoring files of the establishment years (`establishment.years`), in rows whose `mcsc` is `yes`.
    case establishmentYears
    /// In the monitoring files of the performance periods (`performance.periods`), in rows whose `mcsc` is `yes`.
    case performancePeriods
    /// For each language of the edition's `languages:` (the register's `name_<key>` columns).
    case editionLanguages
    /// Never: an empty cell is a value ("none", "no region").
    case optional

    /// Whether a monitoring file's cell must be filled in, in a row whose `mcsc` is `yes`.
    func isRequired(establishmentYear: Bool, performancePeriod: Bool) -> Bool {
        switch self {
        case .always, .editionLanguages: true
        case .establishmentYears: establishmentYear
        case .performancePeriods: performancePeriod
        case .optional: false
        }
    }
}
