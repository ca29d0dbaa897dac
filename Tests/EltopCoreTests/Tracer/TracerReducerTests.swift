import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// The tracer's hops fill in order from its own observations, each waiting state says what it waits
/// for, and the title bar's verdict is the last completed trip's total.
final class TracerReducerTests: XCTestCase {
    private let t0 = TracerFixtures.t0
    private typealias F = TracerFixtures

    func testAnInsertTravelsHopByHopAndTheVerdictIsItsTotal() throws {
        var state = F.state()
        let effects = F.confirm(.probe(.insert), in: &state)
        guard case .writeProbe(.insert, nil, let note?) = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(state.tracer.writing, .insert)

        state.now = t0.addingTimeInterval(1)
        XCTAssertEqual(reduce(&state, F.written(.insert, id: 7, note: note, at: t0.addingTimeInterval(1), lsn: "0/3000100")), [])
        let trip = try XCTUnwrap(state.tracer.trips.last)
        XCTAssertEqual(trip.nextHop, .sync)
        // Job 1 started at t0-50 on a one-minute schedule: the next sync is due at t0+10.
        XCTAssertEqual(state.tracerWaiting(trip), "waiting for the next sync — schedule every 60s, next in 9s")
        XCTAssertEqual(nextDeadline(state).map { $0 <= t0.addingTimeInterval(2.01) }, true, "the countdown ticks every second")

        // Job 2 runs: the trip waits for it; no query yet.
        XCTAssertEqual(reduce(&state, .pollSucceeded(.airbyte(F.airbyte([
            F.job(2, .running, startedAt: t0.addingTimeInterval(10), took: nil), F.job(1, .succeeded, startedAt: t0.addingTimeInterval(-50), took: 10),
        ])), at: t0.addingTimeInterval(12))), [])
        XCTAssertEqual(state.tracerWaiting(state.tracer.trips[0]), "waiting for sync job 2 to finish")

        // Job 2 ends: one raw read, not staging.
        let ended = reduce(&state, .pollSucceeded(.airbyte(F.airbyte([
            F.job(2, .succeeded, startedAt: t0.addingTimeInterval(10), took: 6), F.job(1, .succeeded, startedAt: t0.addingTimeInterval(-50), took: 10),
        ])), at: t0.addingTimeInterval(20)))
        XCTAssertEqual(ended, [.traceProbes(ProbeTraceRequest(probeIDs: [7], raw: true, staging: false))])
        XCTAssertEqual(reduce(&state, .pollSucceeded(.airbyte(F.airbyte([
            F.job(2, .succeeded, startedAt: t0.addingTimeInterval(10), took: 6),
        ])), at: t0.addingTimeInterval(25))), [], "the same ended job asks for no second read")

        let row = RawProbeRow(probeID: 7, note: note, lsn: "50331840", deletedAt: nil, syncID: 2, extractedAt: t0.addingTimeInterval(14))
        _ = reduce(&state, F.raw([row], at: t0.addingTimeInterval(21)))
        var seen = state.tracer.trips[0]
        XCTAssertEqual(seen.sync?.jobID, 2)
        XCTAssertEqual(seen.sync?.at, t0.addingTimeInterval(10), "the job's start, after the commit")
        XCTAssertEqual(seen.raw?.at, t0.addingTimeInterval(14), "raw's own _airbyte_extracted_at")
        XCTAssertEqual(seen.latency(of: .sync), 9)
        XCTAssertEqual(seen.latency(of: .raw), 4)
        XCTAssertEqual(state.tracerWaiting(seen), "waiting for a transform: press t")
        XCTAssertNil(state.freshnessVerdict.flatMap { $0.hasPrefix("source →") ? $0 : nil })

        // A sync ending now reads nothing (the trip is past raw); the transform ends: staging once.
        XCTAssertEqual(reduce(&state, .pollSucceeded(.airbyte(F.airbyte([
            F.job(3, .succeeded, startedAt: t0.addingTimeInterval(30), took: 2), F.job(2, .succeeded, startedAt: t0.addingTimeInterval(10), took: 6),
        ])), at: t0.addingTimeInterval(35))), [])
        let afterDbt = reduce(&state, .dbt(.runEnded(exitCode: 0, signalled: false, at: t0.addingTimeInterval(40))))
        XCTAssertEqual(afterDbt.filter { if case .traceProbes = $0 { return true } else { return false } },
                       [.traceProbes(ProbeTraceRequest(probeIDs: [7], raw: false, staging: true))])
        _ = reduce(&state, F.rawAndStaging([row], [StagingProbeRow(probeID: 7, note: note)], at: t0.addingTimeInterval(41)))
        seen = state.tracer.trips[0]
        XCTAssertTrue(seen.isComplete)
        XCTAssertEqual(seen.total, 40)
        XCTAssertNil(state.tracerWaiting(seen))
        XCTAssertEqual(state.freshnessVerdict, "source → staging 40s")

        // The slot acknowledges it later, as a separate fact.
        XCTAssertNil(seen.slotAcknowledgedAt)
        _ = reduce(&state, .pollSucceeded(.source(F.source(confirmed: "0/30000FF")), at: t0.addingTimeInterval(50)))
        XCTAssertNil(state.tracer.trips[0].slotAcknowledgedAt, "before the commit's LSN")
        _ = reduce(&state, .pollSucceeded(.source(F.source(confirmed: "0/3000200")), at: t0.addingTimeInterval(72)))
        XCTAssertEqual(state.tracer.trips[0].slotAcknowledgedAt, t0.addingTimeInterval(72))
        XCTAssertTrue(state.timeline.entries.contains { $0.origin == .tracer && $0.message.contains("in staging") }, "each hop is a timeline line")
    }

