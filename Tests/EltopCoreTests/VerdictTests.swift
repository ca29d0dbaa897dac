import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// Each verdict from a sequence of readings through the reducer, as the dashboard would receive them.
final class VerdictTests: XCTestCase {
    private let t0 = StateFixtures.now

    private func configured() -> DashboardState {
        var state = StateFixtures.unconfigured()
        for feed in [Feed.source, .airbyte, .warehouse] {
            state.updateHealth(feed) { $0.configured = true; $0.pollInterval = 5 }
        }
        return state
    }

    private func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    private func source(_ state: inout DashboardState, _ seconds: TimeInterval, sent: String? = nil, active: Bool = true, safe: Int64? = nil, writes: Int64? = nil) {
        var slot = ReplicationSlot(name: "airbyte_slot", plugin: "pgoutput", database: "app", active: active, lagBytes: 0, retainedBytes: 0, walStatus: .reserved)
        if let sent {
            slot.activePID = 4242
            var sender = WalSender(pid: 4242)
            sender.sentLSN = sent
            slot.sender = sender
        }
        slot.safeWalSizeBytes = safe
        var reading = SourceReading(serverVersion: "16.4", slots: [slot])
        reading.publishedTableWrites = writes
        reading.connectedDatabase = "app"
        send(&state, .pollSucceeded(.source(reading), at: at(seconds)))
    }

    private func airbyte(_ state: inout DashboardState, _ seconds: TimeInterval, _ jobs: [AirbyteJob], schedule: String? = nil, status: String? = "active") {
        var connection = AirbyteConnection(id: "c1", name: "pg → warehouse", syncStatus: nil, jobs: jobs, schedule: schedule)
        connection.status = status
        send(&state, .pollSucceeded(.airbyte(AirbyteReading(connections: [connection])), at: at(seconds)))
    }

    private func send(_ state: inout DashboardState, _ event: Event) {
        if case .pollSucceeded(_, let when) = event { _ = reduce(&state, .clockTicked(when)) }
        _ = reduce(&state, event)
    }

    private func running(_ id: Int64, records: Int64, bytes: Int64 = 1000) -> AirbyteJob {
        AirbyteJob(
            id: id, status: .running, jobType: "sync", startedAt: t0, durationSeconds: nil, rowsSynced: nil, bytesSynced: nil,
            progress: AirbyteProgress(recordsEmitted: records, recordsCommitted: records, bytesEmitted: bytes, bytesCommitted: bytes))
    }

    private func finished(_ id: Int64, _ status: JobStatus, rows: Int64? = 0, started: TimeInterval = 0, failure: AirbyteFailure? = nil) -> AirbyteJob {
        AirbyteJob(
            id: id, status: status, jobType: "sync", startedAt: at(started), durationSeconds: 30, rowsSynced: rows, bytesSynced: 0,
            failures: failure.map { [$0] } ?? [])
    }

    // MARK: stalled / quiet / slow

    func testCountsStillButWalsenderAdvancingIsQuietThenBothStillIsStalled() throws {
        var state = configured()
        source(&state, 0, sent: "0/100")
        airbyte(&state, 0, [running(7, records: 10)])
        source(&state, 300, sent: "0/200")
        airbyte(&state, 300, [running(7, records: 10)])
        XCTAssertEqual(state.pace(of: running(7, records: 10)), .slow, "5 minutes of still counts is under the 10-minute threshold")
        source(&state, 700, sent: "0/200")
        airbyte(&state, 700, [running(7, records: 10)])
        XCTAssertEqual(state.pace(of: running(7, records: 10)), .quiet(seconds: 700), "the walsender moved 400 s ago")
        XCTAssertEqual(state.verdicts.map(\.kind), [.quiet])
        let turn = try XCTUnwrap(nextDeadline(state))
        XCTAssertLessThanOrEqual(turn, at(900.01), "the runtime wakes when the walsender's 10 minutes are up")
        _ = reduce(&state, .clockTicked(at(901)))
        XCTAssertEqual(state.pace(of: running(7, records: 10)), .stalled(seconds: 601, senderVisible: true))
        let verdict = try XCTUnwrap(state.verdicts.first)
        XCTAssertEqual(verdict.kind, .stalled)
        XCTAssertEqual(verdict.severity, .warn)
        XCTAssertEqual(verdict.text, "job 7 stalled 10m: no records and no WAL sent")
        XCTAssertEqual(state.worstConcern(.airbyte)?.text, "pg → warehouse: job 7 stalled 10m: no records and no WAL sent")
    }

