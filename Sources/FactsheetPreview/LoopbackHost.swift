/// Which `Host` headers the preview answers: only names of this machine's loopback address.
///
/// Listening on 127.0.0.1 keeps other machines out; checking the name as well keeps out web
/// pages that rebind their own domain name to 127.0.0.1 to read the drafts (DNS rebinding).
enum LoopbackHost {
    static let names: Set<String> = ["127.0.0.1", "localhost"]

    /// Whether a request with this `Host` header (`127.0.0.1:8017`) may be answered; a request
    /// without one (HTTP/1.0) may, as no browser sends such a request.
    static func allows(_ header: String?) -> Bool {
        guard let header else { return true }
        var name = Substring(header)
        if let colon = name.lastIndex(of: ":"), name[name.index(after: colon)...].allSatisfy(\.isNumber) {
            name = name[..<colon]
        }
        return names.contains(name.lowercased())
    }
}
