/// What the preview serves at one moment: the files of the last build that succeeded, or the
/// problems of the last one that failed. A value: a rebuild makes a new one.
public struct PreviewSite: Sendable {
    /// Either the built site or why there is none.
    public enum Content: Sendable {
        /// Every file of the site by its path relative to the output folder (`sq/index.html`).
        case site([String: [UInt8]])
        /// The problems that stopped the build, errors first.
        case problems([PreviewProblem])
    }

    /// Names this state of the site; pages compare it with the event stream's to know when to reload.
    public let version: String
    public let content: Content

    public init(version: String, content: Content) {
        self.version = version
        self.content = content
    }

    /// The answer to a GET for `path` (the request's decoded path, `/sq/index.html`).
    ///
    /// Only files of the built site are answered, looked up in memory; HTML pages get the reload
    /// script. While the edition does not build, every HTML request gets the page of problems.
    public func response(forPath path: String) -> PreviewResponse {
        let key = SitePathResolver.key(forPath: path)
        switch content {
        case .problems(let problems):
            let wantsHTML = key.map(ContentType.isHTML) ?? true
            guard wantsHTML else {
                let text = problems.map(\.description).joined(separator: "\n") + "\n"
                return PreviewResponse(status: 500, contentType: ContentType.text, body: Array(text.utf8))
            }
            return html(PreviewPage.problems(problems), status: 500)
        case .site(let files):
            guard let key, let bytes = files[key] else {
                // `/sq` → `/sq/`, so that the page's relative links resolve from its folder.
                if let key, files[key + "/index.html"] != nil {
                    return PreviewResponse(status: 301, contentType: ContentType.text, body: [], location: "/" + key + "/")
                }
                return notFound(path: path)
            }
            let type = ContentType.forPath(key)
            let body = type == ContentType.html ? ReloadScript.inject(into: bytes, version: version) : bytes
            return PreviewResponse(status: 200, contentType: type, body: body)
        }
    }

    /// The page for a request path that names no file (one that could not even be decoded).
    func notFound(path: String) -> PreviewResponse {
        html(PreviewPage.notFound(path: path), status: 404)
    }

    private func html(_ page: String, status: Int) -> PreviewResponse {
        let body = ReloadScript.inject(into: Array(page.utf8), version: version, keepsScroll: false)
        return PreviewResponse(status: status, contentType: ContentType.html, body: body)
    }
}

/// An HTTP answer, before it meets the server library.
public struct PreviewResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// Where a redirect points.
    public var location: String?

    public init(status: Int, contentType: String, body: [UInt8], location: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.location = location
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}
