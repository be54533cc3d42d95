import Foundation

/// Binds finished sheet PDFs into one edition: every page in order, one bookmark per sheet with
/// the sheet's own bookmarks below it, one structure tree, page labels running from 1.
///
/// Works on qpdf's objects only; qpdf writes the result (``QPDF/write(_:to:work:)``).
public struct EditionBinder: Sendable {
    /// One sheet to bind: its objects and the name its bookmark shows.
    public struct Sheet: Sendable {
        public let objects: PDFObjects
        public let name: String
        public init(objects: PDFObjects, name: String) {
            self.objects = objects
            self.name = name
        }
    }

    public init() {}

    public func bind(_ sheets: [Sheet], metadata: PDFMetadata) throws -> PDFObjects {
        guard let firstSheet = sheets.first else { throw PDFError("an edition needs at least one sheet") }
        var edition = PDFObjects(header: firstSheet.objects.header, objects: [:], trailer: [:])
        var pages: [Int] = []
        var bookmarks: [(name: String, firstPage: Int, children: [Int])] = []
        var parts: [Int] = []
        var idEntries: [(String, JSONValue)] = []  // names as qpdf writes them (`u:node00000001`)
        var parentEntries: [(Int, JSONValue)] = []
        var roleMap: [String: JSONValue] = [:]
        var nextKey = 0
        var nextID = 1
        var producer: JSONValue?

        for sheet in sheets {
            var document = sheet.objects.renumbered(by: edition.maxNumber)
            nextID += document.normalizeStructureIDs(startingAt: nextID)
            guard let root = document.root, let catalog = document.dictionary(root) else {
                throw PDFError("\(sheet.name): the PDF has no catalog")
            }
            if producer == nil { producer = document.info.flatMap { document.dictionary($0)?["/Producer"] } }
            // The sheet's catalog goes, with its XMP and colour profile: the edition has its own.
            var dropped: Set<Int> = [root]
            dropped.formUnion(document.identificationObjects())
            if let info = document.info { dropped.insert(info) }

            // The structure tree: its elements move below one Document; keys into the parent
            // tree (pages' /StructParents, annotations' /StructParent) follow each other.
            let keyOffset = nextKey
            if let treeRoot = catalog["/StructTreeRoot"]?.string.flatMap(PDFObjects.reference), let tree = document.dictionary(treeRoot) {
                dropped.insert(treeRoot)
                let parentTree = document.flattenTree(tree["/ParentTree"], entries: "/Nums", dropping: &dropped)
                var sheetKeys = 0
                for (key, value) in parentTree {
                    guard let number = key.int else { continue }
                    parentEntries.append((number + keyOffset, value))
                    sheetKeys = max(sheetKeys, number + 1)
                }
                nextKey += max(sheetKeys, tree["/ParentTreeNextKey"]?.int ?? 0)
                for (key, value) in document.flattenTree(tree["/IDTree"], entries: "/Names", dropping: &dropped) {
                    if let name = key.string { idEntries.append((name, value)) }
                }
                if let map = document.dictionary(tree["/RoleMap"]) { roleMap.merge(map) { old, _ in old } }
                let top = tree["/K"].map { $0.array ?? [$0] } ?? []
                parts += top.compactMap { $0.string.flatMap(PDFObjects.reference) }
            }
            if keyOffset > 0 { document.offsetStructParents(by: keyOffset) }

            let sheetPages = document.pages()
            guard let firstPage = sheetPages.first?.number else { throw PDFError("\(sheet.name): the PDF has no pages") }
            for (page, inherited) in sheetPages {
                guard var dictionary = document.dictionary(page) else { continue }
                dictionary.merge(inherited) { own, _ in own }
                document.set(page, dictionary)
                pages.append(page)
            }
            var pageTree: [Int] = []
            if let pagesRoot = catalog["/Pages"]?.string.flatMap(PDFObjects.reference) {
                document.collectPageTreeNodes(pagesRoot, into: &pageTree)
            }
            dropped.formUnion(pageTree)

            var children: [Int] = []
            if let outline = document.outlineRoot {
                children = document.outlineChildren(of: outline)
                dropped.insert(outline)
            }
            bookmarks.append((sheet.name, firstPage, children))
            for number in dropped { document.objects[number] = nil }
            edition.objects.merge(document.objects) { _, new in new }
        }

        // New objects: numbers are taken one after another above the sheets' objects.
        let catalog = edition.add(.null)
        let pagesRoot = edition.add(.null)
        for page in pages {
            guard var dictionary = edition.dictionary(page) else { continue }
            dictionary["/Parent"] = PDFObjects.ref(pagesRoot)
            edition.set(page, dictionary)
        }
        edition.set(pagesRoot, ["/Type": .name("Pages"), "/Kids": .array(pages.map(PDFObjects.ref)), "/Count": .int(pages.count)])

        var catalogDictionary: [String: JSONValue] = [
            "/Type": .name("Catalog"), "/Pages": PDFObjects.ref(pagesRoot),
            "/PageLabels": .object(["/Nums": .array([.int(0), .object(["/S": .name("D")])])]),
        ]
        if !parts.isEmpty {
            catalogDictionary["/StructTreeRoot"] = PDFObjects.ref(
                edition.bindStructure(parts, parentEntries, idEntries, roleMap, nextKey: nextKey))
            catalogDictionary["/MarkInfo"] = .object(["/Type": .name("MarkInfo"), "/Marked": .bool(true)])
        }
        catalogDictionary["/Outlines"] = PDFObjects.ref(edition.bindOutline(bookmarks))
        edition.set(catalog, catalogDictionary)
        // qpdf writes /Size itself, but only into a trailer that has the key.
        edition.trailer = ["/Root": PDFObjects.ref(catalog), "/Info": PDFObjects.ref(edition.add(.null)), "/Size": .int(0)]
        edition.describe(metadata)
        if let producer, let info = edition.info, var dictionary = edition.dictionary(info) {
            dictionary["/Producer"] = producer
            edition.set(info, dictionary)
        }
        return edition
    }
}

