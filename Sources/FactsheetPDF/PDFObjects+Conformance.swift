import CZlibInflate
import Foundation

/// The edits that make an archive copy conform to PDF/A-2u (ISO 19005-2, level U) and PDF/UA-1
/// (ISO 14289-1), and the metadata that says so.
///
/// Chromium's tagged print is close: structure tree in reading order, headings, tables with
/// header cells and scope, charts as figures with their title and description as `/Alt`, fonts
/// embedded with a Unicode mapping. What it leaves out is done here: what it paints outside the
/// structure tree (the page's background, the page number) becomes an artifact, a `<figure>`
/// that only groups a chart and its heading becomes a `Div`, the structure types PDF 1.7 does not
/// define get a role map, pages with annotations get the structure tab order, annotations are
/// printable and described; and the catalog gets the XMP metadata and an sRGB output intent.
extension PDFObjects {
    /// The output condition the sRGB profile describes, as the output intent names it.
    static let outputCondition = "sRGB IEC61966-2.1"

    /// Structure types Chromium writes that PDF 1.7 does not define, with the standard type each
    /// plays (ISO 32000-1, 14.8.4): `Strong` and `Em` are inline emphasis, a `Span` for readers.
    static let roleMap: [String: String] = ["/Strong": "Span", "/Em": "Span"]

    /// The PDF/UA edits of a printed sheet (see the type's comment); nothing is added to the
    /// catalog here (``identify(_:colourProfile:)`` does that). `linkTexts` gives the text of the
    /// page's links by address, which describes each link annotation to that address.
    public mutating func makeAccessible(linkTexts: [String: String] = [:]) throws {
        retagGroupingFigures()
        try markArtifacts()
        mapStructureTypes()
        prepareAnnotations(linkTexts: linkTexts)
    }

    /// Writes the XMP metadata (the document information's words, the PDF/A-2u and PDF/UA-1
    /// identification) and an output intent with the sRGB profile into the catalog, and marks the
    /// document as tagged. Call after ``describe(_:)``, which writes the document information.
    public mutating func identify(_ metadata: PDFMetadata, colourProfile: [UInt8]) {
        guard let root, var catalog = dictionary(root) else { return }
        let producer = info.flatMap { dictionary($0)?["/Producer"]?.text }
        let xmp = addStream(["/Type": .name("Metadata"), "/Subtype": .name("XML")], data: Array(metadata.xmp(producer: producer).utf8))
        let profile = addStream(["/N": .int(3)], data: colourProfile)
        catalog["/Metadata"] = Self.ref(xmp)
        catalog["/OutputIntents"] = .array([
            .object([
                "/Type": .name("OutputIntent"), "/S": .name("GTS_PDFA1"), "/OutputConditionIdentifier": .text(Self.outputCondition),
                "/Info": .text(Self.outputCondition), "/DestOutputProfile": Self.ref(profile),
            ])
        ])
        var markInfo = dictionary(catalog["/MarkInfo"]) ?? [:]
        markInfo["/Marked"] = .bool(true)
        markInfo["/Suspects"] = nil
        catalog["/MarkInfo"] = .object(markInfo)
        set(root, catalog)
    }

    /// The objects `identify` added to the catalog (the XMP stream, the colour profile), which an
    /// edition binding this document leaves behind.
    func identificationObjects() -> Set<Int> {
        guard let catalog = root.flatMap({ dictionary($0) }) else { return [] }
        var numbers: Set<Int> = []
        if let xmp = catalog["/Metadata"]?.string.flatMap(Self.reference) { numbers.insert(xmp) }
        for intent in catalog["/OutputIntents"]?.array ?? [] {
            if let profile = dictionary(intent)?["/DestOutputProfile"]?.string.flatMap(Self.reference) { numbers.insert(profile) }
        }
        return numbers
    }

    /// Adds a stream with `data` as it is (no filter: qpdf compresses it when it writes, except
    /// XMP metadata, which PDF/A requires uncompressed and qpdf leaves so); returns its number.
    mutating func addStream(_ dictionary: [String: JSONValue], data: [UInt8]) -> Int {
        let number = maxNumber + 1
        objects[number] = .object(["stream": .object(["dict": .object(dictionary), "data": .string(Data(data).base64EncodedString())])])
        return number
    }