    func testMovingCountsAreSlowWhateverTheWalsenderDoes() {
        var state = configured()
        state.verdictMemory.thresholds.stallAfterSeconds = 60
        source(&state, 0, sent: "0/100")
        airbyte(&state, 0, [running(7, records: 10)])
        airbyte(&state, 50, [running(7, records: 10, bytes: 2000)])
        source(&state, 100, sent: "0/100")
        airbyte(&state, 100, [running(7, records: 10, bytes: 2000)])
        XCTAssertEqual(state.pace(of: running(7, records: 10)), .slow, "bytes moved 50 s ago")
        XCTAssertEqual(state.verdicts, [])
        _ = reduce(&state, .clockTicked(at(111)))
        XCTAssertEqual(state.pace(of: running(7, records: 10)), .stalled(seconds: 61, senderVisible: true))
    }

    func testWithoutAWalsenderTheCountsAloneDecideAndSaySo() {
        var state = configured()
        source(&state, 0, sent: nil, active: false)
        airbyte(&state, 0, [running(7, records: 10)])
        _ = reduce(&state, .clockTicked(at(600)))
        XCTAssertEqual(state.pace(of: running(7, records: 10)), .stalled(seconds: 600, senderVisible: false))
        XCTAssertEqual(state.verdicts.first?.text, "job 7 stalled 10m: no records (no walsender visible)")
    }

    // MARK: a success that proves nothing

    /// Job 1 ran with the counter at 100 and ended at 100; 30 writes came before job 2 began, and job 2
    /// committed nothing.
    private func twoSyncs(writesBeforeSecond: Int64, rows: Int64) -> DashboardState {
        var state = configured()
        airbyte(&state, 0, [])
        source(&state, 5, writes: 100)
        airbyte(&state, 10, [running(1, records: 5)])
        airbyte(&state, 40, [finished(1, .succeeded, rows: 5, started: 10)])
        source(&state, 50, writes: 100 + writesBeforeSecond)
        airbyte(&state, 60, [running(2, records: 0), finished(1, .succeeded, rows: 5, started: 10)])
        source(&state, 65, writes: 200)
        airbyte(&state, 90, [finished(2, .succeeded, rows: rows, started: 60), finished(1, .succeeded, rows: 5, started: 10)])
        return state
    }

    func testZeroRecordsAfterSourceWritesIsFlagged() throws {
        let state = twoSyncs(writesBeforeSecond: 30, rows: 0)
        let connection = try XCTUnwrap(state.airbyte.reading?.connections.first)
        XCTAssertEqual(state.emptySuccess(of: connection), EmptySuccess(jobID: 2, reason: .noRecords, sourceWrites: 30))
        XCTAssertEqual(state.verdicts.first?.kind, .emptySuccess)
        XCTAssertEqual(state.verdicts.first?.text, "job 2 succeeded with 0 records although the published tables had 30 writes since the previous sync")
        XCTAssertEqual(state.worstConcern(.airbyte)?.severity, .warn)
    }

    func testZeroRecordsOnAnIdleSourceIsFine() throws {
        let state = twoSyncs(writesBeforeSecond: 0, rows: 0)
        let connection = try XCTUnwrap(state.airbyte.reading?.connections.first)
        XCTAssertNil(state.emptySuccess(of: connection), "the 100 writes after job 2 began are not held against it")
        XCTAssertEqual(state.verdicts, [])
    }

    func testRecordsButNoRawChangeWhileTheSourceChangedIsFlagged() throws {
        var state = twoSyncs(writesBeforeSecond: 30, rows: 12)
        let connection = try XCTUnwrap(state.airbyte.reading?.connections.first)
        XCTAssertNil(state.emptySuccess(of: connection), "no warehouse reading yet: nothing to compare")
        let raw = WarehouseTable(schema: "raw", name: "customer", rows: 10, rowsEstimated: false, bytes: 100, lastAltered: at(20), extractedAt: at(20))
        send(&state, .pollSucceeded(.warehouse(WarehouseReading(kind: .postgres, tables: [raw], freshnessCheckedAt: at(120))), at: at(120)))
        XCTAssertEqual(state.emptySuccess(of: connection), EmptySuccess(jobID: 2, reason: .rawUnchanged, sourceWrites: 30))
    }

    // MARK: slot-loss countdown

    func testSafeWalShrinkingFasterThanTheScheduleIsCritical() throws {
        var state = configured()
        airbyte(&state, 0, [finished(1, .succeeded, rows: 5, started: -3600)], schedule: "Every 24 HOURS")
        source(&state, 0, active: false, safe: 1_000_000_000)
        source(&state, 100, active: false, safe: 900_000_000)
        let slot = try XCTUnwrap(state.source.reading?.slots.first)
        let loss = try XCTUnwrap(state.slotLoss(of: slot))
        XCTAssertEqual(loss.shrinkBytesPerSecond, 1_000_000, accuracy: 0.1)
        XCTAssertEqual(loss.secondsLeft, 900, accuracy: 0.01)
        XCTAssertEqual(try XCTUnwrap(loss.secondsToNextSync), 23 * 3600 - 100, accuracy: 0.01)
        XCTAssertTrue(loss.lostFirst)
        XCTAssertEqual(state.verdicts(.source).first?.severity, .crit)
        XCTAssertEqual(state.verdicts(.source).first?.text, "lost in 15m at this rate, before the next sync in 22h58m")
        let wake = try XCTUnwrap(nextDeadline(state))
        XCTAssertLessThanOrEqual(wake, at(160.01), "\"15m\" left turns into \"14m\" within the minute")
    }

