import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import Foundation
import XCTest

/// Every request eltop sends and every answer the fake gives, checked against the Airbyte OpenAPI specs
/// in `<repo>/../shared/reference/airbyte` with openapi-core from the repo's `.venv`.
final class AirbyteSpecConformanceTests: XCTestCase {
    private var repo: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testRequestsAndAnswersFollowTheSpecs() async throws {
        let exchanges = try await recordScenario(hasConfigAPI: true) + (try await recordScenario(hasConfigAPI: false))
        XCTAssertGreaterThan(exchanges.count, 20)
        let (status, text) = try validate(exchanges)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("checked \(exchanges.count) exchanges, 0 problems"), text)
    }

    /// The checker itself finds a job without its required fields and a limit over the maximum.
    func testTheCheckerCatchesAnOffSpecExchange() throws {
        let bad = AirbyteExchange(
            method: "GET", path: "/api/public/v1/jobs", query: "limit=1000", requestContentType: nil, requestBody: nil, status: 200,
            responseContentType: "application/json", responseBody: #"{"data":[{"jobId":1,"status":"running"}]}"#)
        let (status, text) = try validate([bad])
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("1000 is greater than the maximum of 100"), text)
        XCTAssertTrue(text.contains("'startTime' is a required property"), text)
    }

    private func validate(_ exchanges: [AirbyteExchange]) throws -> (Int32, String) {
        // ELTOP_AIRBYTE_SPECS points elsewhere, for a git worktree that has no shared/ beside it.
        let specs = ProcessInfo.processInfo.environment["ELTOP_AIRBYTE_SPECS"].map { URL(fileURLWithPath: $0) }
            ?? repo.deletingLastPathComponent().appendingPathComponent("shared/reference/airbyte")
        guard FileManager.default.fileExists(atPath: specs.appendingPathComponent("api.yaml").path) else {
            throw XCTSkip("no Airbyte specs at \(specs.path): the shared reference folder is absent, so the spec check is skipped")
        }
        let python = repo.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("no \(python.path): create the venv and `.venv/bin/pip install openapi-core` to check against the specs")
        }

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("airbyte-exchanges-\(UUID().uuidString).json")
        try JSONEncoder().encode(exchanges).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = python
        process.arguments = [repo.appendingPathComponent("Tests/AirbyteTests/validate_exchanges.py").path, specs.path, file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 { throw XCTSkip(text) }
        return (process.terminationStatus, text)
    }

    /// Polls through a job's life, triggers (twice, for the 409), cancels, with client credentials.
    private func recordScenario(hasConfigAPI: Bool) async throws -> [AirbyteExchange] {
        let h = try await AirbyteHarness(auth: .clientCredentials(clientID: "cid", clientSecret: "cs", lifetimeSeconds: 900), hasConfigAPI: hasConfigAPI)
        let auth = EltopConfig.AirbyteAuth.clientCredentials(clientID: "cid", clientSecret: .init("cs", origin: "test"))
        let id = await h.fake.addConnection(name: "dvdrental", scheduleType: "cron", cron: "0 0 * * * ?")
        let old = await h.fake.createJob(connectionID: id, status: "running", at: Date().addingTimeInterval(-3600))
        await h.fake.finish(old, status: "failed", failureOrigin: "source", failureMessage: "slot invalidated")
        let poller = h.poller(auth)
        let performer = AirbyteJobRequests(api: h.api(auth))
        _ = try await poller.poll()
        _ = await performer.startSync(id)
        let ids = await h.fake.jobs(of: id)
        let job = try XCTUnwrap(ids.last)
        await h.fake.start(job)
        await h.fake.flush(job, streams: [AirbyteFakeStream(name: "actor", namespace: "public", recordsEmitted: 5, recordsCommitted: 2, bytesEmitted: 50, bytesCommitted: 20)])
        _ = try await poller.poll()
        _ = await performer.startSync(id)
        _ = await performer.cancel(job)
        _ = try await poller.poll()
        let exchanges = await h.fake.exchanges
        await h.stop()
        return exchanges
    }
}
