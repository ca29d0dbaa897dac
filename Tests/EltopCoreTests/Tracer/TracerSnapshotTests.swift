import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// `snapshot --json`'s `tracer` section: every trip newest first with its four hops (`null` until
/// reached), its status and waiting text, and the end-to-end verdict of the last completed trip.
final class TracerSnapshotTests: XCTestCase {
    private let t0 = TracerFixtures.t0
    private typealias F = TracerFixtures

    func testTheSectionListsACompletedAndAnInFlightTripWithTheirHops() throws {
        var state = F.state()
        guard case .writeProbe(_, _, let note?) = F.confirm(.probe(.insert), in: &state).first else { return XCTFail("no insert") }
        _ = reduce(&state, F.written(.insert, id: 7, note: note, at: t0.addingTimeInterval(1), lsn: "0/3000100"))
        _ = reduce(&state, .pollSucceeded(.airbyte(F.airbyte([
            F.job(2, .succeeded, startedAt: t0.addingTimeInterval(10), took: 6), F.job(1, .succeeded, startedAt: t0.addingTimeInterval(-50), took: 10),
        ])), at: t0.addingTimeInterval(20)))
        let row = RawProbeRow(probeID: 7, note: note, lsn: "50331840", deletedAt: nil, syncID: 2, extractedAt: t0.addingTimeInterval(14))
        _ = reduce(&state, F.raw([row], at: t0.addingTimeInterval(21)))
        _ = reduce(&state, .dbt(.runEnded(exitCode: 0, signalled: false, at: t0.addingTimeInterval(40))))
        _ = reduce(&state, F.rawAndStaging([row], [StagingProbeRow(probeID: 7, note: note)], at: t0.addingTimeInterval(41)))
        guard case .writeProbe(.update, _, let second?) = F.confirm(.probe(.update), in: &state).first else { return XCTFail("no update") }
        _ = reduce(&state, F.written(.update, id: 7, note: second, at: t0.addingTimeInterval(45), lsn: "0/3000300"))
        state.now = t0.addingTimeInterval(46)

        let document = try JSONSerialization.jsonObject(with: Data(SnapshotDocument(state).jsonText().utf8)) as? [String: Any]
        let tracer = try XCTUnwrap(document?["tracer"] as? [String: Any])
        XCTAssertEqual(tracer["configured"] as? Bool, true)
        XCTAssertEqual(tracer["verdict"] as? String, "source → staging 40s")
        XCTAssertEqual(tracer["source_to_staging_seconds"] as? Double, 40)
        let trips = try XCTUnwrap(tracer["trips"] as? [[String: Any]])
        XCTAssertEqual(trips.map { $0["operation"] as? String }, ["update", "insert"], "newest first")

        let inFlight = trips[0]
        XCTAssertEqual(inFlight["status"] as? String, "in_flight")
        XCTAssertEqual(inFlight["note"] as? String, second)
        XCTAssertEqual(inFlight["waiting"] as? String, state.tracerWaiting(state.tracer.trips[1]))
        XCTAssertNotNil(inFlight["waiting"] as? String)
        let waitingHops = try XCTUnwrap(inFlight["hops"] as? [String: Any])
        XCTAssertEqual((waitingHops["committed"] as? [String: Any])?["lsn"] as? String, "0/3000300")
        for hop in ["sync", "raw", "staging"] { XCTAssertTrue(waitingHops[hop] is NSNull, "\(hop) is null until reached") }
        XCTAssertTrue(inFlight["total_seconds"] is NSNull)

        let done = trips[1]
        XCTAssertEqual(done["status"] as? String, "complete")
        XCTAssertEqual(done["probe_id"] as? Int, 7)
        XCTAssertEqual(done["total_seconds"] as? Double, 40)
        XCTAssertTrue(done["waiting"] is NSNull)
        let hops = try XCTUnwrap(done["hops"] as? [String: Any])
        XCTAssertEqual((hops["committed"] as? [String: Any])?["at"] as? String, SnapshotTime.string(t0.addingTimeInterval(1)))
        let sync = try XCTUnwrap(hops["sync"] as? [String: Any])
        XCTAssertEqual(sync["job_id"] as? Int, 2)
        XCTAssertEqual(sync["latency_seconds"] as? Double, 9)
        let raw = try XCTUnwrap(hops["raw"] as? [String: Any])
        XCTAssertEqual(raw["note"] as? String, note)
        XCTAssertEqual(raw["at"] as? String, SnapshotTime.string(t0.addingTimeInterval(14)))
        XCTAssertTrue(raw["delete"] is NSNull)
        let staging = try XCTUnwrap(hops["staging"] as? [String: Any])
        XCTAssertEqual(staging["gone"] as? Bool, false)
        XCTAssertEqual(staging["latency_seconds"] as? Double, 27)
    }

    func testWithoutTheTracerTheSectionSaysUnconfiguredWithNoTrips() throws {
        let document = try JSONSerialization.jsonObject(with: Data(SnapshotDocument(StateFixtures.loading()).jsonText().utf8)) as? [String: Any]
        let tracer = try XCTUnwrap(document?["tracer"] as? [String: Any])
        XCTAssertEqual(tracer["configured"] as? Bool, false)
        XCTAssertTrue(tracer["verdict"] is NSNull)
        XCTAssertEqual((tracer["trips"] as? [Any])?.count, 0)
    }
}