    /// The decoded data of a stream that is stored plain or with `/FlateDecode` alone; nil for
    /// other filters, or data that does not inflate.
    func streamData(_ number: Int) throws -> [UInt8]? {
        guard let stream = objects[number]?["stream"], let dictionary = stream["dict"]?.object,
            let base64 = stream["data"]?.string, let raw = Data(base64Encoded: base64)
        else { return nil }
        let filter = dictionary["/Filter"].map { $0.array ?? [$0] } ?? []
        if filter.isEmpty { return Array(raw) }
        guard filter == [.name("FlateDecode")], dictionary["/DecodeParms"] == nil else { return nil }
        guard let inflated = Self.inflated(Array(raw)) else { throw PDFError("object \(number): a content stream does not inflate") }
        return inflated
    }

    /// Replaces a stream's data with `data`, stored plain (qpdf compresses it when it writes).
    mutating func setStreamData(_ number: Int, _ data: [UInt8]) {
        guard var stream = objects[number]?["stream"]?.object, var dictionary = stream["dict"]?.object else { return }
        for key in ["/Filter", "/DecodeParms", "/Length"] { dictionary[key] = nil }
        stream["dict"] = .object(dictionary)
        stream["data"] = .string(Data(data).base64EncodedString())
        objects[number] = .object(["stream": .object(stream)])
    }