extension PDFObjects {
    /// The entries of a number tree (`/Nums`) or name tree (`/Names`) as key–value pairs, in
    /// order; the tree's nodes are added to `dropping`.
    func flattenTree(_ node: JSONValue?, entries key: String, dropping: inout Set<Int>) -> [(JSONValue, JSONValue)] {
        var result: [(JSONValue, JSONValue)] = []
        var visited: Set<Int> = []
        func walk(_ node: JSONValue?) {
            if let number = node?.string.flatMap(Self.reference) {
                guard visited.insert(number).inserted else { return }
                dropping.insert(number)
            }
            guard let dictionary = dictionary(node) else { return }
            let flat = dictionary[key]?.array ?? []
            var index = 0
            while index + 1 < flat.count {
                result.append((flat[index], flat[index + 1]))
                index += 2
            }
            for kid in dictionary["/Kids"]?.array ?? [] { walk(kid) }
        }
        walk(node)
        return result
    }

    /// Raises every `/StructParents` and `/StructParent` key by `offset`.
    mutating func offsetStructParents(by offset: Int) {
        for number in objects.keys {
            guard var dictionary = dictionary(number) else { continue }
            var changed = false
            for key in ["/StructParents", "/StructParent"] {
                if let value = dictionary[key]?.int {
                    dictionary[key] = .int(value + offset)
                    changed = true
                }
            }
            if changed { set(number, dictionary) }
        }
        // Annotations written inline in a page's /Annots array.
        for number in objects.keys {
            guard var page = dictionary(number), let annotations = page["/Annots"]?.array, annotations.contains(where: { $0.object != nil })
            else { continue }
            page["/Annots"] = .array(
                annotations.map { annotation in
                    guard var inline = annotation.object, let key = inline["/StructParent"]?.int else { return annotation }
                    inline["/StructParent"] = .int(key + offset)
                    return .object(inline)
                })
            set(number, page)
        }
    }

