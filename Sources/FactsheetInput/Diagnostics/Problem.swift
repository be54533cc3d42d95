/// What is wrong, as a value; ``message`` holds all the wording in one place.
public enum Problem: Sendable, Hashable {
    // Files
    case missingFile(expected: String)
    /// The reader did not read the file: too large, not a regular file, or not readable.
    case fileRefused(SourceRefusal)
    /// More diagnostics of one severity in a file than ``DiagnosticLog/perFile``: how many more.
    case moreProblems(count: Int)
    case tooManyColumns(count: Int, limit: Int)
    case tooManyRows(count: Int, limit: Int)
    case cellTooLong(characters: Int, limit: Int)
    /// A YAML file or a template nested deeper than its limit.
    case nestedTooDeep(limit: Int, what: String)
    case notUTF8(line: Int, spreadsheet: Bool)
    case emptyFile
    case noDataRows
    // CSV structure
    case missingColumn(String, found: [String])
    case unknownColumn(String)
    case duplicateColumn(String)
    case extraFields(count: Int, header: Int)
    case unreadableCSV
    // Values
    case missingValue(expected: String)
    case invalidValue(expected: String, found: String)
    case unknownMunicipality(found: String, suggestion: String?)
    case unknownCommunity(found: String, suggestion: String?)
    case duplicateRow(key: String, firstRow: Int)
    case securityAboveMeetings(security: Int, meetings: Int)
    case countAboveLimit(found: String, limit: Int, reason: CountLimit)
    case figuresWithoutMCSC(found: String)
    case municipalityNotMonitored(code: String)
    // Edition configuration
    case yamlSyntax(String)
    case missingKey(String)
    case unknownKey(String)
    case invalidSetting(key: String, expected: String, found: String)
    /// A per-language value of `factsheet.yaml` (`publisher`, a period's `note`) without an
    /// entry for one of the edition's languages: `what` names the value (`name`, `text`).
    case languageValueMissing(setting: String, what: String, language: String)
    case monitoringFileMissing(year: Int)
    case monitoringFileNotConfigured(year: Int)
    case monitoringFileName(found: String)
    case periodsOverlap(String, String)
    case duplicatePeriodYear(Int)
    case chartTheme(ChartTheme.Failure)
    case logoFileMissing(name: String, suggestion: String?)
    case logo(LogoDefect)
    case writeFailed(String)
    // Templates
    case templateMissing(language: String, otherLanguage: String)
    case templateSyntax(String)
    /// `{{> name}}` or `{{< name}}`: sheets are one file each; nothing is included from elsewhere.
    case templatePartial(String)
    case languageFolderMissing(language: String)
    case stringMissing(key: String, meaning: String)
    /// `official_version` has no sentence for the language `factsheet.yaml` names official.
    case officialVersionMissing(language: String)
    case stringInvalid(key: String, expected: String, found: String)
    case stringUnknownPlaceholder(key: String, placeholder: String, known: [String])
    case pluralFormMissing(key: String, category: String, tag: String)
    case templatePluralFormMissing(name: String, category: String, tag: String)
    case templateUnknownForm(name: String, form: String)
    case nameColumnMissing(language: String)
    case templateUnknownValue(String)
    case templateUnknownChart(String, known: [String])
    case parityMissing(what: String, others: [String])
    case chartNotPlaced(chart: String)
    /// A text of a copied strings file still as in `source`: the file it was copied from
    /// (`copiedFrom`), or another language's for a key that file lacks.
    case stillAsCopied(key: String, source: String, copiedFrom: Bool)
    /// A sheet template still byte for byte the one of the language it was copied from.
    case templateStillAsCopied(source: String)
    // Workbooks (.xlsx) and new editions
    case unreadableWorkbook(WorkbookDefect)
    case formulaError(String)
    case formulaWithoutValue
    case otherWorksheetsIgnored(read: String, ignored: [String])
    case csvAndWorkbook(kept: String, other: String)
    case rowNotFilledIn(expected: String)
    case nextEditionYear(found: Int, last: Int)

