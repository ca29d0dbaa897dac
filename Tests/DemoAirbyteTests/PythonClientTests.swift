@testable import EltopDemoAirbyte
import Foundation
import XCTest

/// Real Python clients against the server: Airbyte's own SDK from PyPI, and the seed's trigger flow on
/// the old two-port layout.
final class PythonClientTests: XCTestCase {
    private var scripts: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts") }

    private func requirePython(_ module: String) async throws -> URL {
        let python = SpecChecker.python
        guard FileManager.default.isExecutableFile(atPath: python.path) else { throw XCTSkip("no \(python.path): run `make venv`") }
        let (status, text) = try await ToolRun.run(python, ["-c", "import \(module)"])
        guard status == 0 else { throw XCTSkip("\(module) is not in .venv (run `make venv`): \(text)") }
        return python
    }

    func testAirbytesPythonSDKDrivesASyncEndToEnd() async throws {
        let python = try await requirePython("airbyte_api")
        let engine = ScriptedEngine()
        engine.queue([.progress([.stream("actor", emitted: 100, committed: 100)]), .pause(.milliseconds(600)),
                      .progress([.stream("actor", emitted: 200, committed: 200)])], [.waitForCancel])
        let h = try await DemoHarness.start(auth: .clientCredentials(clientID: "sdk", clientSecret: "sdk-secret", tokenLifetime: .seconds(900)), engine: engine)
        let (status, text) = try await ToolRun.run(
            python, [scripts.appendingPathComponent("sdk_sync.py").path, h.base + "/api/public/v1", h.connectionID, "sdk", "sdk-secret"])
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.hasSuffix("OK\n"), text)
        XCTAssertTrue(text.contains("second sync: 409"), text)
        XCTAssertTrue(text.contains("succeeded, 200 rows"), text)
        XCTAssertTrue(h.exchanges.contains { $0.path == "/api/public/v1/applications/token" && $0.status == 200 }, "the SDK fetched a token")
        await h.stop()
    }

    func testTheSeedsTriggerFlowWorksUnchangedOnTheTwoPortLayout() async throws {
        let python = try await requirePython("requests")
        let engine = ScriptedEngine()
        engine.queue([.progress([.stream("rental", emitted: 16_044, committed: 16_044)]), .pause(.seconds(2))])
        let h = try await DemoHarness.start(auth: .defaultBasic, engine: engine) { $0.extraPort = 0 }
        let (publicPort, configPort) = (h.server.ports[1], h.server.ports[0])
        let (status, text) = try await ToolRun.run(python, [scripts.appendingPathComponent("seed_trigger_flow.py").path], environment: [
            "AIRBYTE_SERVER_NAME": "127.0.0.1", "AIRBYTE_USERNAME": "airbyte", "AIRBYTE_PASSWORD": "password",
            "AIRBYTE_CONNECTION_ID": h.connectionID, "AIRBYTE_PUBLIC_PORT": String(publicPort), "AIRBYTE_CONFIG_PORT": String(configPort),
        ])
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("RESULT succeeded"), text)
        let paths = h.exchanges.map { "\($0.method) \($0.path) \($0.status)" }
        XCTAssertEqual(Array(paths.prefix(2)), ["GET /health 200", "POST /v1/jobs 200"])
        XCTAssertTrue(paths.dropFirst(2).allSatisfy { $0 == "POST /api/v1/jobs/get 200" }, "\(paths)")
        await h.stop()
    }

    /// With a forced first-attempt failure the seed's script stops at `incomplete`, as it would against a
    /// real Airbyte that retries: the flaw the demo exists to show.
    func testTheSeedsFlowRaisesOnIncomplete() async throws {
        let python = try await requirePython("requests")
        let policy = DemoJobPolicy(maxAttempts: 3, retryDelay: .seconds(30), statsFlushInterval: .milliseconds(100), failFirstAttempt: true)
        let h = try await DemoHarness.start(auth: .defaultBasic, policy: policy) { $0.extraPort = 0 }
        let (status, text) = try await ToolRun.run(python, [scripts.appendingPathComponent("seed_trigger_flow.py").path], environment: [
            "AIRBYTE_SERVER_NAME": "127.0.0.1", "AIRBYTE_USERNAME": "airbyte", "AIRBYTE_PASSWORD": "password",
            "AIRBYTE_CONNECTION_ID": h.connectionID, "AIRBYTE_PUBLIC_PORT": String(h.server.ports[1]),
            "AIRBYTE_CONFIG_PORT": String(h.server.ports[0]), "POLL_SECONDS": "1",
        ])
        XCTAssertNotEqual(status, 0, text)
        XCTAssertTrue(text.contains("failed: incomplete"), text)
        await h.stop()
    }
}
