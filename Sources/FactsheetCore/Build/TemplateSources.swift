/// The templates folder as read: one folder per language, each with its strings file and its
/// sheet templates.
public struct TemplateSources: Sendable {
    /// Folder name used in messages (`Templates`).
    var folder: String
    /// Each language folder's files, by folder name (`sq`); a folder's missing files are absent.
    var languages: [String: LanguageSources]

    public init(folder: String, languages: [String: LanguageSources]) {
        self.folder = folder
        self.languages = languages
    }
}

/// The files of one language folder.
public struct LanguageSources: Sendable {
    /// `strings.yaml`: the words the generator prints outside the templates.
    var strings: SourceFile?
    /// The sheet templates (`factsheet.md`, `municipality.md`) that exist.
    var sheets: [SheetKind: SourceFile]

    public init(strings: SourceFile?, sheets: [SheetKind: SourceFile]) {
        self.strings = strings
        self.sheets = sheets
    }

    /// The strings file's name in every language folder.
    public static let stringsFileName = "strings.yaml"
}