    func testASyncDueBeforeTheLossIsNotCritical() throws {
        var state = configured()
        airbyte(&state, 0, [finished(1, .succeeded, rows: 5, started: -60)], schedule: "Every 5 minutes")
        source(&state, 0, active: false, safe: 1_000_000_000)
        source(&state, 100, active: false, safe: 900_000_000)
        let loss = try XCTUnwrap(state.slotLoss(of: try XCTUnwrap(state.source.reading?.slots.first)))
        XCTAssertFalse(loss.lostFirst, "the next sync is in 140 s, the slot has 900 s")
        XCTAssertEqual(state.verdicts(.source).first?.severity, .ok)
    }

    func testFreedWalStartsTheShrinkOverAndAnActiveSlotHasNoCountdown() throws {
        var state = configured()
        source(&state, 0, active: false, safe: 1_000)
        source(&state, 10, active: false, safe: 900)
        source(&state, 20, active: false, safe: 5_000)
        XCTAssertNil(state.slotLoss(of: try XCTUnwrap(state.source.reading?.slots.first)), "one sample since the WAL was freed")
        source(&state, 30, active: false, safe: 4_000)
        XCTAssertEqual(try XCTUnwrap(state.slotLoss(of: try XCTUnwrap(state.source.reading?.slots.first))).shrinkBytesPerSecond, 100, accuracy: 0.01)
        XCTAssertNil(try XCTUnwrap(state.slotLoss(of: try XCTUnwrap(state.source.reading?.slots.first))).nextSyncAt, "no schedule known")
        source(&state, 40, sent: "0/1", active: true, safe: 3_000)
        XCTAssertNil(state.slotLoss(of: try XCTUnwrap(state.source.reading?.slots.first)), "a sync is reading the slot now")
    }

    // MARK: connection disabled or failing

    func testThreeFailuresInARowAreFailingRepeatedlyWithTheLastFailureOnOneLine() throws {
        var state = configured()
        let failure = AirbyteFailure(attempt: 3, origin: "source", message: "password authentication failed", failureType: "config_error")
        airbyte(&state, 0, [
            finished(4, .failed, failure: failure), finished(3, .failed), finished(2, .failed), finished(1, .succeeded, rows: 9),
        ])
        let trouble = try XCTUnwrap(state.trouble(of: try XCTUnwrap(state.airbyte.reading?.connections.first)))
        XCTAssertEqual(trouble.consecutiveFailures, 3)
        XCTAssertTrue(trouble.repeated)
        XCTAssertEqual(trouble.text, "failing repeatedly: 3 failed jobs in a row; last: source · config_error · password authentication failed")
        XCTAssertEqual(state.worstConcern(.airbyte)?.text, "pg → warehouse: " + trouble.text + " (Enter for why)")
    }

    func testACancelledJobEndsTheCountAndADisabledConnectionWarns() throws {
        var state = configured()
        airbyte(&state, 0, [running(9, records: 1), finished(5, .failed), finished(4, .cancelled), finished(3, .failed)], status: "inactive")
        let trouble = try XCTUnwrap(state.trouble(of: try XCTUnwrap(state.airbyte.reading?.connections.first)))
        XCTAssertEqual(trouble.consecutiveFailures, 1)
        XCTAssertFalse(trouble.repeated)
        XCTAssertEqual(trouble.text, "connection inactive: no syncs will run; the last job failed")
        airbyte(&state, 5, [finished(6, .succeeded, rows: 1)], status: "inactive")
        let disabled = try XCTUnwrap(state.trouble(of: try XCTUnwrap(state.airbyte.reading?.connections.first)))
        XCTAssertEqual(disabled.severity, .warn)
        airbyte(&state, 10, [finished(6, .succeeded, rows: 1)], status: "active")
        XCTAssertNil(state.trouble(of: try XCTUnwrap(state.airbyte.reading?.connections.first)))
    }

    func testBasicScheduleTexts() {
        XCTAssertEqual(SyncScheduleText.intervalSeconds("Every 24 HOURS"), 86_400)
        XCTAssertEqual(SyncScheduleText.intervalSeconds("Every 5 minutes"), 300)
        XCTAssertEqual(SyncScheduleText.intervalSeconds("every 1 hour"), 3600)
        XCTAssertNil(SyncScheduleText.intervalSeconds("manual"))
        XCTAssertNil(SyncScheduleText.intervalSeconds("cron 0 0 * * * UTC"))
    }
}
