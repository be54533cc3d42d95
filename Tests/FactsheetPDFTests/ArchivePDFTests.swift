import FactsheetSupport
import Foundation
import Testing

@testable import FactsheetPDF

@Suite struct PDFMetadataTests {
    @Test func publicationDayIsMidnightUTC() {
        #expect(PDFMetadata.pdfDate(DateComponents(year: 2017, month: 12, day: 5)) == "D:20171205000000+00'00'")
        #expect(PDFMetadata.pdfDate(DateComponents(year: 2017, month: 12)) == nil)
    }

    @Test func noDateWithoutPublicationDay() {
        let info = PDFMetadata(title: "T", language: "sq", creator: "factsheet 0.2.0").infoDictionary(producer: nil)
        #expect(info["/CreationDate"] == nil && info["/ModDate"] == nil && info["/Author"] == nil)
        #expect(info["/Title"] == .text("T") && info["/Creator"] == .text("factsheet 0.2.0"))
    }
}

/// A tiny tagged two-page document in qpdf's JSON, as Chromium prints one.
func sampleDocument(ids: [Int], outlineTitles: [String]) -> PDFObjects {
    var objects: [Int: JSONValue] = [:]
    func put(_ number: Int, _ value: [String: JSONValue]) { objects[number] = .object(["value": .object(value)]) }
    put(1, ["/Producer": .text("Skia/PDF m156"), "/CreationDate": .text("D:20261126052429+00'00'")])
    put(2, ["/Type": .name("Catalog"), "/Pages": PDFObjects.ref(3), "/StructTreeRoot": PDFObjects.ref(6), "/Outlines": PDFObjects.ref(20)])
    put(3, ["/Type": .name("Pages"), "/Kids": .array([PDFObjects.ref(4), PDFObjects.ref(5)]), "/Count": .int(2)])
    put(
        4,
        [
            "/Type": .name("Page"), "/Parent": PDFObjects.ref(3), "/StructParents": .int(0),
            "/MediaBox": .array([.int(0), .int(0), .number(Decimal(string: "594.95996")!), .int(842)]),
        ])
    put(5, ["/Type": .name("Page"), "/Parent": PDFObjects.ref(3), "/StructParents": .int(1)])
    put(
        6,
        [
            "/Type": .name("StructTreeRoot"), "/K": PDFObjects.ref(7), "/ParentTree": PDFObjects.ref(8), "/ParentTreeNextKey": .int(2),
            "/IDTree": PDFObjects.ref(9),
        ])
    var kids: [JSONValue] = []
    var names: [JSONValue] = []
    for (offset, id) in ids.enumerated() {
        let number = 10 + offset
        let name = JSONValue.text("node" + String(format: "%08d", id))
        put(number, ["/Type": .name("StructElem"), "/S": .name("P"), "/P": PDFObjects.ref(7), "/ID": name, "/Pg": PDFObjects.ref(4)])
        kids.append(PDFObjects.ref(number))
        names += [name, PDFObjects.ref(number)]
    }
    put(7, ["/Type": .name("StructElem"), "/S": .name("Document"), "/P": PDFObjects.ref(6), "/K": .array(kids)])
    put(8, ["/Nums": .array([.int(0), .array(kids), .int(1), .array(kids)])])
    put(9, ["/Names": .array(names)])
    let items = outlineTitles.indices.map { 21 + $0 }
    put(
        20,
        [
            "/Type": .name("Outlines"), "/First": PDFObjects.ref(items.first!), "/Last": PDFObjects.ref(items.last!),
            "/Count": .int(items.count),
        ])
    for (offset, title) in outlineTitles.enumerated() {
        var item: [String: JSONValue] = [
            "/Title": .text(title), "/Parent": PDFObjects.ref(20),
            "/Dest": .array([PDFObjects.ref(4), .name("XYZ"), .number(Decimal(string: "35.126953")!), .int(700), .int(0)]),
        ]
        if offset > 0 { item["/Prev"] = PDFObjects.ref(items[offset - 1]) }
        if offset + 1 < items.count { item["/Next"] = PDFObjects.ref(items[offset + 1]) }
        put(items[offset], item)
    }
    return PDFObjects(
        header: ["jsonversion": .int(2), "pdfversion": .string("1.4")], objects: objects,
        trailer: ["/Root": PDFObjects.ref(2), "/Info": PDFObjects.ref(1)])
}

