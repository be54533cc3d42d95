import Testing

@testable import FactsheetPreview

@Suite struct PreviewServerTests {
    static let page = Array("<!DOCTYPE html>\n<html><body><p>sheet</p></body>\n</html>\n".utf8)
    static let site = PreviewSite(version: "ab-3", content: .site(["index.html": page, "sq/index.html": page]))

    static func head(_ text: String) throws -> RequestHead {
        let bytes = Array(text.utf8)
        let end = try #require(RequestHead.end(in: bytes))
        return try RequestHead.parse(bytes[..<end])
    }

    static func answer(_ text: String) throws -> PreviewAnswer {
        PreviewAnswer.to(try head(text), site: site)
    }

    @Test func headsAreReadWithCRLFOrLF() throws {
        let head = try Self.head("GET /sq/?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8017\r\nAccept:  */* \r\n\r\n")
        #expect(head.method == "GET")
        #expect(head.target == "/sq/?x=1")
        #expect(head.minorVersion == 1)
        #expect(head.values("host") == ["127.0.0.1:8017"])
        #expect(head.values("accept") == ["*/*"])
        #expect(try Self.head("HEAD / HTTP/1.0\nHost: localhost\n\n").minorVersion == 0)
    }

    @Test func theEndOfAHeadIsFoundAcrossReads() {
        let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET".utf8)
        for split in 0..<bytes.count {
            #expect(RequestHead.end(in: bytes, from: split) == 27 || split > 27)
        }
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\r\nHost: a\r\n".utf8)) == nil)
    }

    @Test(arguments: [
        "GET /\r\n\r\n", "GET / HTTP/1.1 x\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1\r\n\r\n", "GET / http/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : localhost\r\n\r\n", "GET / HTTP/1.1\r\nX: y\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: local\rhost\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\u{0}b\r\n\r\n", "GET / HTTP/1.1\r\nNo colon\r\n\r\n",
        "G(T / HTTP/1.1\r\n\r\n", "GET /\ta HTTP/1.1\r\n\r\n",
    ])
    func malformedHeadsAreRefused(text: String) {
        let bytes = Array(text.utf8)
        #expect(throws: RequestHead.Failure.malformed) { try RequestHead.parse(bytes[...]) }
    }

    @Test func otherVersionsAre505() {
        #expect(throws: RequestHead.Failure.unsupportedVersion) { try RequestHead.parse(Array("GET / HTTP/2.0\r\n\r\n".utf8)[...]) }
        #expect(PreviewAnswer.unsupportedVersion.status == 505)
    }

    @Test(arguments: [
        ("/", "/"), ("/sq/index.html?x=1", "/sq/index.html"), ("/%2e%2e/x", "/../x"), ("/%2E%2E%2Fx", "/../x"),
        ("/%252e%252e/x", "/%2e%2e/x"), ("/gjilan%C3%AB.html", "/gjilanë.html"),
    ])
    func pathsAreDecodedOnce(target: String, path: String) {
        #expect(RequestHead.decodedPath(of: target) == path)
    }

    @Test(arguments: [
        "/%c0%ae%c0%ae/etc/passwd", "/%e0%80%ae/x", "/%ed%a0%80", "/%ff", "/%", "/%2", "/%zz", "/%u002e", "http://evil.com/",
        "*", "sq/index.html",
    ])
    func undecodablePathsAreNone(target: String) {
        #expect(RequestHead.decodedPath(of: target) == nil)
    }

