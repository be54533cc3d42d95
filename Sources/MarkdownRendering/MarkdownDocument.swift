internal import CCmarkGFM
import Foundation

/// A fenced code block found in a Markdown document, such as ```` ```chart women_representatives ````.
public struct FencedBlock: Sendable, Equatable {
    /// The info string after the opening fence, trimmed ("chart women_representatives").
    public let info: String
    /// 1-based line of the opening fence in the Markdown source.
    public let line: Int
    /// Plain text of the closest heading before the block, if any.
    public let precedingHeading: String?
    /// Level (1–6) of the heading when it stands immediately before the block, else nil.
    public let adjacentHeadingLevel: Int?
}

/// A parsed GitHub-flavoured Markdown document; the one type in the project that calls cmark-gfm.
///
/// Raw HTML in the Markdown stays off (cmark's safe mode): it is written as
/// `<!-- raw HTML omitted -->`. Generated markup enters the page only through
/// ``replaceFencedBlocks(withInfoPrefix:absorbingAdjacentHeading:wrappingLeadIn:replacing:)``, which swaps a fenced block for a custom block on the node tree.
/// An instance is not thread-safe; make one per page.
public final class MarkdownDocument {
    /// GFM extensions in use. `autolink` is left out on purpose: it would turn a value such as
    /// "www.x.org" or "a@b.c" into a link, so values would no longer print exactly as written.
    /// Templates link with `<https://…>` or `[text](https://…)`, which CommonMark handles itself.
    private static let extensionNames = ["table", "strikethrough", "tagfilter"]

    /// Registers cmark-gfm's core extensions exactly once per process.
    ///
    /// Swift runs a `static let` initialiser once even under concurrency; call
    /// ``registerExtensions()`` at start-up anyway, before any task starts, as cmark-gfm asks.
    private static let registration: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    /// Registers cmark-gfm's extensions; cheap to call again.
    public static func registerExtensions() {
        _ = registration
    }

    private let parser: OpaquePointer
    private let root: OpaquePointer
    /// The heading each replacement took in, by the custom block that replaced its fenced block.
    private var absorbed: [OpaquePointer: Heading] = [:]
    /// The links each replacement's markup holds, by the custom block that carries it.
    private var placedLinks: [OpaquePointer: [Link]] = [:]

    /// Markup that replaces a fenced block, with the links it holds (for ``links``).
    public struct Replacement {
        public var utf8: [UInt8]
        public var links: [Link]
        public init(utf8: [UInt8], links: [Link] = []) {
            self.utf8 = utf8
            self.links = links
        }
    }

    /// A heading as a reader (or a PDF outline) meets it: its level and its text.
    public struct Heading: Sendable, Hashable {
        public let level: Int
        /// Plain text, runs of white space made one space.
        public let text: String
        public init(level: Int, text: String) {
            self.level = level
            self.text = text
        }
    }

    /// A link of the document: where it leads and its text.
    public struct Link: Sendable, Hashable {
        /// The address as the HTML page's `href` gives it once its character references are
        /// read: bytes outside the URL-safe set written as `%XX`, as cmark-gfm escapes them.
        public let href: String
        public let text: String
        public init(href: String, text: String) {
            self.href = href
            self.text = text
        }
    }

