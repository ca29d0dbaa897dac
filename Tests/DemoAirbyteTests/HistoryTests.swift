@testable import EltopDemoAirbyte
import Foundation
import XCTest

/// The job history survives restarts: finished jobs are listed again, ids go on, a job cut off by a crash
/// is failed rather than left running forever, and a damaged file is a clear error.
final class HistoryTests: XCTestCase {
    private func historyURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("eltop-demo-airbyte-\(UUID().uuidString)/jobs.json")
    }

    func testARestartKeepsTheJobsAndTheirOrder() async throws {
        let url = historyURL()
        let first = try await DemoHarness.start(historyURL: url)
        let a = try await first.startSync()
        await first.server.waitForJob(a)
        let b = try await first.startSync()
        await first.server.waitForJob(b)
        await first.stop()

        let second = try await DemoHarness.start(historyURL: url)
        let list = try second.object(try await second.send("GET", "/api/public/v1/jobs?connectionId=\(second.connectionID)"))
        let jobs = try XCTUnwrap(list["data"] as? [[String: Any]])
        XCTAssertEqual(jobs.map { ($0["jobId"] as? NSNumber)?.int64Value }, [a, b], "oldest first by default")
        XCTAssertEqual(jobs.map { $0["status"] as? String }, ["succeeded", "succeeded"])
        XCTAssertEqual(jobs.map { $0["rowsSynced"] as? Int }, [200, 200])
        let newest = try second.object(try await second.send("GET", "/api/public/v1/jobs?connectionId=\(second.connectionID)&orderBy=createdAt%7CDESC&limit=1"))
        XCTAssertEqual((newest["data"] as? [[String: Any]])?.map { ($0["jobId"] as? NSNumber)?.int64Value }, [b])
        let c = try await second.startSync()
        XCTAssertEqual(c, b + 1, "job ids go on from the history")
        await second.server.waitForJob(c)
        await second.stop()
    }

    func testAJobCutOffByACrashIsFailedOnTheNextStart() async throws {
        let url = historyURL()
        let engine = ScriptedEngine()
        engine.queue([.waitForCancel])
        let crashed = try await DemoHarness.start(engine: engine, historyURL: url)
        let id = try await crashed.startSync()
        // A second server reading the file while the first still runs sees what a restart after a crash sees.
        let next = try await DemoHarness.start(historyURL: url)
        let info = try await next.jobInfo(id)
        XCTAssertEqual((info["job"] as? [String: Any])?["status"] as? String, "failed")
        let attempt = try XCTUnwrap((info["attempts"] as? [[String: Any]])?.first?["attempt"] as? [String: Any])
        let failure = try XCTUnwrap(((attempt["failureSummary"] as? [String: Any])?["failures"] as? [[String: Any]])?.first)
        XCTAssertEqual(failure["failureOrigin"] as? String, "airbyte_platform")
        XCTAssertTrue((failure["externalMessage"] as? String ?? "").contains("server stopped"), "\(failure)")
        await next.stop()
        await crashed.stop()
    }

    func testADamagedHistoryFileIsAClearError() async throws {
        let url = historyURL()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"jobs\": [oops".utf8).write(to: url)
        do {
            let h = try await DemoHarness.start(historyURL: url)
            await h.stop()
            XCTFail("a damaged history must not be replaced silently")
        } catch let error as DemoAirbyteError {
            XCTAssertTrue(error.description.contains(url.path), error.description)
            XCTAssertTrue(error.description.contains("move it away"), error.description)
        }
    }

    func testTheFileIsReplacedWholeAndReadableAfterEveryChange() throws {
        let url = historyURL()
        let file = JobHistoryFile(url: url)
        try file.save(.init(nextJobID: 7, jobs: []))
        try file.save(.init(nextJobID: 8, jobs: []))
        XCTAssertEqual(try file.load().nextJobID, 8)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        XCTAssertEqual(leftovers, ["jobs.json"], "no temporary file is left beside the history")
    }
}

/// A history that cannot be written: the request that would start or cancel a job gets a 500 saying
/// so, and nothing is left half-done (no job that nobody runs blocks the next sync with a 409).
final class UnwritableHistoryTests: XCTestCase {
    func testAJobThatCannotBeRecordedIsNotStarted() async throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("eltop-not-a-folder-\(UUID().uuidString)")
        try Data("a file where the history's folder should be".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let h = try await DemoHarness.start(historyURL: blocker.appendingPathComponent("jobs.json"))
        let answer = try await h.send("POST", "/api/public/v1/jobs", json: #"{"connectionId":"\#(h.connectionID)","jobType":"sync"}"#)
        XCTAssertEqual(answer.status, 500)
        XCTAssertEqual(try h.object(answer)["title"] as? String, "unexpected-problem")
        XCTAssertTrue(answer.bodyText.contains("could not be recorded"), answer.bodyText)
        let active = await h.server.activeJobID()
        XCTAssertNil(active)
        XCTAssertEqual(h.engine.syncs, [], "nothing ran")
        let again = try await h.send("POST", "/api/v1/connections/sync", json: #"{"connectionId":"\#(h.connectionID)"}"#)
        XCTAssertEqual(again.status, 500, "still 500, not a 409 for a job that never started")
        await h.stop()
    }
}
