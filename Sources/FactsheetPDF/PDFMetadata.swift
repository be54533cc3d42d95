import Foundation

/// What a PDF says about itself: its document information, language and dates.
///
/// Every word comes from the page printed (its title, headings and the sheets index) or from
/// the build (generator version, publication date); none is written here.
public struct PDFMetadata: Sendable, Equatable {
    public var title: String
    /// The publishing organisation; left out of the PDF when nil.
    public var author: String?
    public var subject: String?
    public var keywords: [String]
    /// BCP 47 language tag, as in the page's `<html lang>`.
    public var language: String
    /// The generator and its version (`factsheet 0.2.0`).
    public var creator: String
    /// The publication day (year, month, day, UTC); both PDF dates are this day at midnight.
    /// Without it the PDF carries no date at all, rather than the time it was printed.
    public var published: DateComponents?

    public init(
        title: String, author: String? = nil, subject: String? = nil, keywords: [String] = [], language: String, creator: String,
        published: DateComponents? = nil
    ) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.language = language
        self.creator = creator
        self.published = published
    }

    /// The document information dictionary, in qpdf's JSON; `producer` is kept from the printer.
    public func infoDictionary(producer: JSONValue?) -> [String: JSONValue] {
        var info: [String: JSONValue] = ["/Title": .text(title), "/Creator": .text(creator)]
        if let author, !author.isEmpty { info["/Author"] = .text(author) }
        if let subject, !subject.isEmpty { info["/Subject"] = .text(subject) }
        if !keywords.isEmpty { info["/Keywords"] = .text(keywords.joined(separator: ", ")) }
        if let producer { info["/Producer"] = producer }
        if let date = published.flatMap(Self.pdfDate) {
            info["/CreationDate"] = .text(date)
            info["/ModDate"] = .text(date)
        }
        return info
    }

    /// A day as a PDF date at midnight UTC (`D:20171215000000+00'00'`); nil if a part is missing.
    public static func pdfDate(_ day: DateComponents) -> String? {
        guard let year = day.year, let month = day.month, let day = day.day, (1...9999).contains(year) else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let paddedYear = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "D:\(paddedYear)\(two(month))\(two(day))000000+00'00'"
    }
}

extension JSONValue {
    /// A PDF text string in qpdf's JSON (qpdf picks PDFDocEncoding or UTF-16 when it writes).
    public static func text(_ text: String) -> JSONValue { .string("u:" + text) }

    /// A PDF name in qpdf's JSON.
    public static func name(_ name: String) -> JSONValue { .string("/" + name) }

    /// The text of a PDF string in qpdf's JSON (`u:…`), or nil.
    public var text: String? {
        guard let string, string.hasPrefix("u:") else { return nil }
        return String(string.dropFirst(2))
    }
}
