import EltopCore
import EltopPollers
import EltopTestSupport
import XCTest

/// A job going pending → running (stats growing) → failed attempt → succeeded or failed, polled over
/// loopback and reduced into the dashboard state as the app does.
final class AirbyteJobLifecycleTests: XCTestCase {
    func testPendingRunningGrowingThenFailedWithItsFailureSummary() async throws {
        let h = try await AirbyteHarness()
        let id = await h.fake.addConnection(name: "dvdrental", scheduleType: "basic", basicTiming: "Every 24 HOURS")
        let old = await h.fake.createJob(connectionID: id, status: "running", at: Date().addingTimeInterval(-7200))
        await h.fake.flush(old, streams: [AirbyteFakeStream(name: "actor", recordsEmitted: 10, recordsCommitted: 10, bytesEmitted: 100, bytesCommitted: 100)])
        await h.fake.finish(old, status: "succeeded")
        let poller = h.poller(ids: [id])
        var state = airbyteState()
        func poll() async throws -> AirbyteConnection {
            let reading = try await poller.poll()
            state.now = Date()
            _ = reduce(&state, .pollSucceeded(reading, at: state.now))
            return state.airbyte.reading!.connections[0]
        }

        var connection = try await poll()
        XCTAssertEqual(connection.syncStatus, "synced")
        XCTAssertEqual(connection.schedule, "Every 24 HOURS")
        XCTAssertNotNil(connection.lastSuccessfulSyncAt)
        XCTAssertNil(connection.runningJob)

        let job = await h.fake.createJob(connectionID: id)
        connection = try await poll()
        XCTAssertEqual(connection.jobs.map(\.id), [job, old], "newest first")
        XCTAssertEqual(connection.runningJob?.status, .pending)

        await h.fake.start(job)
        await h.fake.flush(job, streams: [
            AirbyteFakeStream(name: "actor", namespace: "public", recordsEmitted: 1000, recordsCommitted: 500, bytesEmitted: 64_000, bytesCommitted: 32_000),
            AirbyteFakeStream(name: "film", namespace: "public", recordsEmitted: 200, recordsCommitted: 0, bytesEmitted: 9_000, bytesCommitted: 0),
        ])
        connection = try await poll()
        let running = try XCTUnwrap(connection.runningJob)
        XCTAssertEqual(running.status, .running)
        XCTAssertEqual(running.attempt, 1)
        XCTAssertEqual(running.progress?.recordsEmitted, 1200)
        XCTAssertEqual(running.progress?.recordsCommitted, 500)
        XCTAssertEqual(running.progress?.streams.map(\.name), ["actor", "film"])
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "dvdrental: job \(job) started" })

        try await Task.sleep(nanoseconds: 1_100_000_000)
        await h.fake.flush(job, streams: [
            AirbyteFakeStream(name: "actor", recordsEmitted: 3000, recordsCommitted: 2000, bytesEmitted: 200_000, bytesCommitted: 150_000)
        ])
        connection = try await poll()
        XCTAssertEqual(connection.runningJob?.progress?.recordsEmitted, 3000)
        let rate = try XCTUnwrap(state.airbyte.recordsPerSecond(job: job))
        XCTAssertGreaterThan(rate, 0, "records/s from the store's history of two polls")

        await h.fake.failAttemptAndRetry(job, origin: "source", message: "Saved offset is before replication slot's confirmed lsn")
        connection = try await poll()
        XCTAssertEqual(connection.runningJob?.attempt, 2)
        XCTAssertEqual(connection.runningJob?.failures.first?.origin, "source")

        await h.fake.finish(job, status: "failed", failureOrigin: "destination", failureMessage: "Snowflake: warehouse suspended")
        connection = try await poll()
        XCTAssertNil(connection.runningJob)
        let failed = connection.jobs[0]
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.failures.map(\.attempt), [1, 2])
        XCTAssertEqual(failed.failures.last?.message, "Snowflake: warehouse suspended")
        XCTAssertNotNil(failed.durationSeconds)
        XCTAssertEqual(state.airbyte.severity, .crit)
        XCTAssertTrue(state.timeline.entries.contains { $0.message.hasPrefix("dvdrental: job \(job) failed: destination") })
        XCTAssertTrue(state.airbyte.recordHistory.isEmpty, "finished jobs' histories are dropped")
        await h.stop()
    }

    func testUnknownStatusesAreShownAsSent() async throws {
        let h = try await AirbyteHarness()
        let id = await h.fake.addConnection(name: "pg")
        await h.fake.createJob(connectionID: id, status: "queued")
        let reading = AirbyteHarness.reading(try await h.poller(ids: [id]).poll())
        XCTAssertEqual(reading?.connections[0].runningJob?.status.rawValue, "queued")
        await h.stop()
    }

    func testCloudFallsBackToCommittedCountsOfThePublicAPI() async throws {
        let h = try await AirbyteHarness(hasConfigAPI: false)
        let id = await h.fake.addConnection(name: "cloud")
        let job = await h.fake.createJob(connectionID: id, status: "running")
        await h.fake.flush(job, streams: [AirbyteFakeStream(name: "a", recordsEmitted: 90, recordsCommitted: 40, bytesEmitted: 900, bytesCommitted: 400)])
        let polled = try await h.poller(ids: [id]).poll()
        let reading = try XCTUnwrap(AirbyteHarness.reading(polled))
        XCTAssertFalse(reading.hasConfigAPI)
        let running = try XCTUnwrap(reading.connections[0].runningJob)
        XCTAssertNil(running.progress?.recordsEmitted)
        XCTAssertEqual(running.progress?.recordsCommitted, 40)
        XCTAssertEqual(running.progress?.bytesCommitted, 400)
        XCTAssertNil(reading.connections[0].syncStatus)
        let configCalls = await h.fake.exchanges.filter { $0.path.hasPrefix("/api/v1") }.count
        XCTAssertEqual(configCalls, 0, "Cloud has no config API: none is called")
        await h.stop()
    }
}
