import EltopHTTP
import EltopTestSupport
import Foundation
import XCTest

/// `eltop --metrics ADDR`: the dashboard in tmux serves its state while it runs, and the port is closed
/// once `q` has ended it.
final class MetricsEndToEndTests: XCTestCase {
    func testTheDashboardServesItsStateWhileItRuns() async throws {
        let connectionID = "3f1b2c4d-0000-4000-8000-00000000e2e1"
        let server = try AirbyteTestServer()
        await server.fake.addConnection(id: connectionID, name: "orders_metrics_e2e")
        try await server.start()
        let port = try Self.freePort()
        let terminal = try TmuxEltop(
            arguments: ["--metrics", "127.0.0.1:\(port)"], environment: ["AIRBYTE_SERVER_NAME": server.baseURL, "AIRBYTE_CONNECTION_ID": connectionID])
        defer { terminal.stop() }
        guard terminal.waitFor(text: "orders_metrics_e2e") else { return }

        let http = HTTPClient(userAgent: "eltop-e2e")
        let url = "http://127.0.0.1:\(port)/metrics"
        let response = try await http.send(HTTPRequest(method: "GET", url: url, timeoutSeconds: 5))
        XCTAssertEqual(response.status, 200)
        let text = response.bodyText
        XCTAssertTrue(text.contains(#"eltop_feed_up{feed="airbyte"} 1"#), text)
        XCTAssertTrue(text.contains(#"eltop_airbyte_job_running{connection_id="\#(connectionID)",connection="orders_metrics_e2e"} 0"#), text)
        XCTAssertTrue(text.contains(#"eltop_feed_configured{feed="source"} 0"#), text)

        try terminal.press("q")
        _ = try await waitUntil("the port is closed after q", timeout: 10, seen: { () -> String in
            try? await Task.sleep(for: .milliseconds(100))
            do { return "answered \(try await http.send(HTTPRequest(method: "GET", url: url, connectTimeoutSeconds: 1, timeoutSeconds: 2)).status)" } catch { return "\(error)" }
        }) { !$0.hasPrefix("answered") }
        await server.stop()
    }

    /// A port the system just handed out and released: free unless something takes it in between.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
