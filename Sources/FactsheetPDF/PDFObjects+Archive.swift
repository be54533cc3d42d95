import Foundation

/// The edits that make a printed sheet an archive copy: stable structure ids, outline titles
/// as the page writes them, and the document's description.
extension PDFObjects {
    /// Applies `transform` to every string in object values and stream dictionaries (not to
    /// stream data) and in the trailer.
    mutating func mapStrings(_ transform: (String) -> String) {
        for (number, entry) in objects {
            if let value = entry["value"] {
                objects[number] = .object(["value": value.mappingStrings(transform)])
            } else if var stream = entry["stream"]?.object, let dict = stream["dict"] {
                stream["dict"] = dict.mappingStrings(transform)
                objects[number] = .object(["stream": .object(stream)])
            }
        }
        trailer = JSONValue.object(trailer).mappingStrings(transform).object ?? trailer
    }

    /// Renames the structure elements' ids (`/ID`, and every use of them: the id tree, table
    /// header references) to `node00000001`, `node00000002`, … from `first`, in the order the
    /// elements stand in the structure tree (the page's order); returns how many there are.
    ///
    /// Chromium names them after DOM node numbers, which depend on what the browser loaded
    /// before, and are not even in the page's order every time (in some prints the five header
    /// cells of a municipal table came out with their numbers rotated), so the same page printed
    /// twice would differ. The id tree's keys are sorted again after the renaming.
    @discardableResult
    public mutating func normalizeStructureIDs(startingAt first: Int = 1) -> Int {
        var ids: Set<String> = []
        for number in objects.keys {
            guard let element = dictionary(number), element["/Type"] == .name("StructElem"),
                let id = element["/ID"]?.string
            else { continue }
            ids.insert(id)
        }
        guard !ids.isEmpty else { return 0 }

        // Depth first from the tree's root, as the elements stand on the page.
        var ordered: [String] = []
        var seen: Set<String> = []
        var visited: Set<Int> = []
        func walk(_ value: JSONValue?) {
            guard let value else { return }
            if let items = value.array {
                for item in items { walk(item) }
                return
            }
            if let number = value.string.flatMap(Self.reference), !visited.insert(number).inserted { return }
            guard let element = dictionary(value), element["/Type"] == .name("StructElem") else { return }
            if let id = element["/ID"]?.string, seen.insert(id).inserted { ordered.append(id) }
            walk(element["/K"])
        }
        let treeRoot = root.flatMap { dictionary($0)?["/StructTreeRoot"] }.flatMap { dictionary($0) }
        walk(treeRoot?["/K"])
        // Elements outside the tree (none are expected) follow, in the order of their numbers.
        func key(_ id: String) -> (Int, String) {
            (Int(String(id.reversed().prefix { $0.isNumber }.reversed())) ?? 0, id)
        }
        ordered += ids.subtracting(seen).sorted { key($0) < key($1) }

        var renamed: [String: String] = [:]
        for (index, id) in ordered.enumerated() {
            let digits = String(first + index)
            renamed[id] = "u:node" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        }
        mapStrings { renamed[$0] ?? $0 }
        sortNameTree(treeRoot?["/IDTree"])
        return ordered.count
    }

    /// Puts a name tree's keys back in order after they were renamed, keeping its shape: each
    /// leaf keeps as many entries as it had, and every node's `/Limits` follow its keys.
    mutating func sortNameTree(_ node: JSONValue?) {
        var leaves: [Int] = []
        var entries: [(key: JSONValue, value: JSONValue)] = []
        var visited: Set<Int> = []
        func collect(_ value: JSONValue?) {
            guard let number = value?.string.flatMap(Self.reference), visited.insert(number).inserted,
                let node = dictionary(number)
            else { return }
            if let names = node["/Names"]?.array {
                leaves.append(number)
                for index in stride(from: 0, to: names.count - 1, by: 2) { entries.append((names[index], names[index + 1])) }
            }
            for kid in node["/Kids"]?.array ?? [] { collect(kid) }
        }
        collect(node)
        entries.sort { ($0.key.string ?? "") < ($1.key.string ?? "") }
        var next = 0
        for leaf in leaves {
            guard var dictionary = dictionary(leaf) else { continue }
            let count = (dictionary["/Names"]?.array?.count ?? 0) / 2
            let part = entries[next..<(next + count)]
            next += count
            dictionary["/Names"] = .array(part.flatMap { [$0.key, $0.value] })
            if dictionary["/Limits"] != nil, let low = part.first?.key, let high = part.last?.key {
                dictionary["/Limits"] = .array([low, high])
            }
            set(leaf, dictionary)
        }
        // Limits of the nodes above the leaves, from the bottom up.
        var done: Set<Int> = []
        func limits(_ value: JSONValue?) -> (JSONValue, JSONValue)? {
            guard let number = value?.string.flatMap(Self.reference), done.insert(number).inserted,
                var dictionary = dictionary(number)
            else { return nil }
            if let names = dictionary["/Names"]?.array {
                return names.count >= 2 ? (names[0], names[names.count - 2]) : nil
            }
            let spans = (dictionary["/Kids"]?.array ?? []).compactMap(limits)
            guard let low = spans.first?.0, let high = spans.last?.1 else { return nil }
            if dictionary["/Limits"] != nil {
                dictionary["/Limits"] = .array([low, high])
                set(number, dictionary)
            }
            return (low, high)
        }
        _ = limits(node)
    }

    /// Replaces outline titles with the headings' text where the two differ only in white
    /// space: Chromium drops the space at a line break inside a heading ("whorepresents").
    public mutating func repairOutlineTitles(headings: [String]) {
        func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }
        let wanted = headings.map { ($0, squeezed($0)) }
        var next = 0
        for (item, _) in outlineItems() {
            guard var dictionary = dictionary(item), let title = dictionary["/Title"]?.text else { continue }
            let key = squeezed(title)
            guard let found = wanted[next...].firstIndex(where: { $0.1 == key }) else { continue }
            next = found + 1
            if wanted[found].0 != title {
                dictionary["/Title"] = .text(wanted[found].0)
                set(item, dictionary)
            }
        }
    }

    /// Writes the document information and the catalog's language; asks viewers to show the
    /// title and, when there is an outline, the bookmarks.
    public mutating func describe(_ metadata: PDFMetadata) {
        let producer = info.flatMap { dictionary($0)?["/Producer"] }
        let infoDictionary = metadata.infoDictionary(producer: producer)
        if let info {
            set(info, infoDictionary)
        } else {
            trailer["/Info"] = Self.ref(add(infoDictionary))
        }
        guard let root, var catalog = dictionary(root) else { return }
        catalog["/Lang"] = .text(metadata.language)
        var preferences = self.dictionary(catalog["/ViewerPreferences"]) ?? ["/Type": .name("ViewerPreferences")]
        preferences["/DisplayDocTitle"] = .bool(true)
        catalog["/ViewerPreferences"] = .object(preferences)
        if catalog["/Outlines"] != nil { catalog["/PageMode"] = .name("UseOutlines") }
        set(root, catalog)
    }
}
