/// Every piece of text the generator itself writes (not the templates), per language.
///
/// A struct rather than a lookup table: a language that lacks a string does not compile.
public struct PageStrings: Sendable {
    /// The language's own name, for the language links.
    public let languageName: String
    /// "Read in English" and the like, written in the target language.
    public let readIn: String
    public let chooseLanguageTitle: String
    public let illustrativeTitle: String
    public let illustrativeText: String
    public let officialStatus: String
    public let illustrativeStatus: String
    /// "Edition 2017 · data: illustrative · input a1b2c3d4e5f6 · factsheet 0.2.0"
    public let provenance: @Sendable (_ edition: String, _ status: String, _ inputHash: String, _ generator: String) -> String
    /// "Published 15 December 2017"
    public let published: @Sendable (_ date: String) -> String
    // Site
    public let allSheets: String
    public let allSheetsTitle: @Sendable (_ edition: String) -> String
    public let nationalSheet: String
    public let municipalSheets: String
    public let noMCSCInAnyYear: String
    // Charts
    public let strictRule: String
    public let thresholdRule: @Sendable (_ threshold: String) -> String
    public let year: String
    public let period: String
    public let municipality: String
    public let noMCSC: String
    /// Column header for counts of councils in data tables.
    public let councils: String
    public let meetings: String
    public let meetingsOnSecurity: String
    public let womenRepresentatives: String
    public let chartDataCaption: @Sendable (_ title: String) -> String
    /// "In 2017, 21 of 34 MCSCs"
    public let countOfCouncils: @Sendable (_ period: String, _ value: String, _ total: String) -> String
    /// "2017: 150 meetings"
    public let meetingsIn: @Sendable (_ period: String, _ value: String) -> String
    public let rowsSummary: @Sendable (_ count: String) -> String
    public let highest: @Sendable (_ period: String, _ name: String, _ value: String) -> String
    /// "2016: 7 meetings (3 on security); 2017: …"
    public let municipalMeetingsSummary: @Sendable (_ period: String, _ meetings: String, _ security: String) -> String
    public let municipalWomenSummary: @Sendable (_ year: String, _ value: String) -> String
    // Municipal sheet cells
    public let yes: String
    public let no: String
    public let noneMissing: String
    public let notAssessed: String
    public let dash: String
    public let communities: [Community: String]
    public let compensation: [Compensation: String]
    public let workPlan: [WorkPlan: String]

    public static func `for`(_ language: Language) -> PageStrings {
        switch language {
        case .sq: albanian
        case .en: english
        }
    }

