/// Turns the path of a request into the key of a file in the built site, or nil.
///
/// The site lives in memory, so no request can reach the disk whatever it holds; this is a second
/// wall: any `.` or `..` segment, empty segment (`//etc/passwd`), backslash, `%` (left by double
/// encoding, `%252e%252e`), NUL or other control character, and anything not starting with `/`,
/// is refused before the lookup.
enum SitePathResolver {
    /// `/` → `index.html`, `/sq/` → `sq/index.html`, `/sq/index.html` → itself; nil for anything
    /// that could name a place outside the site.
    ///
    /// `path` is the request's path after percent-decoding (the server decodes `%2e%2e` to `..`
    /// before this sees it).
    static func key(forPath path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        var relative = path.dropFirst()
        if relative.isEmpty || relative.hasSuffix("/") {
            relative += "index.html"
        }
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            if segment.isEmpty || segment == "." || segment == ".." { return nil }
            if segment.contains("\\") || segment.contains("%") { return nil }
            if segment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return nil }
        }
        return String(relative)
    }
}