@Suite struct ArchiveEditTests {
    @Test func structureIDsFollowTheTreeNotChromiumsNumbers() {
        // The same page printed three times: Chromium's numbers differ, and in the third they
        // are not even in the page's order (as the header cells of a table came out in one CI run).
        var first = sampleDocument(ids: [1540, 1631, 1541], outlineTitles: ["A"])
        var second = sampleDocument(ids: [26, 117, 27], outlineTitles: ["A"])
        var third = sampleDocument(ids: [1631, 1540, 1541], outlineTitles: ["A"])
        #expect(first.json != second.json && first.json != third.json)  // control: the raw prints differ
        first.normalizeStructureIDs()
        second.normalizeStructureIDs()
        third.normalizeStructureIDs()
        #expect(first.json == second.json)
        #expect(first.json == third.json)
        // Elements 10, 11, 12 stand in that order under the document element.
        #expect((10...12).map { first.dictionary($0)?["/ID"] } == [.text("node00000001"), .text("node00000002"), .text("node00000003")])
        // The id tree is in key order again, each key with its element.
        let names = first.dictionary(9)?["/Names"]?.array ?? []
        #expect(
            names == [
                .text("node00000001"), PDFObjects.ref(10), .text("node00000002"), PDFObjects.ref(11), .text("node00000003"),
                PDFObjects.ref(12),
            ])
    }

    @Test func aNameTreeWithLeavesKeepsItsShapeAndLimits() {
        var document = sampleDocument(ids: [1631, 1540, 1541], outlineTitles: ["A"])
        // The id tree as Chromium writes it: a root with one leaf that has limits.
        let leaf = document.dictionary(9) ?? [:]
        document.objects[30] = .object([
            "value": .object(leaf.merging(["/Limits": .array([.text("node00001540"), .text("node00001631")])]) { $1 })
        ])
        document.set(9, ["/Kids": .array([PDFObjects.ref(30)])])
        document.normalizeStructureIDs()
        #expect(document.dictionary(9)?["/Kids"] == .array([PDFObjects.ref(30)]))
        #expect(document.dictionary(30)?["/Limits"] == .array([.text("node00000001"), .text("node00000003")]))
        let keys = (document.dictionary(30)?["/Names"]?.array ?? []).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        #expect(keys == [.text("node00000001"), .text("node00000002"), .text("node00000003")])
    }

    @Test func outlineTitlesGetTheirSpacesBack() {
        var document = sampleDocument(ids: [1], outlineTitles: ["Title", "MCSCs with a woman whorepresents a community", "Other"])
        document.repairOutlineTitles(headings: ["Title", "MCSCs with a woman who represents a community", "Something else"])
        #expect(
            document.outlineItems().map { document.dictionary($0.number)?["/Title"]?.text } == [
                "Title", "MCSCs with a woman who represents a community", "Other",
            ])
    }

    @Test func describeReplacesTheTimestamps() {
        var document = sampleDocument(ids: [1], outlineTitles: ["A"])
        document.describe(PDFMetadata(title: "T", subject: "S", keywords: ["a", "b"], language: "en", creator: "factsheet 0.2.0"))
        let info = document.dictionary(1)
        #expect(info?["/CreationDate"] == nil && info?["/Producer"] == .text("Skia/PDF m156") && info?["/Keywords"] == .text("a, b"))
        #expect(document.dictionary(2)?["/Lang"] == .text("en") && document.dictionary(2)?["/PageMode"] == .name("UseOutlines"))
    }

    @Test func editionBindsPagesOutlineAndStructure() throws {
        let sheets = [
            EditionBinder.Sheet(objects: sampleDocument(ids: [5, 6], outlineTitles: ["One", "Two"]), name: "Kosovo"),
            EditionBinder.Sheet(objects: sampleDocument(ids: [9], outlineTitles: ["Three"]), name: "Deçan"),
        ]
        let edition = try EditionBinder().bind(sheets, metadata: PDFMetadata(title: "Edition", language: "en", creator: "factsheet"))
        let pages = edition.pages().map(\.number)
        #expect(pages.count == 4)
        #expect(pages.compactMap { edition.dictionary($0)?["/StructParents"]?.int } == [0, 1, 2, 3])
        #expect(edition.dictionary(pages[0])?["/MediaBox"]?.array?[2] == .number(Decimal(string: "594.95996")!))
        let top = edition.outlineItems().filter { $0.depth == 1 }.map { edition.dictionary($0.number)?["/Title"]?.text }
        #expect(top == ["Kosovo", "Deçan"])
        #expect(edition.outlineItems().count == 5)
        let root = try #require(edition.root.flatMap { edition.dictionary($0) })
        #expect(root["/PageLabels"] != nil && root["/Lang"] == .text("en"))
        var dropped: Set<Int> = []
        let tree = try #require(edition.dictionary(root["/StructTreeRoot"]))
        let ids = edition.flattenTree(tree["/IDTree"], entries: "/Names", dropping: &dropped).map { $0.0.text }
        #expect(ids == ["node00000001", "node00000002", "node00000003"])
        #expect(tree["/ParentTreeNextKey"]?.int == 4)
    }
}

