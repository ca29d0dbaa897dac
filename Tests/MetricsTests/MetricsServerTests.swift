import EltopCore
import EltopHTTP
import EltopMetrics
import EltopTestSupport
import Foundation
import XCTest

/// The server over loopback with libcurl (eltop's own client): the three paths, 4xx for anything
/// else, garbage survived, a taken port refused with a clear error.
final class MetricsServerTests: XCTestCase {
    private var server: MetricsServer!
    private var base = ""
    private let http = HTTPClient(userAgent: "eltop-metrics-test")

    override func setUp() async throws {
        let state = ExpositionTests.busyState()
        let answers = ScrapeAnswers(version: "test", limits: MetricsLimits(), polls: PollStatistics()) { state }
        server = try await MetricsServer.start(at: ListenAddress(host: "127.0.0.1", port: 0), answers: answers)
        base = "http://\(server.address)"
    }

    override func tearDown() async throws {
        await server.stop()
    }

    private func send(_ method: String, _ path: String) async throws -> EltopHTTP.HTTPResponse {
        try await http.send(HTTPRequest(method: method, url: base + path, timeoutSeconds: 5))
    }

    func testThePathsAnswerFromTheState() async throws {
        let metrics = try await send("GET", "/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertEqual(metrics.header("content-type"), StateExposition.contentType)
        XCTAssertEqual(Set(try Exposition.parse(metrics.bodyText)), Set(try Exposition.parse(StateExposition.text(ExpositionTests.busyState(), version: "test"))))
        let snapshot = try await send("GET", "/snapshot.json?pretty=1")
        XCTAssertEqual(snapshot.status, 200)
        XCTAssertEqual(snapshot.header("content-type"), "application/json")
        XCTAssertEqual(snapshot.bodyText, try SnapshotDocument(ExpositionTests.busyState()).jsonText() + "\n")
        let health = try await send("GET", "/healthz")
        XCTAssertEqual([health.status], [200])
        XCTAssertEqual(health.bodyText, "ok\n")
    }

    func testBadRequestsGet4xx() async throws {
        for (method, path, status) in [("POST", "/metrics", 405), ("DELETE", "/snapshot.json", 405), ("PUT", "/healthz", 405), ("GET", "/", 404), ("GET", "/metrics/../etc/passwd", 404), ("GET", "/%00", 404)] {
            let response = try await send(method, path)
            XCTAssertEqual(response.status, status, "\(method) \(path): \(response.bodyText)")
        }
        let refused = try await send("POST", "/metrics")
        XCTAssertEqual(refused.header("allow"), "GET, HEAD")
    }

    /// Bytes that are not HTTP are closed without an answer; the server keeps serving.
    func testGarbageIsSurvived() async throws {
        for junk in ["\u{16}\u{03}\u{01}\u{00}\u{a5}\u{01}", "GET\r\n\r\n", String(repeating: "A", count: 70_000) + "\r\n\r\n", "GET /metrics HTTP/1.1\r\nContent-Length: -5\r\n\r\n"] {
            try RawSocket.sendAndClose(junk, port: server.address.port)
        }
        let after = try await send("GET", "/healthz")
        XCTAssertEqual(after.status, 200)
    }

    func testATakenPortIsAClearError() async throws {
        let answers = ScrapeAnswers(version: "test", limits: MetricsLimits(), polls: PollStatistics()) { ExpositionTests.busyState() }
        do {
            let second = try await MetricsServer.start(at: server.address, answers: answers)
            await second.stop()
            XCTFail("a second server on \(server.address) started")
        } catch let error as MetricsServerError {
            XCTAssertEqual(error, .addressInUse(server.address))
            XCTAssertTrue(error.description.contains("in use"), error.description)
        }
    }
}

/// A TCP client that writes bytes and reads whatever comes back until the server closes or 0.4 s pass.
enum RawSocket {
    static func sendAndClose(_ text: String, port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var timeout = timeval(tv_sec: 0, tv_usec: 400_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = Array(text.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while recv(fd, &buffer, buffer.count, 0) > 0 {}
    }
}
