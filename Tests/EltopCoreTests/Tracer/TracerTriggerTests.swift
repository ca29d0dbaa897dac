import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// When the tracer reads the warehouse: a warehouse that bills per query (Snowflake) is read once after a
/// sync or transform ends and never at its own polls; an end seen while a read is out is read after it;
/// a failed read leaves the trip waiting, says so on the hop, and the next end reads again.
final class TracerTriggerTests: XCTestCase {
    private let t0 = TracerFixtures.t0
    private typealias F = TracerFixtures

    private func snowflake(airbyte: Bool = true) -> DashboardState {
        var state = F.state()
        state.tracer.warehouseKind = .snowflake
        state.airbyte.health.configured = airbyte
        _ = reduce(&state, F.written(.insert, id: 7, note: "n", at: t0, lsn: "0/10"))
        return state
    }

    private func warehousePoll(_ state: inout DashboardState, at: Date) -> [Effect] {
        reduce(&state, .pollSucceeded(.warehouse(WarehouseReading(kind: state.tracer.warehouseKind, tables: [])), at: at))
    }

    private func jobEnds(_ id: Int64, _ state: inout DashboardState, at: Date) -> [Effect] {
        reduce(&state, .pollSucceeded(.airbyte(F.airbyte([F.job(id, .succeeded, startedAt: at.addingTimeInterval(-5), took: 4)])), at: at))
    }

    private func traces(_ effects: [Effect]) -> [ProbeTraceRequest] {
        effects.compactMap { if case .traceProbes(let request) = $0 { return request } else { return nil } }
    }

    func testSnowflakeIsNotReadAtItsPollsOnlyOnceAfterASyncEnds() {
        var state = snowflake()
        for second in 1...5 {
            XCTAssertEqual(warehousePoll(&state, at: t0.addingTimeInterval(Double(second))), [], "no read at poll \(second)")
        }
        XCTAssertEqual(traces(jobEnds(2, &state, at: t0.addingTimeInterval(20))), [ProbeTraceRequest(probeIDs: [7], raw: true, staging: false)])
        _ = reduce(&state, F.raw([], at: t0.addingTimeInterval(21)))
        XCTAssertEqual(jobEnds(2, &state, at: t0.addingTimeInterval(30)), [], "the same ended job is not read again")
        XCTAssertEqual(warehousePoll(&state, at: t0.addingTimeInterval(31)), [])
    }

    func testWithoutAirbyteSnowflakeIsReadOnlyWhenATransformEnds() {
        var state = snowflake(airbyte: false)
        XCTAssertEqual(warehousePoll(&state, at: t0.addingTimeInterval(5)), [])
        XCTAssertEqual(state.tracerWaiting(state.tracer.trips[0]), "waiting for a transform (t): raw.eltop_probe is read when one ends, never at a poll")
        let effects = reduce(&state, .dbt(.runEnded(exitCode: 0, signalled: false, at: t0.addingTimeInterval(9))))
        XCTAssertEqual(traces(effects), [ProbeTraceRequest(probeIDs: [7], raw: true, staging: true)])

        // A Postgres warehouse without Airbyte is read at its polls: the poll reaches it anyway.
        var postgres = snowflake(airbyte: false)
        postgres.tracer.warehouseKind = .postgres
        XCTAssertEqual(traces(warehousePoll(&postgres, at: t0.addingTimeInterval(5))), [ProbeTraceRequest(probeIDs: [7], raw: true, staging: true)])
    }

    func testNoReadWithoutAProbeInFlight() {
        var state = F.state()
        state.tracer.warehouseKind = .snowflake
        XCTAssertEqual(jobEnds(2, &state, at: t0.addingTimeInterval(20)), [])
        XCTAssertEqual(reduce(&state, .dbt(.runEnded(exitCode: 0, signalled: false, at: t0.addingTimeInterval(25)))), [])
    }

    func testAnEndWhileAReadIsOutIsReadOnceItAnswers() {
        var state = snowflake()
        XCTAssertEqual(traces(jobEnds(2, &state, at: t0.addingTimeInterval(20))).count, 1)
        XCTAssertEqual(traces(reduce(&state, .dbt(.runEnded(exitCode: 0, signalled: false, at: t0.addingTimeInterval(22))))), [], "one read at a time")
        XCTAssertEqual(traces(jobEnds(3, &state, at: t0.addingTimeInterval(23))), [])
        let after = reduce(&state, F.raw([], at: t0.addingTimeInterval(24)))
        XCTAssertEqual(traces(after), [ProbeTraceRequest(probeIDs: [7], raw: true, staging: true)], "both ends in one read")
        XCTAssertEqual(reduce(&state, F.raw([], at: t0.addingTimeInterval(26))), [], "and no more")
    }

    func testAFailedReadShowsOnTheHopAndTheNextEndReadsAgain() {
        var state = snowflake()
        _ = jobEnds(2, &state, at: t0.addingTimeInterval(20))
        let message = "warehouse: Snowflake timed the statement out (408): Statement reached its statement or warehouse timeout"
        XCTAssertEqual(reduce(&state, .tracer(.traceFailed(message: message, missingTable: false, at: t0.addingTimeInterval(21)))), [])
        let trip = state.tracer.trips[0]
        XCTAssertTrue(trip.isInFlight, "a failed read does not fail the trip")
        XCTAssertEqual(state.tracerWaiting(trip), "last read failed: \(message); waiting for the next sync — schedule every 60s, next in 1m15s")

        XCTAssertEqual(traces(jobEnds(3, &state, at: t0.addingTimeInterval(40))).count, 1, "the next end reads again")
        let row = RawProbeRow(probeID: 7, note: "n", lsn: "16", deletedAt: nil, syncID: 3, extractedAt: t0.addingTimeInterval(38))
        _ = reduce(&state, F.raw([row], at: t0.addingTimeInterval(41)))
        XCTAssertEqual(state.tracer.trips[0].raw?.at, t0.addingTimeInterval(38))
        XCTAssertNil(state.tracer.traceError)
        XCTAssertEqual(state.tracerWaiting(state.tracer.trips[0]), "waiting for a transform: press t")
    }
}