    /// The sentence shown to the user after the location.
    public var message: String {
        switch self {
        case .missingFile(let expected):
            return "file not found; expected \(expected)"
        case .fileRefused(let refusal):
            return refusal.message
        case .moreProblems(let count):
            return
                "and \(Self.grouped(count)) more in this file, not listed (only the first \(DiagnosticLog.perFile) of each kind are); correct those and run again"
        case .tooManyColumns(let count, let limit):
            return "the header has \(Self.grouped(count)) columns; expected at most \(limit) (the columns of the data contract)"
        case .tooManyRows(let count, let limit):
            return
                "the register lists \(Self.grouped(count)) municipalities; expected at most \(Self.grouped(limit)), each of which becomes a sheet in every language"
        case .cellTooLong(let characters, let limit):
            return
                "the cell holds \(Self.grouped(characters)) characters; expected at most \(Self.grouped(limit)) (a name, a code or a number)"
        case .nestedTooDeep(let limit, let what):
            return "\(what) are nested more than \(limit) levels deep here; expected a few levels"
        case .notUTF8(let line, let spreadsheet):
            let fix = spreadsheet ? "in Excel use File › Save As › \"CSV UTF-8 (Comma delimited)\"" : "save it as UTF-8 in your text editor"
            return "is not UTF-8 text (first bad byte on line \(line)); \(fix)"
        case .emptyFile:
            return "the file is empty; expected a header row and one row per record"
        case .noDataRows:
            return "the file has a header but no rows; expected one row per record"
        case .missingColumn(let name, let found):
            let list = found.map { "'\($0)'" }.joined(separator: ", ")
            return "missing column '\(name)'; the header has \(list.isEmpty ? "no columns" : list)"
        case .unknownColumn(let name):
            return "column '\(name)' is not part of the data contract; it is ignored"
        case .duplicateColumn(let name):
            return "column '\(name)' appears more than once in the header"
        case .extraFields(let count, let header):
            return "expected at most \(header) values as in the header, found \(count)"
        case .unreadableCSV:
            return "could not be read as CSV; expected comma- or semicolon-separated values with a header row"
        case .missingValue(let expected):
            return "expected \(expected), found an empty cell"
        case .invalidValue(let expected, let found):
            return "expected \(expected), found '\(found)'"
        case .unknownMunicipality(let found, let suggestion):
            return "expected a municipality code from municipalities.csv, found '\(found)'" + Self.didYouMean(suggestion)
        case .unknownCommunity(let found, let suggestion):
            return "expected a community code (\(Community.allCases.map(\.rawValue).joined(separator: ", "))), found '\(found)'"
                + Self.didYouMean(suggestion)
        case .duplicateRow(let key, let firstRow):
            return "'\(key)' already has a row (row \(firstRow)); expected one row each"
        case .securityAboveMeetings(let security, let meetings):
            return "expected at most the value of 'meetings' (\(meetings)), found \(security)"
        case .countAboveLimit(let found, let limit, let reason):
            return "expected a whole number from 0 to \(limit) (\(reason.explanation)), found '\(found)'"
        case .figuresWithoutMCSC(let found):
            return "expected an empty cell because 'mcsc' is 'no', found '\(found)'"
        case .municipalityNotMonitored(let code):
            return "no row for '\(code)'; it is left out of this year's figures"
        case .yamlSyntax(let problem):
            return "YAML syntax error: \(problem)"
        case .missingKey(let key):
            return "missing setting '\(key)'"
        case .unknownKey(let key):
            return "setting '\(key)' is not known; it is ignored"
        case .invalidSetting(let key, let expected, let found):
            return "'\(key)': expected \(expected), found '\(found)'"
        case .languageValueMissing(let setting, let what, let language):
            return "\(setting): no \(what) for '\(language)', one of the edition's languages; add `\(language): …` under \(setting)"
        case .monitoringFileMissing(let year):
            return
                "the configuration names \(year), but there is no monitoring file for it; expected monitoring/\(year).csv or monitoring/\(year).xlsx"
        case .monitoringFileNotConfigured(let year):
            return "monitoring file for \(year), a year the configuration does not name; it is ignored"
        case .monitoringFileName(let found):
            return "expected a monitoring file named YEAR.csv or YEAR.xlsx (for example 2017.csv), found '\(found)'; it is ignored"
        case .periodsOverlap(let a, let b):
            return "performance periods \(a) and \(b) overlap; expected separate periods"
        case .duplicatePeriodYear(let year):
            return "two performance periods in \(year); expected at most one period per year"
        case .chartTheme(.lowContrast(let colour, let ratio, let required)):
            return
                "colour \(colour) has contrast \(Self.ratio(ratio)):1 against the white page; expected at least \(Self.ratio(required)):1 (WCAG 2.2)"
        case .chartTheme(.indistinct(let a, let b, let deficiency, let difference)):
            let who = deficiency.map { "for readers with \($0.rawValue)" } ?? "to any reader"
            return
                "colours \(a) and \(b) look alike \(who) (difference \(Self.ratio(difference)), expected at least \(Self.ratio(ChartTheme.minimumDistinctness))); choose colours further apart"
        case .logoFileMissing(let name, let suggestion):
            return "'logo': no file '\(name)' beside factsheet.yaml; expected the logo as an SVG file in the same folder"
                + Self.didYouMean(suggestion)
        case .logo(let defect):
            return defect.message
        case .writeFailed(let reason):
            return "could not be written: \(reason)"
        case .templateMissing(let language, let other):
            return "no '\(language)' template, but '\(other)' has one; expected the fact sheet in every language"
        case .templateSyntax(let problem):
            return "template syntax error: \(problem)"
        case .templatePartial(let tag):
            return
                "'\(tag)' includes another template, which sheet templates cannot do (each language's sheet is one file); write the text into this template instead"
        case .parityMissing(let what, let others):
            return
                "\(what) has no counterpart in \(others.joined(separator: ", ")); expected every language to say the same thing (add it there, or take it out here)"
        case .chartNotPlaced(let chart):
            return
                "no template places the chart '\(chart)'; its data files are written but no page shows it (add ```chart \(chart)``` under a heading in every language, or take the chart out of the catalogue, ChartID)"
        case .stillAsCopied(let key, let source, let copiedFrom):
            let whence = copiedFrom ? "which this file was copied from" : "from which new-language copied it"
            return
                "'\(key)' still reads as in \(source), \(whence); translate it (a text that rightly reads the same: delete the copied_from line once the rest is done)"
        case .templateStillAsCopied(let source):
            return "still the same as \(source), which this language was copied from; translate it"
        case .languageFolderMissing(let language):
            return
                "factsheet.yaml lists the language '\(language)', but this folder does not exist; expected factsheet.md, municipality.md and strings.yaml in it (copy another language's folder and translate it)"
        case .stringMissing(let key, let meaning):
            return "no '\(key)' (\(meaning)); expected every phrase the pages print, as in the other languages' strings.yaml"
        case .officialVersionMissing(let language):
            return
                "official_version: no sentence for '\(language)', which factsheet.yaml names the official language; add `\(language): …` under official_version, saying that the version in that language is the official one and this one a translation"
        case .stringInvalid(let key, let expected, let found):
            return "'\(key)': expected \(expected), found \(found)"
        case .stringUnknownPlaceholder(let key, let placeholder, let known):
            return "'\(key)' uses {\(placeholder)}, which it cannot print; expected "
                + (known.isEmpty ? "no placeholders" : known.map { "{\($0)}" }.joined(separator: ", "))
        case .pluralFormMissing(let key, let category, let tag):
            return "'\(key)' has no '\(category)' form; counts in '\(tag)' need one (CLDR plural rules)"
        case .templatePluralFormMissing(let name, let category, let tag):
            return
                "'{{\(name).…}}' gives forms for some counts but not '\(category)', which '\(tag)' needs (CLDR plural rules); add {{#\(name).\(category)}}…{{/\(name).\(category)}} or an {{^…}} section"
        case .templateUnknownForm(let name, let form):
            return
                "'{{\(name).\(form)}}': expected a plural category (zero, one, two, few, many, other), 'none', 'single', 'count' or 'words' after the dot"
        case .nameColumnMissing(let language):
            return
                "missing column 'name_\(language)': factsheet.yaml lists the language '\(language)', so every municipality needs its name in it"
        case .templateUnknownValue(let name):
            return "the template uses '{{\(name)}}', which is not a value the fact sheet provides"
        case .templateUnknownChart(let id, let known):
            return "expected a chart id (\(known.joined(separator: ", "))), found '\(id)'"
        case .unreadableWorkbook(let defect):
            return "could not be read as an Excel workbook: \(defect.message)"
        case .formulaError(let code):
            return "the cell's formula gives the error \(code); expected a value (correct the formula in Excel and save the workbook)"
        case .formulaWithoutValue:
            return
                "the cell holds a formula without a saved result; expected a value (open the workbook in Excel and save it, or type the value)"
        case .otherWorksheetsIgnored(let read, let ignored):
            let list = ignored.map { "'\($0)'" }.joined(separator: ", ")
            return
                "only the first worksheet, '\(read)', is read; the other worksheet\(ignored.count == 1 ? "" : "s") (\(list)) \(ignored.count == 1 ? "is" : "are") ignored"
        case .csvAndWorkbook(let kept, let other):
            return "both \(kept) and \(other) are present; expected only one of them (remove or rename the other)"
        case .rowNotFilledIn(let expected):
            return "the cell is empty and must be filled in: expected \(expected) (with 'yes', fill in the row's other cells too)"
        case .nextEditionYear(let found, let last):
            return "the next edition must cover a year after \(last), the last year this edition names; found \(found)"
        }
    }

