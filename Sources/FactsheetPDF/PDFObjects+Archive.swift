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
    /// header references) to `node00000001`, `node00000002`, … from `first`, in the order of the
    /// originals; returns how many there are.
    ///
    /// Chromium names them after DOM node numbers, which depend on what the browser loaded
    /// before, so the same page printed twice would differ.
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
        func key(_ id: String) -> (Int, String) {
            (Int(String(id.reversed().prefix { $0.isNumber }.reversed())) ?? 0, id)
        }
        let ordered = ids.sorted { key($0) < key($1) }
        var renamed: [String: String] = [:]
        for (index, id) in ordered.enumerated() {
            let digits = String(first + index)
            renamed[id] = "u:node" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        }
        mapStrings { renamed[$0] ?? $0 }
        return ordered.count
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