    /// The page-tree nodes (not the pages) from `node` down.
    func collectPageTreeNodes(_ node: Int, into nodes: inout [Int]) {
        guard !nodes.contains(node), let dictionary = dictionary(node), dictionary["/Kids"] != nil else { return }
        nodes.append(node)
        for kid in dictionary["/Kids"]?.array ?? [] {
            if let number = kid.string.flatMap(Self.reference) { collectPageTreeNodes(number, into: &nodes) }
        }
    }

    /// One structure tree over the sheets' top elements (each becomes a `Part` of one
    /// `Document`); returns the tree root's number.
    mutating func bindStructure(
        _ parts: [Int], _ parentEntries: [(Int, JSONValue)], _ idEntries: [(String, JSONValue)], _ roleMap: [String: JSONValue],
        nextKey: Int
    ) -> Int {
        let treeRoot = add(.null)
        let document = add(.null)
        for part in parts {
            guard var element = dictionary(part) else { continue }
            element["/P"] = Self.ref(document)
            if element["/S"] == .name("Document") { element["/S"] = .name("Part") }
            set(part, element)
        }
        set(document, ["/Type": .name("StructElem"), "/S": .name("Document"), "/P": Self.ref(treeRoot), "/K": .array(parts.map(Self.ref))])
        let parentTree = add(["/Nums": .array(parentEntries.sorted { $0.0 < $1.0 }.flatMap { [JSONValue.int($0.0), $0.1] })])
        var tree: [String: JSONValue] = [
            "/Type": .name("StructTreeRoot"), "/K": Self.ref(document), "/ParentTree": Self.ref(parentTree),
            "/ParentTreeNextKey": .int(nextKey),
        ]
        if !idEntries.isEmpty {
            let names = idEntries.sorted { $0.0 < $1.0 }.flatMap { [JSONValue.string($0.0), $0.1] }
            tree["/IDTree"] = Self.ref(add(["/Names": .array(names)]))
        }
        if !roleMap.isEmpty { tree["/RoleMap"] = .object(roleMap) }
        set(treeRoot, tree)
        return treeRoot
    }

    /// The outline: one closed bookmark per sheet, at its first page, holding the sheet's own
    /// bookmarks; returns the outline root's number.
    mutating func bindOutline(_ bookmarks: [(name: String, firstPage: Int, children: [Int])]) -> Int {
        let outline = add(.null)
        let items = bookmarks.map { _ in add(.null) }
        for (index, bookmark) in bookmarks.enumerated() {
            var item: [String: JSONValue] = [
                "/Title": .text(bookmark.name), "/Parent": Self.ref(outline),
                "/Dest": .array([Self.ref(bookmark.firstPage), .name("Fit")]),
            ]
            if index > 0 { item["/Prev"] = Self.ref(items[index - 1]) }
            if index + 1 < items.count { item["/Next"] = Self.ref(items[index + 1]) }
            if let first = bookmark.children.first, let last = bookmark.children.last {
                item["/First"] = Self.ref(first)
                item["/Last"] = Self.ref(last)
                var visible = 0
                for child in bookmark.children {
                    guard var dictionary = dictionary(child) else { continue }
                    visible += 1 + max(0, dictionary["/Count"]?.int ?? 0)
                    dictionary["/Parent"] = Self.ref(items[index])
                    set(child, dictionary)
                }
                // Negative: closed, with this many items shown when opened.
                item["/Count"] = .int(-visible)
            }
            set(items[index], item)
        }
        var root: [String: JSONValue] = ["/Type": .name("Outlines"), "/Count": .int(items.count)]
        if let first = items.first, let last = items.last {
            root["/First"] = Self.ref(first)
            root["/Last"] = Self.ref(last)
        }
        set(outline, root)
        return outline
    }
}
