import EltopCore
import EltopTestSupport
import EltopUI
import XCTest

/// The pane with a running job (live lines), its detail view (streams, history, failures), and
/// `snapshot --json`, from a state built by the reducer at a fixed time.
final class AirbytePaneTests: XCTestCase {
    private let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    func state() -> DashboardState {
        var state = airbyteState(now: t0)
        state.ui.focus = .airbyte
        func reading(emitted: Int64, committed: Int64) -> Reading {
            let streams = [
                AirbyteStreamProgress(name: "rental", namespace: "public", recordsEmitted: emitted - 400, recordsCommitted: committed, bytesEmitted: 9_000_000, bytesCommitted: 6_000_000),
                AirbyteStreamProgress(name: "payment", namespace: "public", recordsEmitted: 400, recordsCommitted: 0, bytesEmitted: 40_000, bytesCommitted: 0),
            ]
            let running = AirbyteJob(
                id: 412, status: .running, jobType: "sync", startedAt: t0.addingTimeInterval(-250), durationSeconds: nil,
                rowsSynced: committed, bytesSynced: 6_000_000, attempt: 2,
                progress: AirbyteProgress(recordsEmitted: emitted, recordsCommitted: committed, bytesEmitted: 9_040_000, bytesCommitted: 6_000_000, streams: streams),
                failures: [AirbyteFailure(attempt: 1, origin: "source", message: "Saved offset is before replication slot's confirmed lsn")])
            let failed = AirbyteJob(
                id: 409, status: .failed, jobType: "sync", startedAt: t0.addingTimeInterval(-90_000), durationSeconds: 75,
                rowsSynced: 0, bytesSynced: 0, attempt: 3,
                failures: [AirbyteFailure(attempt: 3, origin: "destination", message: "Snowflake: warehouse ELT_WH is suspended")])
            let ok = AirbyteJob(
                id: 405, status: .succeeded, jobType: "sync", startedAt: t0.addingTimeInterval(-176_400), durationSeconds: 312,
                rowsSynced: 16_044, bytesSynced: 2_400_000)
            let queued = AirbyteJob(
                id: 77, status: JobStatus(rawValue: "queued"), jobType: "sync", startedAt: nil, durationSeconds: nil, rowsSynced: nil, bytesSynced: nil)
            return .airbyte(AirbyteReading(connections: [
                AirbyteConnection(
                    id: "2747215d-c040-47f5-a0bc-9ceb91871bef", name: "dvdrental → snowflake", syncStatus: "running", jobs: [running, failed, ok],
                    schedule: "cron 0 0 * * * ?", lastSuccessfulSyncAt: t0.addingTimeInterval(-176_088)),
                AirbyteConnection(id: "9c3f0e52-1111-4000-8000-000000000001", name: "crm → snowflake", syncStatus: "pending", jobs: [queued], schedule: "manual"),
            ]))
        }
        _ = reduce(&state, .pollSucceeded(reading(emitted: 10_400, committed: 8_000), at: t0.addingTimeInterval(-20)))
        _ = reduce(&state, .pollSucceeded(reading(emitted: 14_400, committed: 8_000), at: t0.addingTimeInterval(-10)))
        _ = reduce(&state, .clockTicked(t0))
        return state
    }

    private func check(_ state: DashboardState, _ cols: Int, _ rows: Int, _ name: String) {
        let grid = render(state, size: Size(cols: cols, rows: rows), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
        if let failure = Golden.check(grid, name: name) { XCTFail(failure) }
    }

    func testRunningJobAt80x24() { check(state(), 80, 24, "airbyte-running-80x24") }
    func testRunningJobAt160x48() { check(state(), 160, 48, "airbyte-running-160x48") }

    /// The same counts eleven minutes on, and no source configured to show a walsender: the pace line says
    /// stalled, and that the counts alone decided.
    func testAStalledJobSaysSoUnderItsCounts() throws {
        var s = state()
        let later = t0.addingTimeInterval(660)
        _ = reduce(&s, .pollSucceeded(.airbyte(try XCTUnwrap(s.airbyte.reading)), at: later))
        _ = reduce(&s, .clockTicked(later))
        XCTAssertEqual(s.verdicts(.airbyte).first { $0.kind == .stalled }?.text, "job 412 stalled 11m: no records (no walsender visible)")
        check(s, 80, 24, "airbyte-stalled-80x24")
    }

    func testDetailWithStreamsHistoryAndFailures() {
        var s = state()
        _ = reduce(&s, .actionRequested(.openDetail))
        check(s, 100, 40, "airbyte-detail-100x40")
    }

    func testRateAndStatsAgeComeFromTheStoreHistory() {
        let s = state()
        XCTAssertEqual(s.airbyte.recordsPerSecond(job: 412), 400)
        XCTAssertEqual(s.airbyte.statsChangedAt[412], t0.addingTimeInterval(-10))
    }

    func testSnapshotJSONFields() throws {
        let data = Data(try SnapshotDocument(state()).jsonText().utf8)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let airbyte = try XCTUnwrap(root["airbyte"] as? [String: Any])
        let connections = try XCTUnwrap(airbyte["connections"] as? [[String: Any]])
        XCTAssertEqual(Set(connections[0].keys), ["id", "name", "sync_status", "running_job", "jobs"])
        let running = try XCTUnwrap(connections[0]["running_job"] as? [String: Any])
        XCTAssertEqual(
            Set(running.keys),
            ["id", "status", "attempt", "started_at", "records_emitted", "records_committed", "bytes_emitted", "bytes_committed", "streams"])
        XCTAssertEqual(running["id"] as? Int, 412)
        XCTAssertEqual(running["attempt"] as? Int, 2)
        XCTAssertEqual(running["records_emitted"] as? Int, 14_400)
        XCTAssertEqual(running["started_at"] as? String, "2025-06-15T15:02:30Z")
        XCTAssertEqual((running["streams"] as? [[String: Any]])?.count, 2)
        let jobs = try XCTUnwrap(connections[0]["jobs"] as? [[String: Any]])
        XCTAssertEqual(Set(jobs[1].keys), ["id", "status", "job_type", "started_at", "duration_seconds", "rows_synced", "bytes_synced"])
        XCTAssertEqual(jobs[1]["duration_seconds"] as? Double, 75)
        let queued = try XCTUnwrap(connections[1]["running_job"] as? [String: Any])
        XCTAssertEqual(queued["status"] as? String, "queued")
        XCTAssertTrue(queued["records_emitted"] is NSNull, "nulls are written, not left out")
    }
}
