import FactsheetSupport
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

extension PDFMetadata {
    /// The standards every archive PDF claims, as `manifest.json` records them.
    public static let standards = ["PDF/A-2u", "PDF/UA-1"]

    /// The XMP packet of the document catalog's `/Metadata` stream: the same title, author,
    /// subject, keywords, creator, producer, language and dates as the document information
    /// (PDF/A-2 requires the two to agree), the PDF/A-2u and PDF/UA-1 identification, and the
    /// PDF/A extension schema that describes `pdfuaid` (a schema PDF/A does not predefine).
    public func xmp(producer: String?) -> String {
        var properties: [String] = ["<dc:format>application/pdf</dc:format>"]
        properties.append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(Escaping.xmp(title))</rdf:li></rdf:Alt></dc:title>")
        if let author, !author.isEmpty {
            properties.append("<dc:creator><rdf:Seq><rdf:li>\(Escaping.xmp(author))</rdf:li></rdf:Seq></dc:creator>")
        }
        if let subject, !subject.isEmpty {
            properties.append(
                "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(Escaping.xmp(subject))</rdf:li></rdf:Alt></dc:description>")
        }
        if !language.isEmpty {
            properties.append("<dc:language><rdf:Bag><rdf:li>\(Escaping.xmp(language))</rdf:li></rdf:Bag></dc:language>")
        }
        if !keywords.isEmpty { properties.append("<pdf:Keywords>\(Escaping.xmp(keywords.joined(separator: ", ")))</pdf:Keywords>") }
        if let producer, !producer.isEmpty { properties.append("<pdf:Producer>\(Escaping.xmp(producer))</pdf:Producer>") }
        properties.append("<xmp:CreatorTool>\(Escaping.xmp(creator))</xmp:CreatorTool>")
        if let date = published.flatMap(Self.xmpDate) {
            properties += ["<xmp:CreateDate>\(date)</xmp:CreateDate>", "<xmp:ModifyDate>\(date)</xmp:ModifyDate>"]
            properties.append("<xmp:MetadataDate>\(date)</xmp:MetadataDate>")
        }
        properties += [
            "<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>U</pdfaid:conformance>", "<pdfuaid:part>1</pdfuaid:part>",
            """
            <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">\
            <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
            <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
            <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\
            <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">\
            <pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
            <pdfaProperty:category>internal</pdfaProperty:category>\
            <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\
            </rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>
            """,
        ]
        let namespaces = [
            ("dc", "http://purl.org/dc/elements/1.1/"), ("pdf", "http://ns.adobe.com/pdf/1.3/"), ("xmp", "http://ns.adobe.com/xap/1.0/"),
            ("pdfaid", "http://www.aiim.org/pdfa/ns/id/"), ("pdfuaid", "http://www.aiim.org/pdfua/ns/id/"),
            ("pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/"), ("pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"),
            ("pdfaProperty", "http://www.aiim.org/pdfa/ns/property#"),
        ].map { "\n    xmlns:\($0.0)=\"\($0.1)\"" }.joined()
        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""\(namespaces)>
               \(properties.joined(separator: "\n   "))
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="r"?>
            """
    }

    /// A day as an XMP date at midnight UTC (`2017-12-15T00:00:00Z`), the same instant as ``pdfDate(_:)``.
    public static func xmpDate(_ day: DateComponents) -> String? {
        guard let pdf = pdfDate(day) else { return nil }
        let digits = Array(pdf.dropFirst(2).prefix(8))
        return "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))T00:00:00Z"
    }
}
