@testable import EltopDemoAirbyte
import Foundation
import XCTest

/// Every exchange of a scenario that touches every endpoint, checked with openapi-core against the
/// Airbyte specs by the repository's checker (Tests/AirbyteTests/validate_exchanges.py).
final class SpecConformanceTests: XCTestCase {
    func testEveryEndpointAnswersAsTheSpecsSay() async throws {
        let engine = ScriptedEngine()
        engine.queue([.progress([.stream("actor", emitted: 10, committed: 5)]), .waitForCancel])
        let auth = DemoAuthMode.clientCredentials(clientID: "cid", clientSecret: "cs", tokenLifetime: .seconds(900))
        let h = try await DemoHarness.start(auth: auth, engine: engine, policy: DemoJobPolicy(
            maxAttempts: 3, retryDelay: .milliseconds(200), statsFlushInterval: .milliseconds(100), failFirstAttempt: false)) {
            $0.connection.schedule = try? SyncSchedule(minutes: 60)
        }
        let issued = try await h.send(
            "POST", "/api/public/v1/applications/token", json: #"{"client_id":"cid","client_secret":"cs","grant_type":"client_credentials"}"#)
        let token = try XCTUnwrap(try h.object(issued)["access_token"] as? String)
        _ = try await h.send("POST", "/api/v1/applications/token", json: #"{"client_id":"cid","client_secret":"cs"}"#)
        let auth2 = [(name: "Authorization", value: "Bearer " + token)]
        h.sendByDefault(auth2)
        let c = h.connectionID
        func get(_ path: String) async throws { _ = try await h.send("GET", path, headers: auth2) }
        @discardableResult
        func post(_ path: String, _ json: String) async throws -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: try await h.send("POST", path, json: json, headers: auth2).body)) as? [String: Any] ?? [:]
        }
        func jobID(_ info: [String: Any]) throws -> Int64 { try XCTUnwrap(((info["job"] as? [String: Any])?["id"] as? NSNumber)?.int64Value) }