    func testStagingIsNotAHopBeforeRaw() {
        var state = F.state()
        _ = reduce(&state, F.written(.insert, id: 7, note: "n", at: t0, lsn: "0/10"))
        _ = reduce(&state, F.rawAndStaging([], [StagingProbeRow(probeID: 7, note: "n")], at: t0.addingTimeInterval(5)))
        XCTAssertNil(state.tracer.trips[0].staging, "staging without raw proves nothing about this trip")
        XCTAssertEqual(state.tracer.trips[0].nextHop, .sync)
    }

    func testAnOldNoteInRawIsNotTheUpdate() {
        var state = F.state()
        _ = reduce(&state, F.written(.update, id: 7, note: "new", at: t0, lsn: "0/10"))
        let old = RawProbeRow(probeID: 7, note: "old", lsn: "8", deletedAt: nil, syncID: 1, extractedAt: t0)
        _ = reduce(&state, F.raw([old], at: t0.addingTimeInterval(5)))
        XCTAssertNil(state.tracer.trips[0].raw)
    }

    func testAHardDeleteIsGoneAndASoftDeleteIsATombstone() {
        var state = F.state()
        _ = reduce(&state, F.written(.delete, id: 7, note: nil, at: t0, lsn: "0/10"))
        _ = reduce(&state, F.written(.delete, id: 8, note: nil, at: t0, lsn: "0/20"))
        XCTAssertNil(state.tracer.liveProbeID)
        let tombstone = RawProbeRow(probeID: 8, note: nil, lsn: "30", deletedAt: t0.addingTimeInterval(1), syncID: 3, extractedAt: t0.addingTimeInterval(6))
        _ = reduce(&state, F.raw([tombstone], at: t0.addingTimeInterval(8)))
        XCTAssertEqual(state.tracer.trips[0].raw?.delete, .gone)
        XCTAssertEqual(state.tracer.trips[0].raw?.at, t0.addingTimeInterval(8), "gone: when the tracer saw it gone")
        XCTAssertEqual(state.tracer.trips[1].raw?.delete, .tombstone)
        XCTAssertEqual(state.tracer.trips[1].sync?.jobID, 3)
        _ = reduce(&state, F.rawAndStaging([tombstone], [], at: t0.addingTimeInterval(30)))
        XCTAssertEqual(state.tracer.trips.map { $0.staging?.gone }, [true, true])
    }

    func testAHardDeleteNamesTheJobRunningWhenItWentFromRaw() {
        var state = F.state()
        _ = reduce(&state, F.written(.delete, id: 7, note: nil, at: t0, lsn: "0/10"))
        // The config API gives no durations: the newest job started before raw showed the change carried it.
        _ = reduce(&state, .pollSucceeded(.airbyte(F.airbyte([
            F.job(3, .succeeded, startedAt: t0.addingTimeInterval(2), took: nil), F.job(2, .succeeded, startedAt: t0.addingTimeInterval(-100), took: nil),
        ])), at: t0.addingTimeInterval(6)))
        _ = reduce(&state, F.raw([], at: t0.addingTimeInterval(7)))
        XCTAssertEqual(state.tracer.trips[0].sync?.jobID, 3)
        XCTAssertEqual(state.tracer.trips[0].sync?.at, t0.addingTimeInterval(2))
        XCTAssertEqual(state.tracer.trips[0].sync?.evidence, "the job running when the change appeared in raw")
    }

