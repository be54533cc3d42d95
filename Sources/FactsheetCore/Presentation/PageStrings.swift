/// Every piece of text the generator itself writes (not the templates), per language.
///
/// A struct rather than a lookup table: a language that lacks a string does not compile.
public struct PageStrings: Sendable {
    /// The language's own name, for the language links.
    public let languageName: String
    /// "Read this sheet in English" and the like, in this language.
    public let readIn: String
    public let chooseLanguageTitle: String
    public let illustrativeTitle: String
    public let illustrativeText: String
    public let officialStatus: String
    public let illustrativeStatus: String
    /// "Edition %@ · data: %@ · made with factsheet"
    public let provenance: @Sendable (_ edition: String, _ status: String) -> String
    // Charts
    public let strictRule: String
    public let thresholdRule: @Sendable (_ threshold: String) -> String
    public let year: String
    public let period: String
    public let municipality: String
    public let noMCSC: String
    /// Column header for counts of councils in data tables.
    public let councils: String
    public let chartDataCaption: @Sendable (_ title: String) -> String
    /// "In 2017, 21 of 34 MCSCs"
    public let countOfCouncils: @Sendable (_ period: String, _ value: String, _ total: String) -> String
    /// "2017: 150 meetings"
    public let meetingsIn: @Sendable (_ period: String, _ value: String) -> String
    public let chartSummaryIntro: @Sendable (_ title: String) -> String
    public let rowsSummary: @Sendable (_ count: String) -> String
    public let highest: @Sendable (_ period: String, _ name: String, _ value: String) -> String
    public let chartNumbersNote: String

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
        provenance: { edition, status in "Botimi \(edition) · të dhënat: \(status) · përgatitur me factsheet" },
        strictRule: "Të gjitha komunitetet",
        thresholdRule: { "Komunitetet me më shumë se \($0) anëtarë" },
        year: "Viti",
        period: "Periudha",
        municipality: "Komuna",
        noMCSC: "pa KKSB",
        councils: "KKSB",
        chartDataCaption: { "Të dhënat e grafikut: \($0)" },
        countOfCouncils: { period, value, total in "\(period): \(value) nga \(total) KKSB" },
        meetingsIn: { period, value in "\(period): gjithsej \(value) takime" },
        chartSummaryIntro: { "\($0)." },
        rowsSummary: { "Një rresht për secilën nga \($0) komunat me KKSB." },
        highest: { period, name, value in "Më së shumti në \(period): \(name) (\(value))." },
        chartNumbersNote: "Numrat e grafikut, në tabelë"
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
        provenance: { edition, status in "Edition \(edition) · data: \(status) · made with factsheet" },
        strictRule: "All communities",
        thresholdRule: { "Communities with more than \($0) members" },
        year: "Year",
        period: "Period",
        municipality: "Municipality",
        noMCSC: "no MCSC",
        councils: "MCSCs",
        chartDataCaption: { "Chart data: \($0)" },
        countOfCouncils: { period, value, total in "\(period): \(value) of \(total) MCSCs" },
        meetingsIn: { period, value in "\(period): \(value) meetings in all" },
        chartSummaryIntro: { "\($0)." },
        rowsSummary: { "One row for each of the \($0) municipalities with an MCSC." },
        highest: { period, name, value in "Most in \(period): \(name) (\(value))." },
        chartNumbersNote: "The chart's numbers, as a table"
    )
}