    /// zlib-inflated bytes, or nil when the data is not a complete zlib stream.
    static func inflated(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        return input.withUnsafeBufferPointer { source -> [UInt8]? in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return CZlibInflate.inflate(&stream, Z_NO_FLUSH)
                }
                result += chunk[0..<(chunk.count - Int(stream.avail_out))]
                if status == Z_STREAM_END { return result }
                if status != Z_OK || (stream.avail_in == 0 && stream.avail_out != 0) { return nil }
            }
        }
    }

    /// Makes decoration artifacts. What each page paints outside marked content is wrapped in
    /// `/Artifact BMC … EMC`: Chromium paints the page's background, the `@page` margin boxes
    /// (the page number) and an `aria-hidden` logo untagged, and PDF/UA requires every mark to
    /// be tagged content or an artifact. And the rules: marked content that only strokes or
    /// fills paths (a heading's underline, a table's borders, a notice's bar) and belongs to an
    /// element that is not a figure becomes an artifact, leaving the structure tree.
    mutating func markArtifacts() throws {
        let treeRoot = root.flatMap { dictionary($0)?["/StructTreeRoot"] }
        var emptied: Set<Int> = []
        for (page, _) in pages() {
            guard let pageDictionary = dictionary(page), let contents = pageDictionary["/Contents"] else { continue }
            let streams = (contents.array ?? [contents]).compactMap { $0.string.flatMap(Self.reference) }
            for number in streams {
                guard let original = try streamData(number) else { continue }
                // Decorations: only in a page of one content stream, whose marked content the
                // parent tree lists by MCID.
                let operations = ContentStream.parse(original)
                var turned: Set<Int> = []
                if streams.count == 1, let key = pageDictionary["/StructParents"]?.int,
                    var owners = parentTreeEntry(treeRoot, key: key)?.array
                {
                    for (mcid, index) in ContentStream.decorations(operations) where mcid < owners.count {
                        guard let owner = owners[mcid].string.flatMap(Self.reference), !insideFigure(owner),
                            let emptiedOwner = removeContent(mcid, from: owner)
                        else { continue }
                        if emptiedOwner { emptied.insert(owner) }
                        owners[mcid] = .null
                        turned.insert(index)
                    }
                    if !turned.isEmpty { setParentTreeEntry(treeRoot, key: key, .array(owners)) }
                }
                let wrapped = ContentStream.markingArtifacts(original, operations: operations, decorations: turned)
                if wrapped != original { setStreamData(number, wrapped) }
            }
        }
        if !emptied.isEmpty { dropIDs(of: emptied, in: treeRoot) }
    }

    /// Whether the element or one above it is a `Figure` (a chart's lines are the chart).
    func insideFigure(_ element: Int) -> Bool {
        var current: Int? = element
        var seen: Set<Int> = []
        while let number = current, seen.insert(number).inserted, let dictionary = dictionary(number) {
            if dictionary["/S"] == .name("Figure") || dictionary["/S"] == .name("Formula") { return true }
            current = dictionary["/P"]?.string.flatMap(Self.reference)
        }
        return false
    }

    /// Removes marked-content `mcid` from the element's `/K`. Returns nil (and changes nothing)
    /// when that would leave an element other than a `NonStruct` empty; true when the element,
    /// a `NonStruct`, is left empty and was taken out of its parent; false otherwise.
    mutating func removeContent(_ mcid: Int, from owner: Int) -> Bool? {
        guard var element = dictionary(owner) else { return nil }
        let kids = element["/K"].map { $0.array ?? [$0] } ?? []
        func isThis(_ kid: JSONValue) -> Bool {
            if kid.int == mcid { return true }
            if let object = kid.object, object["/Type"] == .name("MCR"), object["/MCID"]?.int == mcid, object["/Stm"] == nil { return true }
            return false
        }
        let rest = kids.filter { !isThis($0) }
        guard rest.count < kids.count else { return nil }
        if !rest.isEmpty {
            element["/K"] = rest.count == 1 ? rest[0] : .array(rest)
            set(owner, element)
            return false
        }
        guard element["/S"] == .name("NonStruct"), let parent = element["/P"]?.string.flatMap(Self.reference),
            var parentElement = dictionary(parent)
        else { return nil }
        let siblings = (parentElement["/K"].map { $0.array ?? [$0] } ?? []).filter { $0 != Self.ref(owner) }
        if siblings.isEmpty {
            parentElement["/K"] = nil
        } else {
            parentElement["/K"] = siblings.count == 1 ? siblings[0] : .array(siblings)
        }
        set(parent, parentElement)
        element["/K"] = nil
        set(owner, element)
        return true
    }

    /// The value of a number tree (the parent tree) for `key`, what it refers to when a reference.
    func parentTreeEntry(_ treeRoot: JSONValue?, key: Int) -> JSONValue? {
        var found: JSONValue?
        visitNumberTree(dictionary(treeRoot)?["/ParentTree"], key: key) { found = resolve($0) }
        return found
    }

    /// Replaces the parent tree's value for `key` (in place when the value is a reference).
    mutating func setParentTreeEntry(_ treeRoot: JSONValue?, key: Int, _ value: JSONValue) {
        // Where the entry lives: a referenced array, or inline in a node's /Nums.
        var target: (node: Int?, reference: Int?)?
        var visited: Set<Int> = []
        func find(_ node: JSONValue?) {
            guard target == nil, let dictionary = dictionary(node) else { return }
            if let nodeNumber = node?.string.flatMap(Self.reference), !visited.insert(nodeNumber).inserted { return }
            let nums = dictionary["/Nums"]?.array ?? []
            var index = 0
            while index + 1 < nums.count {
                if nums[index].int == key {
                    target = (node?.string.flatMap(Self.reference), nums[index + 1].string.flatMap(Self.reference))
                    return
                }
                index += 2
            }
            for kid in dictionary["/Kids"]?.array ?? [] { find(kid) }
        }
        find(dictionary(treeRoot)?["/ParentTree"])
        guard let target else { return }
        if let reference = target.reference {
            set(reference, value)
        } else if let node = target.node, var dictionary = dictionary(node), var nums = dictionary["/Nums"]?.array {
            var index = 0
            while index + 1 < nums.count {
                if nums[index].int == key { nums[index + 1] = value }
                index += 2
            }
            dictionary["/Nums"] = .array(nums)
            set(node, dictionary)
        }
    }

    /// Calls `body` with the number tree's value for `key`, if it has one.
    func visitNumberTree(_ node: JSONValue?, key: Int, _ body: (JSONValue) -> Void) {
        var visited: Set<Int> = []
        func walk(_ node: JSONValue?) {
            if let number = node?.string.flatMap(Self.reference), !visited.insert(number).inserted { return }
            guard let dictionary = dictionary(node) else { return }
            let nums = dictionary["/Nums"]?.array ?? []
            var index = 0
            while index + 1 < nums.count {
                if nums[index].int == key { body(nums[index + 1]) }
                index += 2
            }
            for kid in dictionary["/Kids"]?.array ?? [] { walk(kid) }
        }
        walk(node)
    }

    /// Takes the ids of elements that left the tree out of the id tree.
    mutating func dropIDs(of elements: Set<Int>, in treeRoot: JSONValue?) {
        let references = Set(elements.map { "\($0) 0 R" })
        var visited: Set<Int> = []
        func walk(_ node: JSONValue?) {
            guard let number = node?.string.flatMap(Self.reference), visited.insert(number).inserted, var dictionary = dictionary(number)
            else { return }
            if let names = dictionary["/Names"]?.array {
                var kept: [JSONValue] = []
                var index = 0
                while index + 1 < names.count {
                    if !references.contains(names[index + 1].string ?? "") { kept += [names[index], names[index + 1]] }
                    index += 2
                }
                dictionary["/Names"] = .array(kept)
                set(number, dictionary)
            }
            for kid in dictionary["/Kids"]?.array ?? [] { walk(kid) }
        }
        walk(dictionary(treeRoot)?["/IDTree"])
        sortNameTree(dictionary(treeRoot)?["/IDTree"])
    }

    /// Every structure element, by number, with its dictionary.
    func structureElements() -> [(number: Int, element: [String: JSONValue])] {
        objects.keys.sorted().compactMap { number in
            guard let element = dictionary(number), element["/Type"] == .name("StructElem") || element["/S"] != nil && element["/P"] != nil
            else { return nil }
            return (number, element)
        }
    }

    /// A `Figure` without alternative text that holds structure elements (the `<figure>` around
    /// a chart: its heading and the chart, which is the figure with the text) becomes a `Div`:
    /// PDF/UA requires alternative text on every figure, and alternative text would hide the
    /// heading inside from readers.
    mutating func retagGroupingFigures() {
        for (number, var element) in structureElements() where element["/S"] == .name("Figure") {
            guard element["/Alt"] == nil, element["/ActualText"] == nil else { continue }
            let kids = element["/K"].map { $0.array ?? [$0] } ?? []
            let holdsElements = kids.contains { kid in
                guard let child = dictionary(kid) else { return false }
                return child["/S"] != nil && child["/Type"] != .name("MCR") && child["/Type"] != .name("OBJR")
            }
            guard holdsElements else { continue }
            element["/S"] = .name("Div")
            set(number, element)
        }
    }

    /// Adds role-map entries for the structure types in use that PDF 1.7 does not define.
    mutating func mapStructureTypes() {
        guard let root, let treeNumber = dictionary(root)?["/StructTreeRoot"]?.string.flatMap(Self.reference),
            var tree = dictionary(treeNumber)
        else { return }
        let used = Set(structureElements().compactMap { $0.element["/S"]?.string })
        var map = dictionary(tree["/RoleMap"]) ?? [:]
        for (type, role) in Self.roleMap where used.contains(type) && map[type] == nil { map[type] = .name(role) }
        guard !map.isEmpty else { return }
        tree["/RoleMap"] = .object(map)
        set(treeNumber, tree)
    }

    /// Pages with annotations take the structure order for tabbing (`/Tabs /S`); every
    /// annotation is printable and never hidden (PDF/A), and a link without `/Contents` is
    /// described by its text on the page, or else by where it leads (PDF/UA).
    mutating func prepareAnnotations(linkTexts: [String: String] = [:]) {
        for (page, _) in pages() {
            guard var pageDictionary = dictionary(page), let annotations = pageDictionary["/Annots"]?.array, !annotations.isEmpty
            else { continue }
            pageDictionary["/Tabs"] = .name("S")
            var inline: [JSONValue] = []
            for annotation in annotations {
                if let number = annotation.string.flatMap(Self.reference), let dictionary = dictionary(number) {
                    set(number, Self.prepared(annotation: dictionary, linkTexts: linkTexts))
                    inline.append(annotation)
                } else if let dictionary = annotation.object {
                    inline.append(.object(Self.prepared(annotation: dictionary, linkTexts: linkTexts)))
                } else {
                    inline.append(annotation)
                }
            }
            pageDictionary["/Annots"] = .array(inline)
            set(page, pageDictionary)
        }
    }

    /// An annotation with the print flag set and the hidden, invisible and no-view flags clear,
    /// and, for a link without one, a description: its text on the page, or else its target.
    static func prepared(annotation: [String: JSONValue], linkTexts: [String: String] = [:]) -> [String: JSONValue] {
        var annotation = annotation
        let flags = annotation["/F"]?.int ?? 0
        // Bits 1 (invisible), 2 (hidden), 6 (no view), 9 (toggle no view) off; bit 3 (print) on.
        annotation["/F"] = .int((flags & ~(1 | 2 | 32 | 256)) | 4)
        if annotation["/Subtype"] == .name("Link"), annotation["/Contents"]?.text?.isEmpty ?? true {
            let action = annotation["/A"]?.object
            if let uri = action?["/URI"]?.string {
                let target = uri.hasPrefix("u:") ? String(uri.dropFirst(2)) : uri
                annotation["/Contents"] = .text(linkTexts[target] ?? target)
            } else {
                annotation["/Contents"] = .text("Link")
            }
        }
        return annotation
    }
}

