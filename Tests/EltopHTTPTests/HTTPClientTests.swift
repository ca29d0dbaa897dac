import EltopHTTP
import FlyingFox
import Foundation
import EltopTestSupport
import XCTest

/// libcurl over loopback against a real HTTP server: methods, headers, bodies, statuses and timeouts.
final class HTTPClientTests: XCTestCase {
    private var loopback: LoopbackServer!
    private var base: String { loopback.baseURL }

    override func setUp() async throws {
        loopback = try LoopbackServer()
        let server = loopback.server
        await server.appendRoute("POST /echo") { request in
            let body = try await request.bodyData
            let agent = request.headers[HTTPHeader("User-Agent")] ?? ""
            let auth = request.headers[.authorization] ?? ""
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", HTTPHeader("X-Agent"): agent, HTTPHeader("X-Auth"): auth], body: body)
        }
        await server.appendRoute("GET /missing") { _ in HTTPResponse(statusCode: .notFound, body: Data("nope".utf8)) }
        await server.appendRoute("GET /slow") { _ in
            try await Task.sleep(nanoseconds: 3_000_000_000)
            return HTTPResponse(statusCode: .ok)
        }
        let arrived = requestArrived
        await server.appendRoute("GET /never") { _ in
            arrived.yield()
            try await Task.sleep(nanoseconds: 60_000_000_000)
            return HTTPResponse(statusCode: .ok)
        }
        try await loopback.start()
    }

    private let (arrivals, requestArrived) = AsyncStream<Void>.makeStream()

    override func tearDown() async throws {
        await loopback.stop()
    }

    func testPostSendsBodyHeadersAndUserAgent() async throws {
        let client = EltopHTTP.HTTPClient(userAgent: "eltop/test")
        let request = EltopHTTP.HTTPRequest(method: "POST", url: base + "/echo", headers: [("Authorization", "Bearer abc"), ("Content-Type", "application/json")], body: Data(#"{"a":1}"#.utf8))
        let response = try await client.send(request)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.bodyText, #"{"a":1}"#)
        XCTAssertEqual(response.header("X-Agent"), "eltop/test")
        XCTAssertEqual(response.header("x-auth"), "Bearer abc")
        XCTAssertEqual(response.header("content-type"), "application/json")
    }

    func testErrorStatusIsAResponseNotAnError() async throws {
        let client = EltopHTTP.HTTPClient(userAgent: "eltop/test")
        let response = try await client.send(EltopHTTP.HTTPRequest(method: "GET", url: base + "/missing"))
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.bodyText, "nope")
    }

    func testTimeoutIsATransportError() async throws {
        let client = EltopHTTP.HTTPClient(userAgent: "eltop/test")
        do {
            _ = try await client.send(EltopHTTP.HTTPRequest(method: "GET", url: base + "/slow", timeoutSeconds: 0.5))
            XCTFail("expected a timeout")
        } catch let error as HTTPTransportError {
            XCTAssertTrue(error.isTimeout, error.message)
        }
    }

    func testACancelledRequestEndsWithoutWaitingForItsTimeout() async throws {
        let client = EltopHTTP.HTTPClient(userAgent: "eltop/test")
        let started = Date()
        let url = base + "/never"
        let request = Task { try await client.send(EltopHTTP.HTTPRequest(method: "GET", url: url, timeoutSeconds: 30)) }
        var iterator = arrivals.makeAsyncIterator()
        _ = await iterator.next()
        request.cancel()
        do {
            _ = try await request.value
            XCTFail("the server never answers")
        } catch is CancellationError {
        } catch {
            XCTFail("expected CancellationError, got \(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 15, "the request waited out its 30 s timeout")
        let after = try await client.send(EltopHTTP.HTTPRequest(method: "GET", url: base + "/missing"))
        XCTAssertEqual(after.status, 404, "the client's handle works after an aborted transfer")
    }

    func testRefusedConnectionNamesTheHost() async throws {
        let client = EltopHTTP.HTTPClient(userAgent: "eltop/test")
        do {
            _ = try await client.send(EltopHTTP.HTTPRequest(method: "GET", url: "http://127.0.0.1:1/x"))
            XCTFail("nothing listens on port 1")
        } catch let error as HTTPTransportError {
            XCTAssertTrue(error.message.hasPrefix("127.0.0.1:1"), error.message)
        }
    }

    func testTLSVerificationIsOn() async throws {
        // A plain-HTTP server spoken to over https fails the handshake instead of being trusted blindly.
        let client = EltopHTTP.HTTPClient(userAgent: "eltop/test")
        do {
            _ = try await client.send(EltopHTTP.HTTPRequest(method: "GET", url: base.replacingOccurrences(of: "http:", with: "https:") + "/missing", timeoutSeconds: 3))
            XCTFail("https to a plain server cannot succeed")
        } catch is HTTPTransportError {}
    }
}