    /// Parses `markdown` with the table, strikethrough and tagfilter extensions.
    public init(markdown: String) {
        Self.registerExtensions()
        let options = CMARK_OPT_DEFAULT
        let parser = cmark_parser_new(options)!
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        self.parser = parser
        self.root = cmark_parser_finish(parser)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Every fenced code block whose info string starts with `prefix` followed by a space, in document order.
    public func fencedBlocks(withInfoPrefix prefix: String) -> [FencedBlock] {
        walkFencedBlocks(prefix: prefix).map { $0.1 }
    }

    /// Replaces fenced blocks whose info string starts with `prefix` by the markup `replacement` returns
    /// (UTF-8 bytes, with the links it holds for the document's outline).
    ///
    /// The markup is placed on the node tree as a custom block, so it is written out as it is
    /// while everything else stays in safe mode. A block for which `replacement` returns nil is
    /// left as a code block. With `absorbingAdjacentHeading`, a heading standing immediately
    /// before a replaced block is removed, for markup that carries the heading itself. With
    /// `wrappingLeadIn`, the paragraph standing just before a replaced block (once its heading
    /// is gone) is written between the two given tags, so a print layout can set it beside the block.
    public func replaceFencedBlocks(
        withInfoPrefix prefix: String, absorbingAdjacentHeading: Bool = false, wrappingLeadIn: (open: String, close: String)? = nil,
        replacing replacement: (FencedBlock) -> Replacement?
    ) {
        for (node, block) in walkFencedBlocks(prefix: prefix) {
            guard let placed = replacement(block) else { continue }
            var markup = placed.utf8
            guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            // cmark copies the text up to its terminating zero.
            let hasZero = markup.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
            }
            if hasZero { markup.removeAll { $0 == 0 } }
            markup.append(0)
            _ = markup.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_node_set_on_enter(custom, $0) }
            }
            cmark_node_set_on_exit(custom, "")
            if !placed.links.isEmpty { placedLinks[custom] = placed.links }
            if absorbingAdjacentHeading, let level = block.adjacentHeadingLevel, let heading = cmark_node_previous(node) {
                absorbed[custom] = Heading(level: min(6, max(1, level)), text: Self.squeezed(Self.plainText(of: heading)))
                cmark_node_unlink(heading)
                cmark_node_free(heading)
            }
            if let wrappingLeadIn, let paragraph = cmark_node_previous(node), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
            {
                cmark_node_set_on_enter(wrapper, wrappingLeadIn.open)
                cmark_node_set_on_exit(wrapper, wrappingLeadIn.close)
                cmark_node_insert_before(paragraph, wrapper)
                cmark_node_unlink(paragraph)
                cmark_node_append_child(wrapper, paragraph)
            }
            cmark_node_replace(node, custom)
            cmark_node_free(node)
        }
    }

    /// Puts every table in a block of its own, for a page that lets a wide table scroll sideways
    /// on a narrow screen: `open(heading)` gives the markup that opens the block, with the text
    /// of the heading just before the table (nil when none stands there); `close` ends it.
    public func wrapTables(close: String, open: (_ heading: String?) -> String) {
        var tables: [OpaquePointer] = []
        visitBlocks { node in
            if let type = cmark_node_get_type_string(node), strcmp(type, "table") == 0 { tables.append(node) }
            return true
        }
        for table in tables {
            guard let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            var heading: String?
            if let previous = cmark_node_previous(table), cmark_node_get_type(previous) == CMARK_NODE_HEADING {
                heading = Self.squeezed(Self.plainText(of: previous))
            }
            cmark_node_set_on_enter(wrapper, open(heading))
            cmark_node_set_on_exit(wrapper, close)
            guard cmark_node_insert_before(table, wrapper) == 1 else {
                cmark_node_free(wrapper)
                continue
            }
            cmark_node_unlink(table)
            if cmark_node_append_child(wrapper, table) != 1 {
                // Not taken in: the table goes back where it stood, without the block.
                cmark_node_insert_before(wrapper, table)
                cmark_node_unlink(wrapper)
                cmark_node_free(wrapper)
            }
        }
    }

    /// Plain text of the first heading, if there is one.
    public var firstHeading: String? {
        var result: String?
        visitBlocks { node in
            guard cmark_node_get_type(node) == CMARK_NODE_HEADING else { return true }
            result = Self.plainText(of: node)
            return false
        }
        return result
    }

    /// Every heading in reading order: the document's own and those that replaced blocks took in
    /// (which their markup carries, at the same level), as the rendered page shows them.
    public var headings: [Heading] {
        var headings: [Heading] = []
        visitBlocks { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: Self.squeezed(Self.plainText(of: node))))
            case CMARK_NODE_CUSTOM_BLOCK:
                if let heading = absorbed[node] { headings.append(heading) }
            default:
                break
            }
            return true
        }
        return headings
    }

    /// Every link in reading order (images left out), with its text as plain text; those of
    /// replaced blocks' markup where the blocks stood.
    public var links: [Link] {
        var links: [Link] = []
        guard let iterator = cmark_iter_new(root) else { return links }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            if let placed = placedLinks[node] {
                links += placed
                continue
            }
            guard cmark_node_get_type(node) == CMARK_NODE_LINK else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            links.append(Link(href: Self.href(url), text: Self.squeezed(Self.plainText(of: node))))
        }
        return links
    }

    /// The document as an HTML fragment.
    public func html() -> String {
        String(decoding: htmlBytes(), as: UTF8.self)
    }

    /// The document as an HTML fragment in UTF-8 bytes, as cmark-gfm wrote it (from valid
    /// UTF-8 input it writes valid UTF-8).
    public func htmlBytes() -> [UInt8] {
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let cString = cmark_render_html(root, CMARK_OPT_DEFAULT, extensions) else { return [] }
        defer { free(cString) }
        return cString.withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            Array(UnsafeBufferPointer(start: start, count: strlen(cString)))
        }
    }

    // MARK: - Internal

    private func walkFencedBlocks(prefix: String) -> [(OpaquePointer, FencedBlock)] {
        var found: [(OpaquePointer, FencedBlock)] = []
        var heading: String?
        visitBlocks { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                heading = Self.plainText(of: node)
            case CMARK_NODE_CODE_BLOCK:
                // cmark trims the info string of spaces and tabs, as CommonMark says.
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                if info == prefix || info.hasPrefix(prefix + " ") {
                    let line = Int(cmark_node_get_start_line(node))
                    var adjacentLevel: Int?
                    if let previous = cmark_node_previous(node), cmark_node_get_type(previous) == CMARK_NODE_HEADING {
                        adjacentLevel = Int(cmark_node_get_heading_level(previous))
                    }
                    found.append(
                        (node, FencedBlock(info: info, line: line, precedingHeading: heading, adjacentHeadingLevel: adjacentLevel)))
                }
            default:
                break
            }
            return true
        }
        return found
    }

    /// Visits the block nodes in document order, going into block quotes, lists and list items
    /// (the blocks that can hold headings and code blocks) but not into paragraphs, headings or
    /// tables, whose many inline nodes cannot; `visit` returns false to stop.
    private func visitBlocks(_ visit: (OpaquePointer) -> Bool) {
        func walk(_ parent: OpaquePointer) -> Bool {
            var child = cmark_node_first_child(parent)
            while let node = child {
                if !visit(node) { return false }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM:
                    if !walk(node) { return false }
                default:
                    break
                }
                child = cmark_node_next(node)
            }
            return true
        }
        _ = walk(root)
    }

    /// `url` escaped by cmark-gfm's own `href` escaping, its `&amp;` and `&#x27;` read back.
    private static func href(_ url: String) -> String {
        var buffer = cmark_strbuf()
        cmark_strbuf_init(cmark_get_default_mem_allocator(), &buffer, 0)
        defer { cmark_strbuf_free(&buffer) }
        var bytes = Array(url.utf8)
        _ = bytes.withUnsafeMutableBufferPointer { houdini_escape_href(&buffer, $0.baseAddress, bufsize_t($0.count)) }
        guard let start = buffer.ptr else { return url }
        let escaped = String(decoding: UnsafeBufferPointer(start: start, count: Int(buffer.size)), as: UTF8.self)
        return escaped.replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `text` with runs of spaces, tabs and line ends made one space and none at the ends.
    private static func squeezed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }
}