@Suite struct ConformanceTests {
    @Test func xmpSaysWhatTheDocumentInformationSays() throws {
        let metadata = PDFMetadata(
            title: "Deçan <&> \"2017\"", author: "OSCE", subject: "Fact sheets", keywords: ["a", "b"], language: "sq",
            creator: "factsheet 0.2.0", published: DateComponents(year: 2017, month: 12, day: 15))
        let xmp = metadata.xmp(producer: "Skia/PDF m156")
        #expect(xmp.contains("<rdf:li xml:lang=\"x-default\">Deçan &lt;&amp;&gt; &quot;2017&quot;</rdf:li>"))
        #expect(xmp.contains("<dc:creator><rdf:Seq><rdf:li>OSCE</rdf:li></rdf:Seq></dc:creator>"))
        #expect(xmp.contains("<pdf:Keywords>a, b</pdf:Keywords>") && xmp.contains("<pdf:Producer>Skia/PDF m156</pdf:Producer>"))
        #expect(xmp.contains("<xmp:CreateDate>2017-12-15T00:00:00Z</xmp:CreateDate>"))
        #expect(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfaid:conformance>U</pdfaid:conformance>"))
        #expect(xmp.contains("<pdfuaid:part>1</pdfuaid:part>") && xmp.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"))
        #expect(xmp.contains("<dc:language><rdf:Bag><rdf:li>sq</rdf:li></rdf:Bag></dc:language>"))
        // No dates without a publication day; the identification all the same.
        let undated = PDFMetadata(title: "T", language: "en", creator: "factsheet").xmp(producer: nil)
        #expect(!undated.contains("Date>") && !undated.contains("dc:creator") && undated.contains("<pdfuaid:part>1</pdfuaid:part>"))
        #expect(PDFMetadata.xmpDate(DateComponents(year: 17, month: 1, day: 2)) == "0017-01-02T00:00:00Z")
        #expect(Escaping.xmp("a\u{1}b\u{FFFE}c\td") == "abc\td")
    }

