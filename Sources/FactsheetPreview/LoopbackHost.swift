/// Which `Host` headers the preview answers: only names of this machine's loopback address.
///
/// Listening on 127.0.0.1 keeps other machines out; checking the name as well keeps out web
/// pages that rebind their own domain name to 127.0.0.1 to read the drafts (DNS rebinding).
/// Only `127.0.0.1` and `localhost` (any case), each with an optional port of ASCII digits, are
/// allowed: `127.0.0.1.evil.com`, `localhost:8017@evil`, `[::1]` and every other form are not.
enum LoopbackHost {
    static let names: Set<String> = ["127.0.0.1", "localhost"]

    /// Whether a request with this `Host` header (`127.0.0.1:8017`) may be answered. A request
    /// without one is judged by the server (HTTP/1.0 may omit it, HTTP/1.1 may not).
    static func allows(_ header: String) -> Bool {
        var name = Substring(header)
        if let colon = name.lastIndex(of: ":"), name[name.index(after: colon)...].allSatisfy({ $0.isASCII && $0.isWholeNumber }) {
            name = name[..<colon]
        }
        return names.contains(name.lowercased())
    }
}
