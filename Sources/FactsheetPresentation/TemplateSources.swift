import FactsheetInput

/// The templates folder as read: one folder per language, each with its strings file and its
/// sheet templates, and the data package's words beside them.
public struct TemplateSources: Sendable {
    /// Folder name used in messages (`Templates`).
    package var folder: String
    /// Each language folder's files, by folder name (`sq`); a folder's missing files are absent.
    package var languages: [String: LanguageSources]
    /// `datapackage.yaml`: the words of the data package (``DataPackageWords``), nil when absent.
    package var dataPackage: SourceFile?

    public init(folder: String, languages: [String: LanguageSources], dataPackage: SourceFile? = nil) {
        self.folder = folder
        self.languages = languages
        self.dataPackage = dataPackage
    }
}

/// The files of one language folder.
public struct LanguageSources: Sendable {
    /// `strings.yaml`: the words the generator prints outside the templates.
    package var strings: SourceFile?
    /// The sheet templates (`factsheet.md`, `municipality.md`) that exist.
    package var sheets: [SheetKind: SourceFile]

    public init(strings: SourceFile?, sheets: [SheetKind: SourceFile]) {
        self.strings = strings
        self.sheets = sheets
    }

    /// The strings file's name in every language folder.
    public static let stringsFileName = "strings.yaml"
}
