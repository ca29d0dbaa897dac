import EltopCore
import EltopMetrics
import EltopTestSupport
import Foundation
import XCTest

/// The verdict and tracer series of states built through the reducer: each equals what the state's own
/// verdicts (`pace`, `emptySuccess`, `slotLoss`) and tracer say, and promtool finds nothing to lint.
final class VerdictSeriesTests: XCTestCase {
    private let t0 = StateFixtures.now
    private let connection: [String: String] = ["connection_id": "c1", "connection": "pg → warehouse"]

    private func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    private func configured() -> DashboardState {
        var state = StateFixtures.unconfigured()
        for feed in [Feed.source, .airbyte, .warehouse] {
            state.updateHealth(feed) { $0.configured = true; $0.pollInterval = 5 }
        }
        return state
    }

    private func source(_ state: inout DashboardState, _ seconds: TimeInterval, sent: String? = nil, active: Bool = true, safe: Int64? = nil) {
        var slot = ReplicationSlot(name: "airbyte_slot", plugin: "pgoutput", database: "app", active: active, lagBytes: 0, retainedBytes: 0, walStatus: .reserved)
        if let sent {
            slot.activePID = 4242
            var sender = WalSender(pid: 4242)
            sender.sentLSN = sent
            slot.sender = sender
        }
        slot.safeWalSizeBytes = safe
        send(&state, .pollSucceeded(.source(SourceReading(serverVersion: "16.4", slots: [slot])), at: at(seconds)))
    }

    private func airbyte(_ state: inout DashboardState, _ seconds: TimeInterval, _ jobs: [AirbyteJob], schedule: String? = nil) {
        var connection = AirbyteConnection(id: "c1", name: "pg → warehouse", syncStatus: nil, jobs: jobs, schedule: schedule)
        connection.status = "active"
        send(&state, .pollSucceeded(.airbyte(AirbyteReading(connections: [connection])), at: at(seconds)))
    }

    private func send(_ state: inout DashboardState, _ event: Event) {
        if case .pollSucceeded(_, let when) = event { _ = reduce(&state, .clockTicked(when)) }
        _ = reduce(&state, event)
    }

    private func running(records: Int64) -> AirbyteJob {
        AirbyteJob(
            id: 7, status: .running, jobType: "sync", startedAt: t0, durationSeconds: nil, rowsSynced: nil, bytesSynced: nil,
            progress: AirbyteProgress(recordsEmitted: records, recordsCommitted: records, bytesEmitted: 1000, bytesCommitted: 1000))
    }

    private func samples(_ state: DashboardState) throws -> [Sample] {
        let text = StateExposition.text(state, version: "test")
        let lint = try Promtool.checkMetrics(text)
        XCTAssertEqual(lint.status, 0, lint.output)
        XCTAssertEqual(lint.output.trimmingCharacters(in: .whitespacesAndNewlines), "", lint.output)
        return try Exposition.parse(text)
    }

    func testAStalledJobIsOneAndASlowOneZero() throws {
        var state = configured()
        source(&state, 0, sent: "0/100")
        airbyte(&state, 0, [running(records: 10)])
        source(&state, 300, sent: "0/200")
        airbyte(&state, 300, [running(records: 10)])
        XCTAssertEqual(try samples(state).value("eltop_airbyte_sync_stalled", connection), 0)
        source(&state, 700, sent: "0/200")
        airbyte(&state, 700, [running(records: 10)])
        _ = reduce(&state, .clockTicked(at(901)))
        XCTAssertEqual(state.verdicts.first?.kind, .stalled)
        let stalled = try samples(state)
        XCTAssertEqual(stalled.value("eltop_airbyte_sync_stalled", connection), 1)
        XCTAssertEqual(stalled.value("eltop_airbyte_empty_success", connection), 0)
        XCTAssertEqual(stalled.value("eltop_airbyte_connection_disabled", connection), 0)
    }

    func testTheSlotLossCountdownIsExportedAsTheVerdictComputesIt() throws {
        var state = configured()
        let started = AirbyteJob(
            id: 1, status: .succeeded, jobType: "sync", startedAt: at(-3600), durationSeconds: 30, rowsSynced: 5, bytesSynced: 0)
        airbyte(&state, 0, [started], schedule: "Every 24 HOURS")
        source(&state, 0, active: false, safe: 1_000_000_000)
        source(&state, 100, active: false, safe: 900_000_000)
        let loss = try XCTUnwrap(state.slotLoss(of: try XCTUnwrap(state.source.reading?.slots.first)))
        let values = try samples(state)
        let slot = ["slot": "airbyte_slot"]
        XCTAssertEqual(try XCTUnwrap(values.value("eltop_source_slot_loss_in_seconds", slot)), loss.secondsLeft, accuracy: 0.001)
        XCTAssertEqual(try XCTUnwrap(values.value("eltop_source_slot_next_sync_in_seconds", slot)), try XCTUnwrap(loss.secondsToNextSync), accuracy: 0.001)
        XCTAssertEqual(values.value("eltop_source_slot_lost_before_next_sync", slot), 1)
        XCTAssertNil(values.value("eltop_airbyte_sync_stalled", connection), "no running job: no stall series")
    }

    func testTheTracerSeriesFollowTheLastCompletedTripAndTheOnesInFlight() throws {
        var state = configured()
        XCTAssertFalse(try samples(state).contains { $0.name.hasPrefix("eltop_tracer_") }, "no cdc_probe: no tracer series")
        state.tracer.configured = true
        var done = ProbeTrip(id: 1, operation: .insert, probeID: 1, note: "a", committed: CommittedHop(at: at(0), lsn: "0/10", query: "q"))
        done.sync = SyncHop(at: at(40), jobID: 7, evidence: "e")
        done.raw = RawHop(at: at(70), lsn: "16", note: "a", delete: nil, deletedAt: nil, query: "q")
        done.staging = StagingHop(at: at(95.5), note: "a", gone: false, query: "q")
        let travelling = ProbeTrip(id: 2, operation: .update, probeID: 1, note: "b", committed: CommittedHop(at: at(100), lsn: "0/20", query: "q"))
        state.tracer.trips = [done, travelling]
        let values = try samples(state)
        XCTAssertEqual(values.value("eltop_tracer_trips_in_flight", [:]), Double(state.tracer.inFlight.count))
        XCTAssertEqual(values.value("eltop_tracer_end_to_end_seconds", [:]), 95.5)
        XCTAssertEqual(values.value("eltop_tracer_last_completed_timestamp_seconds", [:]), at(95.5).timeIntervalSince1970)
        XCTAssertEqual(values.value("eltop_tracer_hop_seconds", ["hop": "sync"]), 40)
        XCTAssertEqual(values.value("eltop_tracer_hop_seconds", ["hop": "raw"]), 70)
        XCTAssertEqual(values.value("eltop_tracer_hop_seconds", ["hop": "staging"]), 95.5)
    }
}
