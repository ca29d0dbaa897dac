import EltopCore
import EltopPollers
import EltopTestSupport
import EltopUI
import XCTest

/// A server that answers garbage: 500s, timeouts, cut-off and invalid JSON, an HTML page from a proxy.
/// Each gives a message that says what happened, and the pane keeps the last data with its age.
final class AirbyteFaultTests: XCTestCase {
    private func message(_ fault: AirbyteFakeFault.Kind, on path: String, timeout: Double = 5) async throws -> String {
        let h = try await AirbyteHarness()
        let id = await h.fake.addConnection(name: "pg")
        await h.fake.createJob(connectionID: id, status: "running")
        await h.fake.inject(AirbyteFakeFault(fault, on: path))
        defer { Task { await h.stop() } }
        do {
            _ = try await h.poller(ids: [id], timeoutSeconds: timeout).poll()
            XCTFail("the fault must fail the poll")
            return ""
        } catch {
            return ErrorText.describe(error)
        }
    }

    func testServerError() async throws {
        let text = try await message(.serverError, on: "/jobs")
        XCTAssertEqual(text, "HTTP 500: An unexpected problem has occurred. (GET /api/public/v1/jobs)")
    }

    func testHTMLPageFromAProxy() async throws {
        let text = try await message(.htmlFromProxy, on: "/connections/status")
        XCTAssertEqual(
            text, "HTTP 502: \"502 Bad Gateway\", an HTML page instead of JSON: a proxy or gateway answered, not Airbyte (POST /api/v1/connections/status)")
    }

    func testTruncatedJSON() async throws {
        let text = try await message(.truncatedJSON, on: "/sync_progress")
        XCTAssertTrue(text.hasPrefix("invalid JSON ("), text)
        XCTAssertTrue(text.hasSuffix("(POST /api/v1/connections/sync_progress)"), text)
    }

    func testInvalidJSON() async throws {
        let text = try await message(.invalidJSON, on: "/jobs")
        XCTAssertTrue(text.hasPrefix("invalid JSON") && text.hasSuffix("(GET /api/public/v1/jobs)"), text)
    }

    func testTimeout() async throws {
        let text = try await message(.delay(seconds: 2), on: "/jobs", timeout: 0.5)
        XCTAssertTrue(text.hasPrefix("Airbyte did not answer in time: 127.0.0.1:"), text)
    }

    func testRefusedConnection() async throws {
        let api = AirbyteAPI(
            endpoints: AirbyteEndpoints(baseURL: URL(string: "http://127.0.0.1:1")!), http: .init(userAgent: "eltop/test"),
            credentials: AirbyteCredentials(auth: .none, tokenURL: "http://127.0.0.1:1/x", http: .init(userAgent: "eltop/test")))
        do {
            _ = try await AirbytePoller(api: api, connectionIDs: []).poll()
            XCTFail("nothing listens on port 1")
        } catch {
            XCTAssertTrue(ErrorText.describe(error).hasPrefix("Airbyte unreachable: 127.0.0.1:1"), ErrorText.describe(error))
        }
    }

    func testThePaneShowsTheErrorAndTheAgeOfItsData() async throws {
        let h = try await AirbyteHarness()
        let id = await h.fake.addConnection(name: "pg")
        let poller = h.poller(ids: [id])
        let start = Date()
        var state = airbyteState(now: start)
        state.ui.focus = .airbyte
        _ = reduce(&state, .pollSucceeded(try await poller.poll(), at: start))
        await h.fake.inject(AirbyteFakeFault(.htmlFromProxy, on: "/connections/\(id)"))
        do {
            _ = try await poller.poll()
            XCTFail("expected the proxy page")
        } catch {
            _ = reduce(&state, .pollFailed(.airbyte, message: ErrorText.describe(error), at: start.addingTimeInterval(95), nextAttemptAt: nil))
        }
        _ = reduce(&state, .clockTicked(start.addingTimeInterval(95)))
        let screen = GoldenText.render(render(state, size: Size(cols: 120, rows: 30), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!))
        XCTAssertTrue(screen.contains("HTTP 502: \"502 Bad Gateway\", an HTML page"), screen)
        XCTAssertTrue(screen.contains("Showing data as of ") && screen.contains(", 1m35s ago."), screen)
        XCTAssertTrue(screen.contains("pg"), screen)
        await h.stop()
    }
}
