/// What the preview answers to one request head, before it is written: pure, so that every
/// refusal can be tested without a socket.
struct PreviewAnswer: Equatable {
    var status: Int
    /// Header fields besides the ones every answer gets (``bytes(sendsBody:)``).
    var fields: [RequestHead.Field] = []
    var contentType = ContentType.text
    var body: [UInt8] = []
    /// Whether the connection is closed after this answer.
    var closes = false
    /// Whether this is the event stream: its body follows, event by event, until the page goes.
    var isEventStream = false

    /// A short plain-text answer: a refusal, in one sentence.
    static func refusal(_ status: Int, _ sentence: String, closes: Bool = true) -> PreviewAnswer {
        PreviewAnswer(status: status, body: Array((sentence + "\n").utf8), closes: closes)
    }

    /// The answer to a head that could not be read, or that was too long.
    static let malformed = refusal(400, "Bad request: not an HTTP/1.1 request the preview understands.")
    static let unsupportedVersion = refusal(505, "HTTP version not supported: the preview speaks HTTP/1.0 and HTTP/1.1.")
    static let headTooLarge = refusal(
        431, "Request header fields too large: a request head may have at most \(RequestHead.maxBytes / 1024) KiB.")
    static let timedOut = refusal(
        408, "Request timeout: the request did not come within \(PreviewServer.headTimeoutSeconds) seconds.")

    /// The status line, the header fields and, unless `sendsBody` is false (HEAD, or the event
    /// stream whose body comes later), the body.
    func bytes(sendsBody: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.phrase(status))\r\n"
        head += "Content-Type: \(contentType)\r\n"
        if !isEventStream { head += "Content-Length: \(body.count)\r\n" }
        head += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
        for field in fields { head += "\(field.name): \(field.value)\r\n" }
        if closes || isEventStream { head += "Connection: close\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if sendsBody && !isEventStream { bytes += body }
        return bytes
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 431: return "Request Header Fields Too Large"
        case 505: return "HTTP Version Not Supported"
        default: return "Internal Server Error"
        }
    }

    /// The answer to `head` with `site` as served now.
    ///
    /// In this order: a missing `Host` on HTTP/1.1 or several `Host` fields are 400, a `Host` that
    /// is not a loopback name is 403, methods other than GET and HEAD are 405, a target that is
    /// not a path (`http://…`, `*`) is 400; then the event stream, or the site's own answer (200,
    /// 301, 404, or 500 while the edition does not build). A path that cannot be decoded (a bad
    /// `%` escape, bytes that are not UTF-8 such as the overlong `%c0%ae`) is a path the site does
    /// not have: 404. A request with a body (GET and HEAD have none) is answered and the
    /// connection then closed, so the body is never read as a request.
    static func to(_ head: RequestHead, site: PreviewSite) -> PreviewAnswer {
        let hosts = head.values("host")
        if hosts.count > 1 || (hosts.isEmpty && head.minorVersion == 1) {
            return refusal(400, "Bad request: an HTTP/1.1 request needs exactly one Host header.")
        }
        if let host = hosts.first, !LoopbackHost.allows(host) {
            return refusal(403, "Forbidden: the preview answers only requests for 127.0.0.1 or localhost.")
        }
        let lengths = head.values("content-length")
        guard lengths.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }), Set(lengths).count <= 1
        else { return refusal(400, "Bad request: the Content-Length header is not one number.") }
        let hasBody = !head.values("transfer-encoding").isEmpty || lengths.contains(where: { $0.contains(where: { $0 != "0" }) })
        let connection = head.values("connection").flatMap { $0.lowercased().split(separator: ",") }
        let closes = hasBody || head.minorVersion == 0 || connection.contains(where: { $0.trimmingSpaces == "close" })
        guard head.method == "GET" || head.method == "HEAD" else {
            var answer = refusal(405, "Method not allowed: the preview answers GET and HEAD only.", closes: closes)
            answer.fields = [RequestHead.Field(name: "Allow", value: "GET, HEAD")]
            return answer
        }
        guard head.target.hasPrefix("/") else {
            return refusal(400, "Bad request: the request target is not a path starting with '/'.")
        }
        guard let path = RequestHead.decodedPath(of: head.target) else {
            // Shown as sent (escaped on the page): it could not be decoded.
            return PreviewAnswer(site.notFound(path: head.target), closes: closes)
        }
        if path == ReloadScript.eventsPath {
            return PreviewAnswer(status: 200, contentType: ContentType.eventStream, closes: true, isEventStream: true)
        }
        return PreviewAnswer(site.response(forPath: path), closes: closes)
    }
}

extension PreviewAnswer {
    /// The site's answer for a path.
    init(_ response: PreviewResponse, closes: Bool) {
        self.init(status: response.status, contentType: response.contentType, body: response.body, closes: closes)
        if let location = response.location { fields = [RequestHead.Field(name: "Location", value: location)] }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