    func testAHardDeleteNamesAShortJobWhoseWholeSecondTimesEndBeforeTheCommit() {
        var state = F.state()
        // The public API cuts start and duration to whole seconds: a job that began 0.3 s after the commit and
        // took under a second reads as started at t0 and ended at t0, before the commit at t0+0.6.
        _ = reduce(&state, F.written(.delete, id: 7, note: nil, at: t0.addingTimeInterval(0.6), lsn: "0/10"))
        _ = reduce(&state, .pollSucceeded(.airbyte(F.airbyte([
            F.job(3, .succeeded, startedAt: t0, took: 0), F.job(2, .succeeded, startedAt: t0.addingTimeInterval(-100), took: 5),
        ])), at: t0.addingTimeInterval(4)))
        _ = reduce(&state, F.raw([], at: t0.addingTimeInterval(5)))
        XCTAssertEqual(state.tracer.trips[0].sync?.jobID, 3)
        XCTAssertEqual(state.tracer.trips[0].sync?.at, t0.addingTimeInterval(0.6), "clamped to the commit")
    }

    func testUpdateOrDeleteWithoutALiveProbeSaysSo() {
        var state = F.state()
        XCTAssertEqual(reduce(&state, .actionRequested(.probe(.update))), [])
        XCTAssertNil(state.ui.prompt)
        XCTAssertEqual(state.ui.notice, "no live probe to update: press i to insert one")
        _ = reduce(&state, .actionRequested(.probe(.delete)))
        XCTAssertEqual(state.ui.notice, "no live probe to delete: press i to insert one")
        _ = reduce(&state, F.written(.insert, id: 9, note: "n", at: t0, lsn: "0/10"))
        XCTAssertEqual(F.confirm(.probe(.delete), in: &state), [.writeProbe(.delete, probeID: 9, note: nil)])
    }

    func testReadOnlyRefusesProbeWrites() {
        var state = F.state()
        state.ui.readOnly = true
        for operation in ProbeOperation.allCases {
            XCTAssertEqual(reduce(&state, .actionRequested(.probe(operation))), [])
            XCTAssertNil(state.ui.prompt)
        }
        XCTAssertEqual(state.ui.notice, "probe delete is disabled by --read-only")
        for operation in ProbeOperation.allCases {
            XCTAssertTrue(state.timeline.entries.contains { $0.message == "probe \(operation.rawValue): refused (read-only)" })
        }
        XCTAssertTrue(KeyMap.standard.bindings(for: .normal, readOnly: true).allSatisfy { ActionKind($0.action) != .probe })
    }

    func testADroppedTableFailsTheTripWithTheReason() {
        var state = F.state()
        _ = reduce(&state, F.written(.insert, id: 7, note: "n", at: t0, lsn: "0/10"))
        _ = reduce(&state, .tracer(.traceFailed(message: "the probe table eltop_probe was dropped from the source", missingTable: true, at: t0.addingTimeInterval(9))))
        let trip = state.tracer.trips[0]
        XCTAssertEqual(trip.failure, "the probe table eltop_probe was dropped from the source")
        XCTAssertEqual(state.tracerWaiting(trip), "failed: the probe table eltop_probe was dropped from the source")
        XCTAssertTrue(state.tracer.inFlight.isEmpty)
        // A failed trip is not traced again.
        XCTAssertEqual(reduce(&state, .dbt(.runEnded(exitCode: 0, signalled: false, at: t0.addingTimeInterval(20)))).count, 0)
    }

    func testNothingIsQueriedWithoutATripInFlight() {
        var state = F.state()
        let effects = reduce(&state, .pollSucceeded(.airbyte(F.airbyte([F.job(2, .succeeded, startedAt: t0, took: 5)])), at: t0.addingTimeInterval(10)))
        XCTAssertEqual(effects, [])
        XCTAssertEqual(reduce(&state, .dbt(.runEnded(exitCode: 0, signalled: false, at: t0))), [])
    }

