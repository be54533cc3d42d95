import FlyingFox
import FlyingSocks
import Foundation

/// Serves the preview over HTTP on 127.0.0.1 with FlyingFox: the site from memory, and the
/// event stream that makes open pages reload.
public struct PreviewServer: Sendable {
    /// The port when none is given (documented in the README and in `factsheet preview --help`).
    public static let defaultPort: UInt16 = 8017

    let rebuilder: SiteRebuilder
    let events: ReloadEvents

    public init(rebuilder: SiteRebuilder, events: ReloadEvents) {
        self.rebuilder = rebuilder
        self.events = events
    }

    /// Starts listening on 127.0.0.1 only and returns the port (the one asked for, or the one
    /// the system chose for port 0); the server then runs until the process ends.
    public func start(port: UInt16) async throws -> UInt16 {
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        let handler = ClosureHTTPHandler { [self] request in respond(to: request) }
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handler)
        // Whichever comes first: listening, or `run` failing (the port is taken, say).
        let (started, outcome) = AsyncStream<(any Error)?>.makeStream()
        Task {
            do { try await server.run() } catch { outcome.yield(error) }
        }
        Task {
            do {
                try await server.waitUntilListening(timeout: 10)
                outcome.yield(nil)
            } catch {
                outcome.yield(error)
            }
        }
        for await failure in started {
            if let failure { throw failure }
            break
        }
        // Comments every 10 s find the connections of pages that were closed.
        let events = self.events
        Task.detached {
            while true {
                try? await Task.sleep(for: .seconds(10))
                events.keepAlive()
            }
        }
        if case .ip4(_, let bound) = await server.listeningAddress { return bound }
        return port
    }

    /// GET and HEAD of site files and of the event stream, for loopback host names; nothing else.
    func respond(to request: HTTPRequest) -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            var headers = HTTPHeaders()
            headers[HTTPHeader("Allow")] = "GET, HEAD"
            return HTTPResponse(statusCode: .methodNotAllowed, headers: headers)
        }
        guard LoopbackHost.allows(request.headers[.host]) else {
            return HTTPResponse(statusCode: .forbidden)
        }
        if request.path == ReloadScript.eventsPath {
            let body = HTTPBodySequence(from: EventStreamBody(events: events.subscribe(current: rebuilder.site.version)))
            var headers = HTTPHeaders()
            headers[.contentType] = ContentType.eventStream
            headers[.cacheControl] = "no-store"
            return HTTPResponse(statusCode: .ok, headers: headers, body: body)
        }
        // The path as the browser sent it, percent-decoded but with its `..` segments and trailing
        // slash kept, so the site's own resolver judges it (FlyingFox's `path` has them removed).
        let answer = rebuilder.site.response(forPath: request.target.path(percentEncoded: false))
        var headers = HTTPHeaders()
        headers[.contentType] = answer.contentType
        headers[.cacheControl] = "no-store"
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        if let location = answer.location { headers[.location] = location }
        let status = HTTPStatusCode(answer.status, phrase: Self.phrase(answer.status))
        if request.method == .HEAD {
            headers[.contentLength] = String(answer.body.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        // One write for the whole body: FlyingFox would otherwise send it 4 KiB at a time.
        let body = HTTPBodySequence(data: Data(answer.body), suggestedBufferSize: max(answer.body.count, 4096))
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 404: return "Not Found"
        default: return "Internal Server Error"
        }
    }
}
