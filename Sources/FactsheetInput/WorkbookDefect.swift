/// Why a workbook could not be read; ``message`` (in `Problem.swift`) words it.
public enum WorkbookDefect: Error, Sendable, Hashable {
    case notZIP
    case missingPart(String)
    case damagedPart(String)
    case partTooLarge(String, limit: Int)
    case malformedXML(part: String, line: Int, reason: String)
    case documentTypeDeclaration(part: String)
    case processingInstruction(part: String)
    case noWorksheet
    case firstSheetNotWorksheet(String)
    case sheetWithoutPart(String)
    case badCellReference(String)
    case sharedStringMissing(index: Int, count: Int)
    case tooManyCells(limit: Int)
    case damagedDirectory
    /// An entry named as a path out of the package (`../x`, `/etc/x`, `C:\\x`).
    case unsafeEntryName(String)
    /// A part that unpacks to far more than its compressed size, as no real workbook does.
    case compressionRatio(String, ratio: Int)
}