    @Test func identifyAddsMetadataOutputIntentAndMarkInfo() throws {
        var document = sampleDocument(ids: [1], outlineTitles: ["A"])
        let metadata = PDFMetadata(title: "T", language: "en", creator: "factsheet 0.2.0")
        document.describe(metadata)
        document.identify(metadata, colourProfile: [1, 2, 3])
        let catalog = try #require(document.dictionary(2))
        let xmp = try #require(catalog["/Metadata"]?.string.flatMap(PDFObjects.reference))
        #expect(document.dictionary(xmp)?["/Type"] == .name("Metadata") && document.dictionary(xmp)?["/Filter"] == nil)
        let data = try #require(try document.streamData(xmp))
        #expect(String(decoding: data, as: UTF8.self).contains("<pdf:Producer>Skia/PDF m156</pdf:Producer>"))
        let intent = try #require(catalog["/OutputIntents"]?.array?.first?.object)
        #expect(intent["/S"] == .name("GTS_PDFA1") && intent["/OutputConditionIdentifier"] == .text("sRGB IEC61966-2.1"))
        let profile = try #require(intent["/DestOutputProfile"]?.string.flatMap(PDFObjects.reference))
        #expect(try document.streamData(profile) == [1, 2, 3] && document.dictionary(profile)?["/N"] == .int(3))
        #expect(catalog["/MarkInfo"] == .object(["/Marked": .bool(true)]))
        #expect(document.identificationObjects() == [xmp, profile])
    }

