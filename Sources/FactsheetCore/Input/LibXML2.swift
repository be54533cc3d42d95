import Foundation

/// libxml2, behind Foundation's `XMLParser`, keeps per-thread state on Linux: every parse in
/// the core (workbook parts, the logo) holds this one lock. Parsing one document at a time costs
/// nothing at the size of a monitoring workbook or a logo and keeps clear of it.
enum LibXML2 {
    static let lock = NSLock()
}