/// Reads a page's content stream just far enough to find what is painted outside marked content.
enum ContentStream {
    /// Operators that put marks on the page.
    static let painting: Set<String> = [
        "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Tj", "TJ", "'", "\"", "Do", "sh", "EI",
    ]

    /// One operator with its operands: where they start and end in the data.
    struct Operation {
        let name: String
        let start: Int
        let end: Int
        /// The operands' text, for `BDC` (whether its properties hold an `/MCID`).
        let operands: ArraySlice<UInt8>
    }

    /// The data with every run of painting operators outside marked content wrapped in
    /// `/Artifact BMC … EMC`; a run never starts in a text object and ends outside it, or the
    /// other way round. The `BDC` operations at the indexes `decorations` (of `operations`, the
    /// data parsed) become `/Artifact BMC`. Unchanged when everything is already marked.
    static func markingArtifacts(_ data: [UInt8], operations given: [Operation]? = nil, decorations: Set<Int> = []) -> [UInt8] {
        let operations = given ?? parse(data)
        // Byte ranges replaced by a text (empty ranges: insertions), in the order of the data.
        var insertions: [(offset: Int, end: Int, text: String)] = []
        var depth = 0
        var inText = false
        var segment: (first: Int, last: Int, paints: Bool)?
        func close() {
            if let open = segment, open.paints {
                insertions.append((operations[open.first].start, operations[open.first].start, "/Artifact BMC\n"))
                insertions.append((operations[open.last].end, operations[open.last].end, "\nEMC"))
            }
            segment = nil
        }
        var index = 0
        while index < operations.count {
            let operation = operations[index]
            if depth > 0 {
                if operation.name == "BDC" || operation.name == "BMC" { depth += 1 }
                if operation.name == "EMC" { depth -= 1 }
                if operation.name == "BT" { inText = true }
                if operation.name == "ET" { inText = false }
                index += 1
                continue
            }
            switch operation.name {
            case "BDC", "BMC":
                // Tagged content (an /MCID) or an artifact already: left as it is. Other marked
                // content (a span with /ActualText outside the tree) is part of the run.
                let text = String(decoding: operation.operands, as: UTF8.self)
                if decorations.contains(index) {
                    close()
                    insertions.append((operation.start, operation.end, "/Artifact BMC"))
                    depth = 1
                } else if operation.name == "BMC" && text.hasPrefix("/Artifact")
                    || operation.name == "BDC"
                        && (text.contains("/MCID") || text.hasPrefix("/Artifact") || !text.contains("<<"))
                {
                    close()
                    depth = 1
                } else {
                    // Marked content without a tag of the tree: skip to its end inside the run.
                    var nested = 1
                    var last = index
                    while nested > 0, last + 1 < operations.count {
                        last += 1
                        if operations[last].name == "BDC" || operations[last].name == "BMC" { nested += 1 }
                        if operations[last].name == "EMC" { nested -= 1 }
                        if operations[last].name == "BT" { inText = true }
                        if operations[last].name == "ET" { inText = false }
                    }
                    let paints = operations[index...last].contains { painting.contains($0.name) }
                    segment = (segment?.first ?? index, last, (segment?.paints ?? false) || paints)
                    index = last + 1
                    continue
                }
            case "BT":
                // A text object that ends before the next tagged content stays in the run whole;
                // otherwise the run stops before it and another starts inside it.
                if let end = operations[(index + 1)...].firstIndex(where: { ["ET", "BDC", "BMC"].contains($0.name) }),
                    operations[end].name == "ET"
                {
                    let paints = operations[index...end].contains { painting.contains($0.name) }
                    segment = (segment?.first ?? index, end, (segment?.paints ?? false) || paints)
                    index = end + 1
                    continue
                }
                close()
                inText = true
            case "ET":
                close()
                inText = false
            default:
                segment = (segment?.first ?? index, index, (segment?.paints ?? false) || painting.contains(operation.name))
            }
            index += 1
        }
        close()
        guard !insertions.isEmpty else { return data }
        var result: [UInt8] = []
        result.reserveCapacity(data.count + insertions.count * 16)
        var position = 0
        for insertion in insertions {
            result += data[position..<insertion.offset]
            result += Array(insertion.text.utf8)
            position = insertion.end
        }
        result += data[position...]
        return result
    }

