@testable import EltopDemoAirbyte
import EltopReplication
import Foundation
import XCTest

/// Jobs through their whole life over HTTP: running → succeeded, stats flushed while running, 409 on a
/// second sync, cancel mid-stream, a failed attempt → incomplete → retry, resets.
final class JobLifecycleTests: XCTestCase {
    func testASyncAnswersRunningAndEndsSucceededWithItsCounts() async throws {
        let h = try await DemoHarness.start()
        let answer = try await h.send("POST", "/api/public/v1/jobs", json: #"{"connectionId":"\#(h.connectionID)","jobType":"sync"}"#)
        let job = try h.object(answer)
        XCTAssertEqual(job["status"] as? String, "running")
        XCTAssertEqual(job["jobType"] as? String, "sync")
        let id = try XCTUnwrap((job["jobId"] as? NSNumber)?.int64Value)
        await h.server.waitForJob(id)
        let info = try await h.jobInfo(id)
        let read = try XCTUnwrap(info["job"] as? [String: Any])
        XCTAssertEqual(read["status"] as? String, "succeeded")
        XCTAssertEqual(read["configType"] as? String, "sync")
        let attempts = try XCTUnwrap(info["attempts"] as? [[String: Any]])
        XCTAssertEqual(attempts.count, 1)
        let attempt = try XCTUnwrap(attempts.first?["attempt"] as? [String: Any])
        XCTAssertEqual(attempt["status"] as? String, "succeeded")
        XCTAssertEqual(attempt["recordsSynced"] as? Int, 200)
        let publicJob = try h.object(try await h.send("GET", "/api/public/v1/jobs/\(id)"))
        XCTAssertEqual(publicJob["rowsSynced"] as? Int, 200)
        XCTAssertEqual(publicJob["bytesSynced"] as? Int, 9_000)
        XCTAssertNotNil(publicJob["lastUpdatedAt"], "a finished job says when it ended")
        XCTAssertEqual(h.engine.syncs, [id], "the job id is the engine's sync id")
        await h.stop()
    }

    func testRunningStatsAreFlushedPerStreamWhileTheAttemptRuns() async throws {
        let engine = ScriptedEngine()
        engine.queue([
            .progress([.stream("actor", emitted: 120, committed: 100), .stream("film", emitted: 30, committed: 0)]),
            .waitForCancel,
        ])
        let h = try await DemoHarness.start(engine: engine)
        let id = try await h.startSync()
        let progress = try await h.eventually("sync_progress shows the flushed counts", {
            try h.object(try await h.send("POST", "/api/v1/connections/sync_progress", json: #"{"connectionId":"\#(h.connectionID)"}"#))
        }, until: { ($0["recordsEmitted"] as? Int) == 150 })
        XCTAssertEqual((progress["jobId"] as? NSNumber)?.int64Value, id)
        XCTAssertEqual(progress["recordsCommitted"] as? Int, 100)
        let streams = try XCTUnwrap(progress["streams"] as? [[String: Any]])
        XCTAssertEqual(streams.map { $0["streamName"] as? String }, ["actor", "film"])
        XCTAssertEqual(streams.map { $0["streamNamespace"] as? String }, ["public", "public"])
        XCTAssertEqual(streams.map { $0["bytesCommitted"] as? Int }, [5_000, 0])
        let running = try h.object(try await h.send("GET", "/api/public/v1/jobs/\(id)"))
        XCTAssertEqual(running["status"] as? String, "running")
        XCTAssertEqual(running["rowsSynced"] as? Int, 100, "rowsSynced counts committed records")
        XCTAssertNil(running["lastUpdatedAt"], "only a finished job has lastUpdatedAt")
        await h.stop()
    }

    func testASecondSyncWhileOneRunsIs409OnBothAPIs() async throws {
        let engine = ScriptedEngine()
        engine.queue([.waitForCancel])
        let h = try await DemoHarness.start(engine: engine)
        let id = try await h.startSync()
        let second = try await h.send("POST", "/api/public/v1/jobs", json: #"{"connectionId":"\#(h.connectionID)","jobType":"sync"}"#)
        XCTAssertEqual(second.status, 409)
        XCTAssertEqual(second.header("content-type"), "application/problem+json")
        let problem = try h.object(second)
        XCTAssertEqual(problem["type"] as? String, "https://reference.airbyte.com/reference/errors#try-again-later")
        XCTAssertEqual(problem["title"] as? String, "try-again-later")
        XCTAssertEqual(problem["status"] as? Int, 409)
        XCTAssertEqual(problem["detail"] as? String, "A sync is already running for: \(h.connectionID)")
        let config = try await h.send("POST", "/api/v1/connections/sync", json: #"{"connectionId":"\#(h.connectionID)"}"#)
        XCTAssertEqual(config.status, 409)
        XCTAssertEqual(try h.object(config)["message"] as? String, "A sync is already running for: \(h.connectionID)")
        XCTAssertEqual(h.engine.syncs, [id], "a refused sync never reaches the engine")
        await h.stop()
    }

    func testCancelMidStreamEndsTheJobCancelledAndStopsTheEngine() async throws {
        let engine = ScriptedEngine()
        engine.queue([.progress([.stream("rental", emitted: 500, committed: 400)]), .waitForCancel])
        let h = try await DemoHarness.start(engine: engine)
        let id = try await h.startSync()
        _ = try await h.eventually("the attempt's counts flushed", { try await h.jobInfo(id) }, until: {
            (($0["job"] as? [String: Any])?["aggregatedStats"] as? [String: Any])?["recordsEmitted"] as? Int == 500
        })
        let cancelled = try h.object(try await h.send("DELETE", "/api/public/v1/jobs/\(id)"))
        XCTAssertEqual(cancelled["status"] as? String, "cancelled")
        await h.server.waitForJob(id)
        XCTAssertEqual(engine.cancellations, 1, "the engine's task was cancelled")
        let cancelledInfo = try await h.jobInfo(id)
        let attempt = try XCTUnwrap((cancelledInfo["attempts"] as? [[String: Any]])?.first?["attempt"] as? [String: Any])
        XCTAssertEqual(attempt["status"] as? String, "failed")
        let failure = try XCTUnwrap(((attempt["failureSummary"] as? [String: Any])?["failures"] as? [[String: Any]])?.first)
        XCTAssertEqual(failure["failureType"] as? String, "manual_cancellation")
        XCTAssertEqual(attempt["recordsSynced"] as? Int, 400, "what was committed before the cancel stays counted")
        let again = try await h.send("POST", "/api/v1/jobs/cancel", json: #"{"id":\#(id)}"#)
        XCTAssertEqual(again.status, 200, "cancelling a finished job answers it unchanged")
        let unchanged = try await h.jobStatus(id)
        XCTAssertEqual(unchanged, "cancelled")
        _ = try await h.startSync()
        await h.stop()
    }

    func testAForcedFirstFailureIsIncompleteThenRetriedToSuccess() async throws {
        let policy = DemoJobPolicy(maxAttempts: 3, retryDelay: .milliseconds(1_500), statsFlushInterval: .milliseconds(100), failFirstAttempt: true)
        let h = try await DemoHarness.start(policy: policy)
        let id = try await h.startSync()
        _ = try await h.eventually("the job is incomplete between attempts", { try await h.jobStatus(id) }, until: { $0 == "incomplete" })
        let between = try h.object(try await h.send("GET", "/api/public/v1/jobs/\(id)"))
        XCTAssertEqual(between["status"] as? String, "incomplete")
        await h.server.waitForJob(id)
        let info = try await h.jobInfo(id)
        XCTAssertEqual((info["job"] as? [String: Any])?["status"] as? String, "succeeded")
        let attempts = try XCTUnwrap(info["attempts"] as? [[String: Any]]).compactMap { $0["attempt"] as? [String: Any] }
        XCTAssertEqual(attempts.map { $0["status"] as? String }, ["failed", "succeeded"])
        XCTAssertEqual(attempts.map { $0["id"] as? Int }, [0, 1])
        let failure = try XCTUnwrap(((attempts[0]["failureSummary"] as? [String: Any])?["failures"] as? [[String: Any]])?.first)
        XCTAssertEqual(failure["failureOrigin"] as? String, "replication")
        XCTAssertEqual(failure["failureType"] as? String, "transient_error")
        XCTAssertEqual(h.engine.syncs, [id], "the forced failure happens before the engine runs")
        await h.stop()
    }

    func testRetryableFailuresUseUpTheAttemptsAndAConfigErrorIsNotRetried() async throws {
        let engine = ScriptedEngine()
        let transient = SyncFailure(origin: .source, type: .transientError, externalMessage: "the source closed the connection")
        let config = SyncFailure(origin: .source, type: .configError, externalMessage: "replication slot \"airbyte_slot\" does not exist")
        engine.queue([.fail(transient)], [.fail(transient)], [.fail(transient)], [.fail(config)])
        let h = try await DemoHarness.start(engine: engine)
        let first = try await h.startSync()
        await h.server.waitForJob(first)
        let info = try await h.jobInfo(first)
        XCTAssertEqual((info["job"] as? [String: Any])?["status"] as? String, "failed")
        XCTAssertEqual((info["attempts"] as? [[String: Any]])?.count, 3)
        let second = try await h.startSync()
        await h.server.waitForJob(second)
        let secondInfo = try await h.jobInfo(second)
        let attempts = try XCTUnwrap(secondInfo["attempts"] as? [[String: Any]])
        XCTAssertEqual(attempts.count, 1, "a config error fails the job at once")
        let status = try await h.send("POST", "/api/v1/connections/status", json: #"{"connectionIds":["\#(h.connectionID)"]}"#)
        let read = try XCTUnwrap((try JSONSerialization.jsonObject(with: status.body) as? [[String: Any]])?.first)
        XCTAssertEqual(read["connectionSyncStatus"] as? String, "failed", "a config error needs the user's action")
        XCTAssertEqual((read["failureReason"] as? [String: Any])?["externalMessage"] as? String, "replication slot \"airbyte_slot\" does not exist")
        await h.stop()
    }

    func testResetJobsEmptyTheConnectionThroughTheEngine() async throws {
        let h = try await DemoHarness.start()
        let reset = try h.object(try await h.send("POST", "/api/public/v1/jobs", json: #"{"connectionId":"\#(h.connectionID)","jobType":"reset"}"#))
        XCTAssertEqual(reset["jobType"] as? String, "reset")
        await h.server.waitForJob(try XCTUnwrap((reset["jobId"] as? NSNumber)?.int64Value))
        let viaConfig = try h.object(try await h.send("POST", "/api/v1/connections/reset", json: #"{"connectionId":"\#(h.connectionID)"}"#))
        let job = try XCTUnwrap(viaConfig["job"] as? [String: Any])
        XCTAssertEqual(job["configType"] as? String, "reset_connection")
        await h.server.waitForJob(try XCTUnwrap((job["id"] as? NSNumber)?.int64Value))
        let clear = try h.object(try await h.send("POST", "/api/public/v1/jobs", json: #"{"connectionId":"\#(h.connectionID)","jobType":"clear"}"#))
        await h.server.waitForJob(try XCTUnwrap((clear["jobId"] as? NSNumber)?.int64Value))
        XCTAssertEqual(h.engine.resets, 3)
        XCTAssertEqual(h.engine.syncs, [])
        let status = try await h.send("POST", "/api/v1/connections/status", json: #"{"connectionIds":["\#(h.connectionID)"]}"#)
        let read = try XCTUnwrap((try JSONSerialization.jsonObject(with: status.body) as? [[String: Any]])?.first)
        XCTAssertEqual(read["connectionSyncStatus"] as? String, "pending", "after a reset the connection waits for its next sync")
        await h.stop()
    }
}