        try await get("/api/public/v1/health")
        try await get("/api/v1/health")
        try await get("/api/public/v1/connections")
        try await get("/api/public/v1/connections?limit=5&offset=0")
        try await get("/api/public/v1/connections/\(c)")
        try await post("/api/public/v1/jobs", #"{"connectionId":"\#(c)","jobType":"sync"}"#)
        let active = await h.server.activeJobID()
        let running = try XCTUnwrap(active)
        _ = try await h.eventually("stats flushed", { try await h.jobInfo(running) }, until: {
            (($0["attempts"] as? [[String: Any]])?.first?["attempt"] as? [String: Any])?["recordsSynced"] as? Int == 5
        })
        try await get("/api/public/v1/jobs")
        try await get("/api/public/v1/jobs?connectionId=\(c)&limit=10&orderBy=createdAt%7CDESC")
        try await get("/api/public/v1/jobs?status=running&jobType=sync&offset=0")
        try await get("/api/public/v1/jobs/\(running)")
        try await post("/api/v1/connections/list", #"{"workspaceId":"\#(h.server.connection.workspaceID)"}"#)
        try await post("/api/v1/connections/get", #"{"connectionId":"\#(c)"}"#)
        try await post("/api/v1/connections/status", #"{"connectionIds":["\#(c)"]}"#)
        try await post("/api/v1/connections/sync_progress", #"{"connectionId":"\#(c)"}"#)
        try await post("/api/v1/jobs/list", #"{"configTypes":["sync"],"configId":"\#(c)","pagination":{"pageSize":5,"rowOffset":0}}"#)
        try await post("/api/v1/jobs/get", #"{"id":\#(running)}"#)
        _ = try await h.send("DELETE", "/api/public/v1/jobs/\(running)", headers: auth2)
        await h.server.waitForJob(running)
        try await post("/api/v1/jobs/get", #"{"id":\#(running)}"#)
        let second = try jobID(try await post("/api/v1/connections/sync", #"{"connectionId":"\#(c)"}"#))
        await h.server.waitForJob(second)
        await h.server.waitForJob(try jobID(try await post("/api/v1/connections/reset", #"{"connectionId":"\#(c)"}"#)))
        let clear = try await post("/api/public/v1/jobs", #"{"connectionId":"\#(c)","jobType":"clear"}"#)
        await h.server.waitForJob(try XCTUnwrap((clear["jobId"] as? NSNumber)?.int64Value))
        engine.queue([.waitForCancel])
        let fourth = try jobID(try await post("/api/v1/connections/sync", #"{"connectionId":"\#(c)"}"#))
        try await post("/api/v1/jobs/cancel", #"{"id":\#(fourth)}"#)
        await h.server.waitForJob(fourth)
        try await post("/api/v1/connections/status", #"{"connectionIds":["\#(c)"]}"#)
        try await post("/api/v1/connections/sync_progress", #"{"connectionId":"\#(c)"}"#)
        try await post("/api/v1/jobs/list", #"{"configTypes":["sync","reset_connection","clear"],"orderByField":"updatedAt","orderByMethod":"ASC"}"#)
        try await get("/api/public/v1/jobs?orderBy=updatedAt%7CASC&limit=100")
        try await get("/v1/jobs/\(second)")
        let exchanges = h.exchanges
        await h.stop()

        XCTAssertGreaterThan(exchanges.count, 30)
        XCTAssertTrue(exchanges.allSatisfy { $0.status == 200 }, exchanges.filter { $0.status != 200 }.map { "\($0.method) \($0.path) \($0.status) \($0.responseBody)" }.joined(separator: "\n"))
        let (status, text) = try await SpecChecker.validate(exchanges)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("checked \(exchanges.count) exchanges, 0 problems"), text)
    }

    /// The checker reads our exchanges as it reads the fake's: an answer without a required field fails.
    func testTheCheckerCatchesAnOffSpecAnswerFromThisServer() async throws {
        let bad = DemoAirbyteExchange(
            method: "POST", path: "/api/v1/jobs/get", query: "", requestContentType: "application/json", requestBody: #"{"id":1}"#, status: 200,
            responseContentType: "application/json", responseBody: #"{"job":{"id":1,"status":"running"},"attempts":[]}"#)
        let (status, text) = try await SpecChecker.validate([bad])
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("'configType' is a required property"), text)
    }
}

/// Runs the repository's openapi-core checker on recorded exchanges.
enum SpecChecker {
    static var repo: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var python: URL { repo.appendingPathComponent(".venv/bin/python") }

    static func validate(_ exchanges: [DemoAirbyteExchange]) async throws -> (Int32, String) {
        let specs = ProcessInfo.processInfo.environment["ELTOP_AIRBYTE_SPECS"].map { URL(fileURLWithPath: $0) }
            ?? repo.deletingLastPathComponent().appendingPathComponent("shared/reference/airbyte")
        guard FileManager.default.fileExists(atPath: specs.appendingPathComponent("api.yaml").path) else {
            throw XCTSkip("no Airbyte specs at \(specs.path): set ELTOP_AIRBYTE_SPECS to the folder with api.yaml and config.yaml")
        }
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("no \(python.path): run `make venv` (it installs openapi-core)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("demo-airbyte-exchanges-\(UUID().uuidString).json")
        try JSONEncoder().encode(exchanges).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, text) = try await ToolRun.run(python, [repo.appendingPathComponent("Tests/AirbyteTests/validate_exchanges.py").path, specs.path, file.path])
        if status == 3 { throw XCTSkip(text) }
        return (status, text)
    }
}

/// Runs a tool (a Python script, schemathesis, eltop) to its end, or its deadline, and returns its exit
/// status and everything it printed. Async so the wait never holds a cooperative thread.
enum ToolRun {
    /// `directory` is where the script may leave its caches (schemathesis and hypothesis write some).
    static func run(
        _ python: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, timeoutSeconds: Double = 120
    ) async throws -> (Int32, String) {
        let process = Process()
        process.currentDirectoryURL = directory ?? FileManager.default.temporaryDirectory
        process.executableURL = python
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("demo-airbyte-py-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        try handle.close()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }
}