    /// Operators that show text, images or shadings: marked content with any of them is not a rule.
    static let content: Set<String> = ["Tj", "TJ", "'", "\"", "Do", "sh", "EI"]

    /// Operators that paint a path.
    static let paths: Set<String> = ["f", "F", "f*", "B", "B*", "b", "b*", "S", "s"]

    /// The top-level marked-content sequences with an `/MCID` that only paint paths (rules,
    /// borders, bars), by MCID, each with the index of its `BDC` in `operations`.
    static func decorations(_ operations: [Operation]) -> [(mcid: Int, index: Int)] {
        var result: [(Int, Int)] = []
        var index = 0
        while index < operations.count {
            let operation = operations[index]
            let start = index
            index += 1
            guard operation.name == "BDC" || operation.name == "BMC" else { continue }
            var depth = 1
            var onlyPaths = true
            var paints = false
            while depth > 0, index < operations.count {
                let inner = operations[index].name
                if inner == "BDC" || inner == "BMC" { depth += 1 }
                if inner == "EMC" { depth -= 1 }
                if content.contains(inner) { onlyPaths = false }
                if paths.contains(inner) { paints = true }
                index += 1
            }
            let operands = String(decoding: operation.operands, as: UTF8.self)
            guard operation.name == "BDC", onlyPaths, paints, !operands.hasPrefix("/Artifact"),
                let match = operands.firstMatch(of: #//MCID\s+([0-9]+)/#), let mcid = Int(match.1)
            else { continue }
            result.append((mcid, start))
        }
        return result
    }

    /// The operators of a content stream, each with the span from its first operand to its end.
    static func parse(_ data: [UInt8]) -> [Operation] {
        var operations: [Operation] = []
        var index = 0
        var operandsStart: Int?
        let count = data.count
        func isWhite(_ byte: UInt8) -> Bool { byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32 }
        func isDelimiter(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25: return true  // ( ) < > [ ] { } / %
            default: return false
            }
        }
        while index < count {
            let byte = data[index]
            if isWhite(byte) {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "%") {
                while index < count, data[index] != 10, data[index] != 13 { index += 1 }
                continue
            }
            let tokenStart = index
            switch byte {
            case UInt8(ascii: "("):
                var nesting = 0
                while index < count {
                    let current = data[index]
                    if current == UInt8(ascii: "\\") {
                        index += 2
                        continue
                    }
                    if current == UInt8(ascii: "(") { nesting += 1 }
                    if current == UInt8(ascii: ")") {
                        nesting -= 1
                        if nesting == 0 {
                            index += 1
                            break
                        }
                    }
                    index += 1
                }
            case UInt8(ascii: "<"):
                if index + 1 < count, data[index + 1] == UInt8(ascii: "<") {
                    index += 2
                } else {
                    while index < count, data[index] != UInt8(ascii: ">") { index += 1 }
                    index += 1
                }
            case UInt8(ascii: ">"):
                index += index + 1 < count && data[index + 1] == UInt8(ascii: ">") ? 2 : 1
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                index += 1
            case UInt8(ascii: "/"):
                index += 1
                while index < count, !isWhite(data[index]), !isDelimiter(data[index]) { index += 1 }
            default:
                while index < count, !isWhite(data[index]), !isDelimiter(data[index]) { index += 1 }
                let word = data[tokenStart..<index]
                let first = word.first ?? 0
                let isNumber =
                    (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: "-")
                    || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                let isKeyword = word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8)
                if !isNumber && !isKeyword {
                    let name = String(decoding: word, as: UTF8.self)
                    let start = operandsStart ?? tokenStart
                    if name == "ID" {
                        // Inline image data: up to whitespace, "EI" and whitespace or the end.
                        index += 1
                        while index + 1 < count {
                            if isWhite(data[index - 1]), data[index] == UInt8(ascii: "E"), data[index + 1] == UInt8(ascii: "I"),
                                index + 2 >= count || isWhite(data[index + 2])
                            {
                                break
                            }
                            index += 1
                        }
                        index = min(count, index + 2)
                        operations.append(Operation(name: "EI", start: start, end: index, operands: data[start..<tokenStart]))
                    } else {
                        operations.append(Operation(name: name, start: start, end: index, operands: data[start..<tokenStart]))
                    }
                    operandsStart = nil
                    continue
                }
            }
            if operandsStart == nil { operandsStart = tokenStart }
        }
        return operations
    }
}
