/// A column of a year's monitoring file (`monitoring/YEAR.csv`), in the order the files and
/// `new-edition` write them.
///
/// Adding a case fails to compile until the switches below, the loader's parsing into
/// ``MonitoringRecord``, `new-edition`'s blank rows and the generated editions of the benchmark
/// and the fuzzer handle it.
public enum MonitoringColumn: String, InputColumn {
    case municipality
    case mcsc
    case womenRepresentatives = "women_representatives"
    case compensation
    case communitiesRepresented = "communities_represented"
    case meetings
    case meetingsSecurity = "meetings_security"
    case workPlan = "work_plan"

    public var name: String { rawValue }

    public var isRequiredInHeader: Bool {
        switch self {
        case .municipality, .mcsc, .womenRepresentatives, .compensation, .communitiesRepresented, .meetings, .meetingsSecurity,
            .workPlan:
            true
        }
    }

    public var valueType: ColumnValueType {
        switch self {
        case .municipality: .municipality
        case .mcsc: .yesNo
        case .womenRepresentatives: .count(.fixed(DatasetLoader.maximumWomenRepresentatives, .councilMembers))
        case .compensation: .choice(Compensation.allCases.map(\.rawValue))
        case .communitiesRepresented: .communities
        case .meetings, .meetingsSecurity: .count(.meetingDays)
        case .workPlan: .choice(WorkPlan.allCases.map(\.rawValue))
        }
    }

    public var requirement: CellRequirement {
        switch self {
        case .municipality, .mcsc: .always
        case .womenRepresentatives, .compensation: .establishmentYears
        case .communitiesRepresented: .optional
        case .meetings, .meetingsSecurity, .workPlan: .performancePeriods
        }
    }

    /// Whether the cell must be empty in a row whose `mcsc` is `no` (a municipality without a
    /// council has no figures); a row with this and `mcsc` all empty is a row not filled in yet.
    public var isEmptyWithoutMCSC: Bool {
        switch self {
        case .municipality, .mcsc: false
        case .womenRepresentatives, .compensation, .communitiesRepresented, .meetings, .meetingsSecurity, .workPlan: true
        }
    }

    /// The columns whose cells must be empty when `mcsc` is `no`, in file order.
    static let figures = allCases.filter(\.isEmptyWithoutMCSC)
}