    static let albanian = PageStrings(
        languageName: "Shqip",
        readIn: "Lexojeni në shqip",
        chooseLanguageTitle: "Zgjidhni gjuhën",
        illustrativeTitle: "Të dhëna ilustruese",
        illustrativeText:
            "Shifrat në këtë fletë janë të sajuara për të treguar si punon mjeti. Nuk janë të dhëna zyrtare dhe nuk duhen cituar.",
        officialStatus: "zyrtare",
        illustrativeStatus: "ilustruese",
        provenance: { edition, status, hash, generator in
            "Botimi \(edition) · të dhënat: \(status) · të dhënat hyrëse \(hash) · përgatitur me \(generator)"
        },
        published: { "Publikuar më \($0)" },
        allSheets: "Të gjitha fletët",
        allSheetsTitle: { "Fletët informative për KKSB-të \($0)" },
        nationalSheet: "Kosova – të gjitha komunat",
        municipalSheets: "Sipas komunës",
        noMCSCInAnyYear: "pa KKSB",
        strictRule: "Të gjitha komunitetet",
        thresholdRule: { "Komunitetet me më shumë se \($0) anëtarë" },
        year: "Viti",
        period: "Periudha",
        municipality: "Komuna",
        noMCSC: "pa KKSB",
        councils: "KKSB",
        meetings: "Takime",
        meetingsOnSecurity: "Takime për sigurinë",
        womenRepresentatives: "Gra përfaqësuese",
        chartDataCaption: { "Të dhënat e grafikut: \($0)" },
        countOfCouncils: { period, value, total in "\(period): \(value) nga \(total) KKSB" },
        meetingsIn: { period, value in "\(period): gjithsej \(value) takime" },
        rowsSummary: { "Një rresht për secilën nga \($0) komunat me KKSB." },
        highest: { period, name, value in "Më së shumti në \(period): \(name) (\(value))." },
        municipalMeetingsSummary: { period, meetings, security in "\(period): \(meetings) takime, \(security) për sigurinë" },
        municipalWomenSummary: { year, value in "\(year): \(value)" },
        yes: "po",
        no: "jo",
        noneMissing: "asnjë",
        notAssessed: "nuk u vlerësua",
        dash: "–",
        communities: [
            .albanian: "shqiptarët", .serb: "serbët", .turkish: "turqit", .bosniak: "boshnjakët", .roma: "romët",
            .ashkali: "ashkalitë", .egyptian: "egjiptasit", .gorani: "goranët", .montenegrin: "malazezët", .croat: "kroatët",
            .other: "të tjerët",
        ],
        compensation: [.regular: "e rregullt", .irregular: "e parregullt", .none: "asnjë"],
        workPlan: [.none: "nuk ka", .adopted: "i miratuar", .adoptedMinorities: "i miratuar, me aktivitete për komunitetet në pakicë"]
    )

    static let english = PageStrings(
        languageName: "English",
        readIn: "Read in English",
        chooseLanguageTitle: "Choose a language",
        illustrativeTitle: "Illustrative data",
        illustrativeText:
            "The figures on this sheet are made up to show how the tool works. They are not official data and must not be quoted.",
        officialStatus: "official",
        illustrativeStatus: "illustrative",
        provenance: { edition, status, hash, generator in
            "Edition \(edition) · data: \(status) · input \(hash) · made with \(generator)"
        },
        published: { "Published \($0)" },
        allSheets: "All fact sheets",
        allSheetsTitle: { "MCSC fact sheets \($0)" },
        nationalSheet: "Kosovo – all municipalities",
        municipalSheets: "By municipality",
        noMCSCInAnyYear: "no MCSC",
        strictRule: "All communities",
        thresholdRule: { "Communities with more than \($0) members" },
        year: "Year",
        period: "Period",
        municipality: "Municipality",
        noMCSC: "no MCSC",
        councils: "MCSCs",
        meetings: "Meetings",
        meetingsOnSecurity: "Meetings on security",
        womenRepresentatives: "Women representatives",
        chartDataCaption: { "Chart data: \($0)" },
        countOfCouncils: { period, value, total in "\(period): \(value) of \(total) MCSCs" },
        meetingsIn: { period, value in "\(period): \(value) meetings in all" },
        rowsSummary: { "One row for each of the \($0) municipalities with an MCSC." },
        highest: { period, name, value in "Most in \(period): \(name) (\(value))." },
        municipalMeetingsSummary: { period, meetings, security in "\(period): \(meetings) meetings, \(security) on security" },
        municipalWomenSummary: { year, value in "\(year): \(value)" },
        yes: "yes",
        no: "no",
        noneMissing: "none",
        notAssessed: "not assessed",
        dash: "–",
        communities: [
            .albanian: "Albanians", .serb: "Serbs", .turkish: "Turks", .bosniak: "Bosniaks", .roma: "Roma", .ashkali: "Ashkali",
            .egyptian: "Egyptians", .gorani: "Gorani", .montenegrin: "Montenegrins", .croat: "Croats", .other: "others",
        ],
        compensation: [.regular: "regular", .irregular: "irregular", .none: "none"],
        workPlan: [.none: "none", .adopted: "adopted", .adoptedMinorities: "adopted, with activities for minority communities"]
    )
}