    @Test(arguments: [
        "/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/", "/..%2fetc%2fpasswd", "/%252e%252e/etc/passwd", "/..\\etc\\passwd",
        "/%5c..%5cetc", "/%c0%ae%c0%ae/etc/passwd", "/./index.html", "/sq/./index.html", "//etc/passwd", "/sq//index.html",
        "/sq/%2e%2e", "/index.html%00", "/%0a/index.html", "/%7f/index.html",
    ])
    func traversalInEveryEncodingIsNotFound(target: String) throws {
        let answer = try Self.answer("GET \(target) HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(answer.status == 404)
    }

    @Test(arguments: [
        "evil.com", "127.0.0.1.evil.com", "localhost.evil.com", "localhost:8017@evil", "evil.com:8017", "[::1]", "[::1]:8017",
        "[::ffff:127.0.0.1]", "::1", "127.1", "0.0.0.0", "localhost.", "localhost:٨٠", "localhost:８０", "", "127.0.0.1 x",
    ])
    func foreignHostsAreForbidden(host: String) throws {
        #expect(!LoopbackHost.allows(host))
        #expect(try Self.answer("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n").status == 403)
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.1:8017", "localhost", "LocalHost:1", "127.0.0.1:"])
    func loopbackHostsAreAnswered(host: String) throws {
        #expect(LoopbackHost.allows(host))
        #expect(try Self.answer("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n").status == 200)
    }

    @Test func aMissingOrRepeatedHostIs400() throws {
        #expect(try Self.answer("GET / HTTP/1.1\r\n\r\n").status == 400)
        #expect(try Self.answer("GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.com\r\n\r\n").status == 400)
        #expect(try Self.answer("GET / HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\n\r\n").status == 400)
        // HTTP/1.0 may leave it out; no browser does, so no page can use it to rebind.
        let old = try Self.answer("GET / HTTP/1.0\r\n\r\n")
        #expect(old.status == 200)
        #expect(old.closes)
    }

    @Test func onlyPathsAreTargets() throws {
        for target in ["http://localhost/", "*", "localhost:80", "sq/"] {
            #expect(try Self.answer("GET \(target) HTTP/1.1\r\nHost: localhost\r\n\r\n").status == 400)
        }
    }

    @Test func methodsOtherThanGetAndHeadAre405() throws {
        let answer = try Self.answer("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\n")
        #expect(answer.status == 405)
        #expect(answer.fields.contains(RequestHead.Field(name: "Allow", value: "GET, HEAD")))
        // Its body is never read: the connection closes after the answer.
        #expect(answer.closes)
        #expect(try Self.answer("get / HTTP/1.1\r\nHost: localhost\r\n\r\n").status == 405)
    }

    @Test func bodiesCloseTheConnectionAndBadLengthsAre400() throws {
        #expect(try !Self.answer("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n").closes)
        #expect(try Self.answer("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\n").closes)
        #expect(try Self.answer("GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n").closes)
        #expect(try Self.answer("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n").status == 400)
        #expect(try Self.answer("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").status == 400)
        #expect(try Self.answer("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive, Close\r\n\r\n").closes)
    }

    @Test func answersCarryTheirHeaders() throws {
        let get = try Self.answer("GET /sq/index.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let text = String(decoding: get.bytes(sendsBody: true), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(get.body.count)\r\n"))
        #expect(text.contains("\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n<!DOCTYPE html>"))
        let head = String(decoding: get.bytes(sendsBody: false), as: UTF8.self)
        #expect(head.hasSuffix("\r\n\r\n"))
        #expect(head.contains("Content-Length: \(get.body.count)\r\n"))
        let redirect = try Self.answer("GET /sq HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(redirect.status == 301)
        #expect(redirect.fields == [RequestHead.Field(name: "Location", value: "/sq/")])
        let events = try Self.answer("GET /__factsheet/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(events.isEventStream)
        #expect(!String(decoding: events.bytes(sendsBody: true), as: UTF8.self).contains("Content-Length"))
    }

    @Test func refusalsShowNoSwiftValue() {
        for answer in [PreviewAnswer.malformed, .unsupportedVersion, .headTooLarge, .timedOut] {
            let text = String(decoding: answer.body, as: UTF8.self)
            #expect(!text.contains("Optional(") && !text.contains("Failure") && text.hasSuffix(".\n"))
        }
        #expect(String(decoding: PreviewAnswer.timedOut.body, as: UTF8.self).contains("10 seconds"))
    }

    @Test func theCapEndsTheOldestWaitingConnectionFirst() {
        let table = ConnectionTable(capacity: 3)
        let later = ContinuousClock.now + .seconds(60)
        var tasks: [UInt64: Task<Void, Never>] = [:]
        func open() -> UInt64 {
            table.open(deadline: later) { id in
                let task = Task<Void, Never> { try? await Task.sleep(for: .seconds(60)) }
                tasks[id] = task
                return task
            }
        }
        let stream = open()
        let waiting = open()
        let answering = open()
        table.set(stream, .streaming, deadline: nil)
        table.set(answering, .answering, deadline: later)
        let fourth = open()
        #expect(table.ending(of: waiting) == .evicted)
        #expect(tasks[waiting]?.isCancelled == true)
        #expect(table.ending(of: stream) == nil)
        table.remove(waiting)
        let fifth = open()
        #expect(table.ending(of: fourth) == .evicted)
        table.remove(fourth)
        // No connection waits for a request: the oldest event stream goes, never an answer.
        table.set(fifth, .answering, deadline: later)
        _ = open()
        #expect(table.ending(of: stream) == .evicted)
        #expect(table.ending(of: answering) == nil)
        #expect(table.ending(of: fifth) == nil)
        for task in tasks.values { task.cancel() }
    }

    @Test func deadlinesEndConnections() {
        let table = ConnectionTable(capacity: 10)
        let now = ContinuousClock.now
        let task = Task<Void, Never> { try? await Task.sleep(for: .seconds(60)) }
        let id = table.open(deadline: now + .seconds(10)) { _ in task }
        #expect(table.endExpired(at: now + .seconds(9)) == 0)
        #expect(table.endExpired(at: now + .seconds(10)) == 1)
        #expect(table.ending(of: id) == .deadline)
        #expect(task.isCancelled)
        let streaming = table.open(deadline: now) { _ in Task {} }
        table.set(streaming, .streaming, deadline: nil)
        #expect(table.endExpired(at: now + .seconds(3600)) == 0)
    }
}