    @Test func untaggedMarksBecomeArtifacts() {
        func wrapped(_ text: String) -> String {
            String(decoding: ContentStream.markingArtifacts(Array(text.utf8)), as: UTF8.self)
        }
        // The page's background and its page number, before the tagged content.
        #expect(
            wrapped("q 1 1 1 rg 0 0 9 9 re f Q BT /F4 9 Tf (1 \\) / 1) Tj ET /P <</MCID 0>> BDC BT (x) Tj ET EMC")
                == "/Artifact BMC\nq 1 1 1 rg 0 0 9 9 re f Q BT /F4 9 Tf (1 \\) / 1) Tj ET\nEMC /P <</MCID 0>> BDC BT (x) Tj ET EMC")
        // Everything tagged or an artifact already: unchanged.
        let tagged = "/P <</MCID 0>> BDC 0 0 9 9 re f EMC /Artifact BMC (y) Tj EMC q Q"
        #expect(wrapped(tagged) == tagged)
        // Untagged text inside a text object that goes on with tagged text: wrapped inside it.
        #expect(
            wrapped("BT /F1 9 Tf (a) Tj /P <</MCID 1>> BDC (b) Tj EMC ET 0 0 1 1 re S")
                == "BT /Artifact BMC\n/F1 9 Tf (a) Tj\nEMC /P <</MCID 1>> BDC (b) Tj EMC ET /Artifact BMC\n0 0 1 1 re S\nEMC")
        // A span with /ActualText outside the tree belongs to the run around it.
        #expect(
            wrapped("/Span <</ActualText (fi)>> BDC BT (f) Tj ET EMC")
                == "/Artifact BMC\n/Span <</ActualText (fi)>> BDC BT (f) Tj ET EMC\nEMC")
    }

    @Test func rulesOutsideFiguresBecomeArtifactsAndLeaveTheTree() throws {
        // A heading (element 10) whose own content is its underline (MCID 0) and whose text is
        // in a NonStruct (element 11, MCID 1); a NonStruct holding only a rule (element 12, MCID 2);
        // a chart (element 13, a Figure) whose bars are paths (MCID 3).
        var document = sampleDocument(ids: [1, 2, 3, 4], outlineTitles: ["A"])
        func element(_ number: Int, _ type: String, parent: Int, kids: JSONValue) {
            var dictionary = document.dictionary(number) ?? [:]
            dictionary["/S"] = .name(type)
            dictionary["/P"] = PDFObjects.ref(parent)
            dictionary["/K"] = kids
            document.set(number, dictionary)
        }
        element(10, "H2", parent: 7, kids: .array([.int(0), PDFObjects.ref(11)]))
        element(11, "NonStruct", parent: 10, kids: .int(1))
        element(12, "NonStruct", parent: 7, kids: .int(2))
        element(13, "Figure", parent: 7, kids: .int(3))
        document.set(
            7,
            [
                "/Type": .name("StructElem"), "/S": .name("Document"), "/P": PDFObjects.ref(6),
                "/K": .array([10, 12, 13].map(PDFObjects.ref)),
            ])
        document.set(8, ["/Nums": .array([.int(0), .array([10, 11, 12, 13].map(PDFObjects.ref))])])
        let content =
            "/H2 <</MCID 0>> BDC 0 9 99 1 re f EMC /NonStruct <</MCID 1>> BDC BT (Title) Tj ET EMC "
            + "/NonStruct <</MCID 2>> BDC 0 0 m 9 0 l S EMC /Figure <</MCID 3>> BDC 0 0 5 5 re f EMC"
        var page = try #require(document.dictionary(4))
        page["/Contents"] = PDFObjects.ref(40)
        document.set(4, page)
        document.objects[40] = .object([
            "stream": .object(["dict": .object([:]), "data": .string(Data(content.utf8).base64EncodedString())])
        ])
        try document.makeAccessible()
        let data = String(decoding: try #require(try document.streamData(40)), as: UTF8.self)
        #expect(
            data == "/Artifact BMC 0 9 99 1 re f EMC /NonStruct <</MCID 1>> BDC BT (Title) Tj ET EMC "
                + "/Artifact BMC 0 0 m 9 0 l S EMC /Figure <</MCID 3>> BDC 0 0 5 5 re f EMC")
        #expect(document.dictionary(10)?["/K"] == PDFObjects.ref(11))
        #expect(document.dictionary(7)?["/K"] == .array([PDFObjects.ref(10), PDFObjects.ref(13)]))
        #expect(document.dictionary(8)?["/Nums"] == .array([.int(0), .array([.null, PDFObjects.ref(11), .null, PDFObjects.ref(13)])]))
        // The emptied NonStruct's id left the id tree (ids 1–4 are elements 10–13).
        let names = document.dictionary(9)?["/Names"]?.array ?? []
        #expect(names.count == 6 && !names.contains(PDFObjects.ref(12)))
    }

    @Test func aFigureThatGroupsBecomesADivAndTypesAreMapped() throws {
        var document = sampleDocument(ids: [1, 2], outlineTitles: ["A"])
        // Element 10 (a figure around element 11, the chart with its text) and element 11.
        var outer = try #require(document.dictionary(10))
        outer["/S"] = .name("Figure")
        outer["/K"] = .array([PDFObjects.ref(11)])
        document.set(10, outer)
        var chart = try #require(document.dictionary(11))
        chart["/S"] = .name("Figure")
        chart["/Alt"] = .text("Meetings 2016: 6")
        document.set(11, chart)
        var emphasis = try #require(document.dictionary(11))
        emphasis["/S"] = .name("Strong")
        emphasis["/Alt"] = nil
        document.objects[12] = .object(["value": .object(emphasis)])
        try document.makeAccessible()
        #expect(document.dictionary(10)?["/S"] == .name("Div") && document.dictionary(11)?["/S"] == .name("Figure"))
        let tree = try #require(document.dictionary(6))
        #expect(tree["/RoleMap"] == .object(["/Strong": .name("Span")]))
    }

    @Test func annotationsArePrintableDescribedAndTabbedInStructureOrder() throws {
        var document = sampleDocument(ids: [1], outlineTitles: ["A"])
        var page = try #require(document.dictionary(4))
        page["/Annots"] = .array([
            .object([
                "/Subtype": .name("Link"), "/F": .int(2), "/A": .object(["/S": .name("URI"), "/URI": .string("https://example.org/")]),
            ])
        ])
        page["/Tabs"] = nil
        document.set(4, page)
        try document.makeAccessible(linkTexts: ["https://example.org/": "the report", "https://other.org/": "other"])
        let annotated = try #require(document.dictionary(4))
        #expect(annotated["/Tabs"] == .name("S"))
        let link = try #require(annotated["/Annots"]?.array?.first?.object)
        #expect(link["/F"] == .int(4) && link["/Contents"] == .text("the report"))
        // Without the text of the page, the address.
        #expect(
            PDFObjects.prepared(annotation: link.merging(["/Contents": .text("")]) { $1 })["/Contents"] == .text("https://example.org/"))
    }
}
