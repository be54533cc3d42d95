/// The `Content-Type` the preview sends for a file of the built site, by its extension.
enum ContentType {
    static let html = "text/html; charset=utf-8"
    static let text = "text/plain; charset=utf-8"
    static let eventStream = "text/event-stream; charset=utf-8"

    /// The media type for `path` (`sq/index.html`, `data/charts/x.csv`); unknown extensions are
    /// sent as bytes to download, never guessed.
    static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        switch name[name.index(after: dot)...].lowercased() {
        case "html", "htm": return html
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "csv": return "text/csv; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "pdf": return "application/pdf"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "txt": return text
        case "png": return "image/png"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        default: return "application/octet-stream"
        }
    }

    static func isHTML(_ path: String) -> Bool {
        forPath(path) == html
    }
}
