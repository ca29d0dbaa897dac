import EltopCore
import EltopMetrics
import EltopTestSupport
import Foundation
import XCTest

/// The verdict and tracer series of states built through the reducer: each equals what the state's own
/// verdicts (`pace`, `emptySuccess`, `slotLoss`) and tracer say, and promtool finds nothing to lint.
final class VerdictSeriesTests: XCTestCase {
    private let connection: [String: String] = ["connection_id": "c1", "connection": "pg → warehouse"]

    private func samples(_ state: DashboardState) throws -> [Sample] {
        let text = StateExposition.text(state, version: "test")
        let lint = try Promtool.checkMetrics(text)
        XCTAssertEqual(lint.status, 0, lint.output)
        XCTAssertEqual(lint.output.trimmingCharacters(in: .whitespacesAndNewlines), "", lint.output)
        return try Exposition.parse(text)
    }

    func testAStalledJobIsOneAndASlowOneZero() throws {
        var state = VerdictStates.stalled(at: 800)
        XCTAssertNotEqual(state.verdicts.first?.kind, .stalled)
        XCTAssertEqual(try samples(state).value("eltop_airbyte_sync_stalled", connection), 0)
        _ = reduce(&state, .clockTicked(VerdictStates.at(901)))
        XCTAssertEqual(state.verdicts.first?.kind, .stalled)
        let stalled = try samples(state)
        XCTAssertEqual(stalled.value("eltop_airbyte_sync_stalled", connection), 1)
        XCTAssertEqual(stalled.value("eltop_airbyte_empty_success", connection), 0)
        XCTAssertEqual(stalled.value("eltop_airbyte_connection_disabled", connection), 0)
    }

    func testTheSlotLossCountdownIsExportedAsTheVerdictComputesIt() throws {
        let state = VerdictStates.slotLoss()
        let loss = try XCTUnwrap(state.slotLoss(of: try XCTUnwrap(state.source.reading?.slots.first)))
        let values = try samples(state)
        let slot = ["slot": "airbyte_slot"]
        XCTAssertEqual(try XCTUnwrap(values.value("eltop_source_slot_loss_in_seconds", slot)), loss.secondsLeft, accuracy: 0.001)
        XCTAssertEqual(try XCTUnwrap(values.value("eltop_source_slot_next_sync_in_seconds", slot)), try XCTUnwrap(loss.secondsToNextSync), accuracy: 0.001)
        XCTAssertEqual(values.value("eltop_source_slot_lost_before_next_sync", slot), 1)
        XCTAssertNil(values.value("eltop_airbyte_sync_stalled", connection), "no running job: no stall series")
    }

    func testTheTracerSeriesFollowTheLastCompletedTripAndTheOnesInFlight() throws {
        var state = VerdictStates.configured()
        XCTAssertFalse(try samples(state).contains { $0.name.hasPrefix("eltop_tracer_") }, "no cdc_probe: no tracer series")
        state.tracer.configured = true
        var done = ProbeTrip(id: 1, operation: .insert, probeID: 1, note: "a", committed: CommittedHop(at: VerdictStates.at(0), lsn: "0/10", query: "q"))
        done.sync = SyncHop(at: VerdictStates.at(40), jobID: 7, evidence: "e")
        done.raw = RawHop(at: VerdictStates.at(70), lsn: "16", note: "a", delete: nil, deletedAt: nil, query: "q")
        done.staging = StagingHop(at: VerdictStates.at(95.5), note: "a", gone: false, query: "q")
        let travelling = ProbeTrip(id: 2, operation: .update, probeID: 1, note: "b", committed: CommittedHop(at: VerdictStates.at(100), lsn: "0/20", query: "q"))
        state.tracer.trips = [done, travelling]
        let values = try samples(state)
        XCTAssertEqual(values.value("eltop_tracer_trips_in_flight", [:]), Double(state.tracer.inFlight.count))
        XCTAssertEqual(values.value("eltop_tracer_end_to_end_seconds", [:]), 95.5)
        XCTAssertEqual(values.value("eltop_tracer_last_completed_timestamp_seconds", [:]), VerdictStates.at(95.5).timeIntervalSince1970)
        XCTAssertEqual(values.value("eltop_tracer_hop_seconds", ["hop": "sync"]), 40)
        XCTAssertEqual(values.value("eltop_tracer_hop_seconds", ["hop": "raw"]), 70)
        XCTAssertEqual(values.value("eltop_tracer_hop_seconds", ["hop": "staging"]), 95.5)
    }
}
