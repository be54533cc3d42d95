internal import CLibXML2
import Foundation

/// One XML document read node by node with libxml2's streaming reader (`xmlTextReader`).
///
/// Nothing outside the document is ever read: no DTD is loaded, no entity is substituted and
/// the network is off; a document type declaration or a processing instruction comes out as an
/// event for the caller to refuse. Each reader has a parser of its own, so documents are read
/// on many threads at once. Names are given as written, with any prefix (`x:row`); namespace
/// declarations (`xmlns`, `xmlns:r`) come with the attributes. The reader gives no position for
/// a node, only for the first fatal error (``SyntaxError``): 1-based line and column, the column
/// in characters.
final class XMLReader {
    enum Event {
        /// A start tag; an empty element (`<c/>`) is followed by its `end` at once.
        case start(name: String, attributes: [(name: String, value: String)])
        case end(name: String)
        /// Character data (CDATA sections and white space included), in as many pieces as libxml2 likes.
        case text(String)
        /// `<?target …?>`; the XML declaration is not one.
        case processingInstruction
        /// `<!DOCTYPE …>`, given after libxml2 has read its internal subset (without expanding anything).
        case documentType
    }

    /// Where and why the document stops being well-formed XML.
    struct SyntaxError: Error {
        /// libxml2's error number (`xmlParserErrors`): 76 for an end tag that does not match, for instance.
        var code: Int
        var line: Int
        var column: Int
        /// libxml2's own message, on one line.
        var message: String

        /// The reason given for a document without any element.
        static let noElement = "the file holds no element"

        /// The problem in words; `root` names the element expected around everything, if any.
        func reason(root: String? = nil) -> String {
            switch code {
            case 1 where message.contains("depth"): "elements nested more than 256 levels deep"
            case 4: Self.noElement
            case 5:
                "the file ends before its elements are closed, or goes on after the end of "
                    + (root.map { "the <\($0)> element" } ?? "its outermost element")
            case 9: "a character that XML does not allow"
            case 23, 68: "'&' that does not start a reference such as &amp; (write & as &amp;)"
            case 26: "an entity that is not defined; expected only &amp; &lt; &gt; &quot; &apos; and numbered references"
            case 38: "'<' inside an attribute value (write it as &lt;)"
            case 39, 40, 41, 65: "an attribute without a value in quotes"
            case 42: "an attribute given twice on one element"
            case 64: "the XML declaration (<?xml …?>) is not at the very start of the file"
            case 73, 77: "a tag that is not closed with '>'"
            case 76: "an end tag that does not match the element it closes"
            default: "\(message) (libxml2 error \(code))"
            }
        }
    }

    /// libxml2's global state, set up once before the first reader on any thread.
    private static let initialised: Void = xmlInitParser()
    /// No DTD loaded or its defaults applied, no entity substituted (no `XML_PARSE_NOENT`,
    /// `XML_PARSE_DTDLOAD`, `XML_PARSE_DTDATTR`), no network, no XInclude.
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// The document's bytes: libxml2 reads them in place, so they live as long as the reader.
    private let bytes: UnsafeMutableBufferPointer<CChar>
    private let reader: OpaquePointer
    private var firstError: SyntaxError?
    /// An empty element's name, to give as its end on the next call.
    private var pendingEnd: String?
    /// Names made into strings, by libxml2's interned pointer (which lives as long as the reader).
    private var names: [UnsafeRawPointer: String] = [:]

    init(_ data: Data) throws(SyntaxError) {
        Self.initialised
        bytes = .allocate(capacity: max(data.count, 1))
        _ = data.copyBytes(to: UnsafeMutableRawBufferPointer(bytes))
        guard let reader = xmlReaderForMemory(bytes.baseAddress, Int32(clamping: data.count), nil, nil, Self.options) else {
            bytes.deallocate()
            throw SyntaxError(code: 2, line: 1, column: 1, message: "libxml2 could not start a reader (out of memory)")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error, error.pointee.level == XML_ERR_FATAL else { return }
                let owner = Unmanaged<XMLReader>.fromOpaque(context).takeUnretainedValue()
                guard owner.firstError == nil else { return }
                let message = error.pointee.message.map { String(cString: $0) } ?? ""
                owner.firstError = SyntaxError(
                    code: Int(error.pointee.code), line: max(Int(error.pointee.line), 1), column: max(Int(error.pointee.int2), 1),
                    message: message.split(whereSeparator: \.isNewline).joined(separator: " "))
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
        bytes.deallocate()
    }

    /// The next event; nil at the end of the document.
    func next() throws(SyntaxError) -> Event? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        while true {
            let result = xmlTextReaderRead(reader)
            if let firstError, result != 1 { throw firstError }
            if result == 0 { return nil }
            if result < 0 { throw SyntaxError(code: 0, line: 1, column: 1, message: "libxml2 stopped reading without a reason") }
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let name = self.name(xmlTextReaderConstName(reader))
                var attributes: [(name: String, value: String)] = []
                if xmlTextReaderHasAttributes(reader) == 1 {
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        attributes.append((self.name(xmlTextReaderConstName(reader)), Self.string(xmlTextReaderConstValue(reader))))
                    }
                    xmlTextReaderMoveToElement(reader)
                }
                if xmlTextReaderIsEmptyElement(reader) == 1 { pendingEnd = name }
                return .start(name: name, attributes: attributes)
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                return .end(name: name(xmlTextReaderConstName(reader)))
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                return .text(Self.string(xmlTextReaderConstValue(reader)))
            case Int32(XML_READER_TYPE_PROCESSING_INSTRUCTION.rawValue):
                return .processingInstruction
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
                return .documentType
            default:
                continue  // comments
            }
        }
    }

    /// An interned name from libxml2 as a string, made once per reader.
    private func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let name = String(cString: pointer)
        names[key] = name
        return name
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