    /// A ratio with two decimals and a "." separator, for messages.
    private static func ratio(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A count with a comma between thousands ("1,999,982"), for messages.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// Whether this counts diagnostics not listed, rather than being one.
    var isSummary: Bool {
        if case .moreProblems = self { return true }
        return false
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}

extension SourceRefusal {
    /// Why the file was not read, after its path.
    var message: String {
        switch self {
        case .tooLarge(let bytes, let limit):
            return
                "the file is \(Self.size(bytes)), larger than the \(Self.size(limit)) a file of this kind may be (the README's limits); is it the right file?"
        case .notAFile(let what):
            return "this is \(what), not a file; expected an ordinary file here"
        case .linkLoop:
            return "this is a symbolic link that leads back to itself; expected an ordinary file here"
        case .brokenLink:
            return "this is a symbolic link to nothing; expected an ordinary file here"
        case .unreadable(let reason):
            return "the file could not be read: \(reason)"
        }
    }

    /// `16 MiB`, `200.3 MiB`, `512 KiB`, `900 bytes`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 {
            let tenths = (bytes * 10 + (1 << 19)) >> 20
            return tenths % 10 == 0 ? "\(tenths / 10) MiB" : "\(tenths / 10).\(tenths % 10) MiB"
        }
        if bytes >= 1 << 10 { return "\((bytes + 512) >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

extension WorkbookDefect {
    /// Why a workbook could not be read, after "could not be read as an Excel workbook: ".
    var message: String {
        switch self {
        case .notZIP:
            return
                "it is not an .xlsx file (a ZIP container); save it from Excel as \"Excel Workbook (.xlsx)\" (a password-protected workbook must be saved without its password)"
        case .missingPart(let part):
            return "the part '\(part)' is missing; save the workbook again from Excel"
        case .damagedPart(let part):
            return "the part '\(part)' is damaged (its checksum or compressed data is wrong); save the workbook again from Excel"
        case .partTooLarge(let part, let limit):
            return "the part '\(part)' unpacks to more than \(limit / (1 << 20)) MiB; expected a workbook of one table"
        case .malformedXML(let part, let line, let reason):
            return "the part '\(part)' is not well-formed XML (line \(line): \(reason)); save the workbook again from Excel"
        case .documentTypeDeclaration(let part):
            return "the part '\(part)' holds a document type declaration, which workbooks never have; it is not read"
        case .processingInstruction(let part):
            return "the part '\(part)' holds a processing instruction (<?…?>), which workbooks never have; it is not read"
        case .noWorksheet:
            return "it has no worksheet; expected the table on the first worksheet"
        case .firstSheetNotWorksheet(let name):
            return "the first sheet, '\(name)', is not a worksheet (a chart or dialog sheet); expected the table on the first sheet"
        case .sheetWithoutPart(let name):
            return "the first sheet, '\(name)', points to no part of the workbook; save the workbook again from Excel"
        case .badCellReference(let reference):
            return "the cell reference '\(reference)' is not a cell from A1 to XFD1048576"
        case .sharedStringMissing(let index, let count):
            return "the cell refers to shared text number \(index), but the workbook has \(count); save the workbook again from Excel"
        case .damagedDirectory:
            return
                "its ZIP directory is damaged, or uses ZIP64 or encryption, which Excel does not use for a table; save the workbook again from Excel"
        case .unsafeEntryName(let name):
            return "it holds an entry named '\(name)', a path out of the workbook, which Excel never writes; it is not read"
        case .compressionRatio(let part, let ratio):
            return
                "the part '\(part)' would unpack to \(ratio) times its packed size, which no real workbook does (at most \(WorkbookPackage.maximumRatio)); it is not unpacked"
        case .tooManyCells(let limit):
            return "the first worksheet has more than \(limit) cells; expected a table of one row per record"
        }
    }
}

extension LogoDefect {
    /// Why the logo cannot go on the pages, with what is expected instead.
    var message: String {
        let drawing = "expected a drawing of shapes, text and gradients only (save it as plain SVG)"
        switch self {
        case .tooLarge(let limit):
            return
                "the logo is larger than \(limit / 1024) KiB; expected a drawing of a few KiB (save it as plain SVG, without embedded pictures)"
        case .encoding(let found):
            return "the logo declares the encoding '\(found)'; expected UTF-8 (save it as UTF-8)"
        case .documentType:
            return "the logo holds a document type declaration (<!DOCTYPE or <!ENTITY), which could read other files; \(drawing)"
        case .processingInstruction:
            return "the logo holds a processing instruction (<?…?>), which could load other files; \(drawing)"
        case .malformedXML(let reason):
            return "the logo is not well-formed XML: \(reason)"
        case .rootNotSVG(let found):
            return "expected an SVG drawing with <svg> around everything, found <\(found)>"
        case .noSize:
            return "the <svg> element has neither a viewBox nor a width and height in pixels; expected viewBox=\"0 0 WIDTH HEIGHT\""
        case .viewBox(let found):
            return "expected a viewBox of four numbers 'x y width height' with a width and height above 0, found '\(found)'"
        case .script(let element):
            return "<\(element)> runs a program, which a logo may not; \(drawing)"
        case .foreignObject:
            return "<foreignObject> puts HTML inside the drawing, which a logo may not; \(drawing)"
        case .embedded(let element):
            return "<\(element)> shows another file, which a logo may not; expected the picture drawn as paths (save it as plain SVG)"
        case .animation(let element):
            return "<\(element)> animates the drawing and can change its links, which a logo may not; expected a still drawing"
        case .styleSheet:
            return
                "<style> is a style sheet, which could reach the page around the logo; expected colours as attributes (fill=\"#0072B2\") or in style=\"…\" on each element"
        case .element(let name):
            return "<\(name)> is not among the elements a logo may use; expected "
                + LogoSanitiser.elements.map { "<\($0)>" }.joined(separator: ", ")
        case .eventAttribute(let name):
            return "the attribute '\(name)' runs a program, which a logo may not; expected no event attributes (on…)"
        case .externalLink(let attribute, let value):
            return "'\(attribute)' points outside the logo ('\(value)'); expected a reference within the file such as '#shape'"
        case .externalURL(let attribute, let value):
            return "'\(attribute)' holds a url(…) that points outside the logo ('\(value)'); expected url(#id) within the file"
        case .cssImport(let attribute):
            return "'\(attribute)' holds @import, which loads a style sheet from elsewhere; \(drawing)"
        case .javascriptURL(let attribute):
            return "'\(attribute)' holds a javascript: address, which runs a program; \(drawing)"
        case .duplicateID(let id, let firstLine):
            return "the id '\(id)' is given twice (first on line \(firstLine)); expected each id once"
        }
    }
}

extension SourceLocation: CustomStringConvertible {
    /// `input/monitoring/2016.csv, row 14, column 'meetings'` or `input/factsheet.yaml, line 3, column 5`;
    /// in a workbook `input/monitoring/2017.xlsx, sheet 'Të dhënat', cell F7 (row 7, column 'meetings')`.
    public var description: String {
        var parts = [file]
        if let sheet { parts.append("sheet '\(sheet)'") }
        if let cell {
            var within = row.map { ["row \($0)"] } ?? []
            if let column { within.append("column '\(column)'") }
            parts.append("cell \(cell)" + (within.isEmpty ? "" : " (\(within.joined(separator: ", ")))"))
            return parts.joined(separator: ", ")
        }
        if let row { parts.append("row \(row)") }
        if let column { parts.append("column '\(column)'") }
        if let line { parts.append("line \(line)") }
        if let character { parts.append("column \(character)") }
        return parts.joined(separator: ", ")
    }
}

extension Diagnostic: CustomStringConvertible {
    /// `error: input/monitoring/2016.csv, row 14, column 'meetings': expected …, found '…'`.
    public var description: String {
        "\(severity.rawValue): \(location): \(problem.message)"
    }
}

/// Finds the closest known code to a misspelt one, for "did you mean" hints.
enum Suggestion {
    /// The candidate closest to `value` by edit distance, if it is close enough to be a likely typo.
    static func closest(to value: String, in candidates: [String]) -> String? {
        let needle = value.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(needle, candidate.lowercased())
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        guard let best else { return nil }
        let limit = max(2, needle.count / 4)
        return best.distance <= limit ? best.candidate : nil
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Why a count has an upper bound; the bounds themselves are in ``DatasetLoader``.
public enum CountLimit: Sendable, Hashable {
    /// At most one meeting a day: the days of the months the year's file covers.
    case daysIn(year: Int, firstMonth: Int, lastMonth: Int)
    /// A council has a few dozen members; more women representatives than this is a typing slip.
    case councilMembers
    /// More people than any municipality could have.
    case population

    var explanation: String {
        switch self {
        case .daysIn(let year, let first, let last):
            return first == 1 && last == 12
                ? "at most one meeting a day in \(year)" : "at most one meeting a day in months \(first)–\(last) of \(year)"
        case .councilMembers:
            return "the most a council could have"
        case .population:
            return "the most a municipality could have"
        }
    }
}

extension ColumnValueType {
    /// What a cell of this type must hold, after "expected" in a message (`a whole number ≥ 0`).
    var expected: String {
        switch self {
        case .code: "a code of lower-case ASCII letters, digits and '-'"
        case .municipality: "a municipality code from municipalities.csv"
        case .text: "text"
        case .community: "a community code"
        case .communities: "community codes separated by ';'"
        case .yesNo: "'yes' or 'no'"
        case .choice(let options): "one of " + options.map { "'\($0)'" }.joined(separator: ", ")
        case .count: "a whole number ≥ 0"
        }
    }

    /// What an empty cell of this type should have held, after "expected" in a message.
    var expectedInEmptyCell: String {
        switch self {
        case .code: "a code such as 'prishtine'"
        case .municipality, .text, .community, .communities, .yesNo, .choice, .count: expected
        }
    }
}