    func testWithoutACompletedProbeTheVerdictIsStagingsAgeBesideTheSourcesLastWrites() {
        var state = F.state()
        XCTAssertNil(state.freshnessVerdict)
        let staging = WarehouseTable(schema: "staging", name: "stg_rental", rows: 10, rowsEstimated: false, bytes: nil, lastAltered: t0.addingTimeInterval(-300))
        _ = reduce(&state, .pollSucceeded(.warehouse(WarehouseReading(kind: .postgres, tables: [staging])), at: t0))
        XCTAssertEqual(state.freshnessVerdict, "staging changed 5m ago", "no source writes seen yet: nothing said about the source")
        XCTAssertEqual(state.freshnessAges, [t0.addingTimeInterval(-300)], "nextDeadline steps the verdict's age")

        var reading = StateFixtures.sourceReading(slots: 1, lagBase: 1_000)
        reading.publishedTableWrites = 500
        _ = reduce(&state, .pollSucceeded(.source(reading), at: t0.addingTimeInterval(2)))
        XCTAssertEqual(state.freshnessVerdict, "staging changed 5m ago", "a first reading has nothing to compare with")
        reading.publishedTableWrites = 501
        _ = reduce(&state, .pollSucceeded(.source(reading), at: t0.addingTimeInterval(4)))
        XCTAssertEqual(state.freshnessVerdict, "staging changed 5m ago, source wrote <10s ago")
        XCTAssertEqual(state.freshnessAges, [t0.addingTimeInterval(-300), t0.addingTimeInterval(4)])
        _ = reduce(&state, .clockTicked(t0.addingTimeInterval(30)))
        XCTAssertEqual(state.freshnessVerdict, "staging changed 5m ago, source wrote 20s ago")

        let rebuilt = WarehouseTable(schema: "staging", name: "stg_rental", rows: 11, rowsEstimated: false, bytes: nil, lastAltered: t0.addingTimeInterval(29))
        _ = reduce(&state, .pollSucceeded(.warehouse(WarehouseReading(kind: .postgres, tables: [rebuilt])), at: t0.addingTimeInterval(30)))
        XCTAssertEqual(state.freshnessVerdict, "staging changed <10s ago, source quiet since")
        XCTAssertEqual(state.freshnessAges, [t0.addingTimeInterval(29)], "a write before staging's change shows no age")

        state.tracer.configured = false
        XCTAssertEqual(state.freshnessVerdict, "staging changed <10s ago, source quiet since", "without cdc_probe, the same best proof")
    }

    func testTheTracerPaneIsSkippedUntilConfigured() {
        var state = F.state()
        state.tracer.configured = false
        state.ui.focus = .timeline
        _ = reduce(&state, .actionRequested(.focusNext))
        XCTAssertEqual(state.ui.focus, .source)
        _ = reduce(&state, .actionRequested(.focus(.tracer)))
        XCTAssertEqual(state.ui.focus, .source)
        XCTAssertEqual(reduce(&state, .actionRequested(.probe(.insert))), [])
        XCTAssertEqual(state.ui.notice, "the tracer is off: add cdc_probe: to eltop.yaml (docs/configuration.md)")
        state.tracer.configured = true
        state.ui.focus = .timeline
        _ = reduce(&state, .actionRequested(.focusNext))
        XCTAssertEqual(state.ui.focus, .tracer)
    }

    func testALaterUpdateThatReachedRawOvertakesAnEarlierOne() {
        var state = F.state()
        _ = reduce(&state, F.written(.update, id: 7, note: "a", at: t0, lsn: "0/10"))
        _ = reduce(&state, F.written(.update, id: 7, note: "b", at: t0.addingTimeInterval(1), lsn: "0/20"))
        _ = reduce(&state, F.raw([RawProbeRow(probeID: 7, note: "b", lsn: "24", deletedAt: nil, syncID: 2, extractedAt: t0.addingTimeInterval(5))], at: t0.addingTimeInterval(6)))
        XCTAssertNotNil(state.tracer.trips[1].raw)
        XCTAssertEqual(state.tracer.trips[0].failure, "overtaken by trip #2 before it reached raw (raw keeps the latest change per key)")
    }
}
