import EltopConfig
import EltopCore
import Foundation
import XCTest

/// The figures derived from the store's history, the thresholds, and the Airbyte-specific patterns.
final class SlotAssessmentTests: XCTestCase {
    typealias F = SourceFixtures

    func testLagRateIsTheSlopeOverTheWindowAndNullAfterOnePoll() {
        var state = F.state()
        F.polled([F.reading([F.slot(lag: 1000)])], into: &state)
        XCTAssertNil(state.source.assessment(of: state.visibleSlots[0]).lagRateBytesPerSecond)
        F.polled([1000, 1500, 2000, 3000].map { F.reading([F.slot(lag: $0)]) }, step: 10, into: &state, from: F.start.addingTimeInterval(1))
        // (3000 - 1000) bytes over 30 s inside the 300 s window, from the first sample of this run on.
        let rate = state.source.assessment(of: state.visibleSlots[0]).lagRateBytesPerSecond
        XCTAssertEqual(rate ?? 0, 2000.0 / 31.0, accuracy: 0.001)
    }

    func testTimeUntilSafeWalIsExhaustedFollowsRetainedGrowth() {
        var state = F.state()
        let readings = [0, 1, 2].map { i in F.reading([F.slot(retained: 1_000_000 + Int64(i) * 50_000, safe: 10_000_000 - Int64(i) * 50_000)]) }
        F.polled(readings, step: 10, into: &state)
        let figures = state.source.assessment(of: state.visibleSlots[0])
        XCTAssertEqual(figures.retainedRateBytesPerSecond ?? 0, 5000, accuracy: 0.001)
        XCTAssertEqual(figures.secondsUntilSafeWalExhausted ?? 0, 9_900_000.0 / 5000, accuracy: 0.001)
        XCTAssertEqual(figures.severity, .crit, "33 minutes left is less than the inactive warn threshold: crit")
    }

    func testWalStatusDecidesSeverity() {
        for (status, expected) in [("reserved", Severity.ok), ("extended", .warn), ("unreserved", .crit), ("lost", .crit)] {
            var state = F.state()
            F.polled([F.reading([F.slot(active: true, walStatus: WALStatus(rawValue: status))])], into: &state)
            XCTAssertEqual(state.source.severity, expected, status)
        }
    }

    func testWalStatusKeepsAValueALaterServerAdds() throws {
        let status = WALStatus(rawValue: "vanished")
        XCTAssertEqual(status, .other("vanished"))
        XCTAssertEqual(status.severity, .ok, "an unknown status is shown, not alarmed on")
        XCTAssertEqual(String(decoding: try JSONEncoder().encode(status), as: UTF8.self), "\"vanished\"")
        XCTAssertEqual(try JSONDecoder().decode(WALStatus.self, from: Data("\"lost\"".utf8)), .lost)
    }

    func testByteThresholdsFromConfig() {
        var config = SourceConfig()
        config.lagWarnBytes = 1000
        config.lagCritBytes = 5000
        config.retainedWarnBytes = 100_000
        for (lag, expected) in [(Int64(999), Severity.ok), (1000, .warn), (5000, .crit)] {
            var state = F.state(thresholds: config.thresholds)
            F.polled([F.reading([F.slot(active: true, lag: lag, retained: 0)])], into: &state)
            XCTAssertEqual(state.source.severity, expected, "lag \(lag)")
        }
        var state = F.state(thresholds: config.thresholds)
        F.polled([F.reading([F.slot(active: true, lag: 0, retained: 100_000)])], into: &state)
        XCTAssertEqual(state.source.assessment(of: state.visibleSlots[0]).concerns.map(\.text), ["retained WAL ≥ 98 KiB"])
    }

    func testInactivityIsNormalUntilTwiceTheSyncInterval() {
        var config = SourceConfig()
        config.syncIntervalSeconds = 3600
        XCTAssertEqual(config.thresholds.inactiveWarnSeconds, 7200)
        XCTAssertEqual(config.thresholds.inactiveCritSeconds, 14400)
        var state = F.state(thresholds: config.thresholds)
        F.polled([F.reading([F.slot(active: true)]), F.reading([F.slot(active: false)])], into: &state)
        XCTAssertEqual(state.source.severity, .ok)
        let inactive = state.source.assessment(of: state.visibleSlots[0])
        XCTAssertEqual(inactive.inactiveSeconds, 0)
        XCTAssertFalse(inactive.inactiveIsLowerBound)
        // Two hours later, still inactive: warn; four hours: crit.
        F.polled([F.reading([F.slot(active: false)])], into: &state, from: F.start.addingTimeInterval(5 + 7200))
        XCTAssertEqual(state.source.severity, .warn)
        XCTAssertEqual(state.source.assessment(of: state.visibleSlots[0]).inactiveSeconds, 7200)
        F.polled([F.reading([F.slot(active: false)])], into: &state, from: F.start.addingTimeInterval(5 + 14400))
        XCTAssertEqual(state.source.severity, .crit)
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "slot airbyte_slot: inactive 4h ≥ 4h" }, "\(state.timeline.entries.map(\.message))")
    }

    func testAServerReportedInactiveSinceWinsOverEltopsOwnObservation() {
        var state = F.state()
        var slot = F.slot(active: false)
        slot.inactiveSince = F.start.addingTimeInterval(-600)
        F.polled([F.reading([slot])], into: &state)
        let figures = state.source.assessment(of: state.visibleSlots[0])
        XCTAssertEqual(figures.inactiveSeconds, 600)
        XCTAssertFalse(figures.inactiveIsLowerBound)
        var unknown = F.state()
        F.polled([F.reading([F.slot(active: false)])], into: &unknown)
        XCTAssertTrue(unknown.source.assessment(of: unknown.visibleSlots[0]).inactiveIsLowerBound)
    }

    /// Three syncs, each ending with more lag than the last, while the published tables' counter stands still.
    func testLagGrowingAcrossSyncsOnAnIdleSourceIsTheHeartbeatTrap() {
        var state = F.state()
        var readings: [SourceReading] = []
        for (i, lag) in [Int64(1000), 5000, 9000].enumerated() {
            readings.append(F.reading([F.slot(active: true, lag: lag - 500)], writes: 10))
            readings.append(F.reading([F.slot(active: false, lag: lag)], writes: 10))
            _ = i
        }
        F.polled(readings, into: &state)
        let figures = state.source.assessment(of: state.visibleSlots[0])
        XCTAssertTrue(figures.lagGrowingAcrossSyncs)
        XCTAssertTrue(figures.idleSourceSuspected)
        XCTAssertEqual(figures.severity, .warn)
        XCTAssertEqual(state.source.tracks["airbyte_slot"]?.syncEnds.map(\.lagBytes), [1000, 5000, 9000])

        // The same growth with writes on the published tables is not the heartbeat trap, only growth.
        var busy = F.state()
        var writes: Int64 = 10
        F.polled(readings.map { r in writes += 5; var r = r; r.publishedTableWrites = writes; return r }, into: &busy)
        let busyFigures = busy.source.assessment(of: busy.visibleSlots[0])
        XCTAssertTrue(busyFigures.lagGrowingAcrossSyncs)
        XCTAssertFalse(busyFigures.idleSourceSuspected)
    }

    func testSteadyLagAcrossSyncsIsNotGrowth() {
        var state = F.state()
        let readings = [Int64(5000), 4000, 5000].flatMap { [F.reading([F.slot(active: true, lag: 100)]), F.reading([F.slot(active: false, lag: $0)])] }
        F.polled(readings, into: &state)
        XCTAssertFalse(state.source.assessment(of: state.visibleSlots[0]).lagGrowingAcrossSyncs)
        XCTAssertEqual(state.source.severity, .ok)
    }

    func testSnapshotJSONHasTheIssueFieldsWithNulls() throws {
        var state = F.state()
        F.polled([F.reading([F.slot(active: false, lag: 1000)]), F.reading([F.slot(active: false, lag: 1500)])], into: &state)
        let json = try SnapshotDocument(state).jsonText()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let source = object["source"] as! [String: Any]
        XCTAssertEqual(source["server_version"] as? String, "15.8")
        let slot = (source["slots"] as! [[String: Any]])[0]
        for key in ["name", "plugin", "database", "active", "inactive_seconds", "lag_bytes", "retained_bytes", "wal_status", "safe_wal_size", "lag_rate_bytes_per_s"] {
            XCTAssertTrue(slot.keys.contains(key), key)
        }
        XCTAssertTrue(slot["safe_wal_size"] is NSNull)
        XCTAssertEqual(slot["lag_bytes"] as? Int, 1500)
        XCTAssertEqual(slot["inactive_seconds"] as? Int, 5)
        XCTAssertEqual(slot["lag_rate_bytes_per_s"] as? Double, 100)
        XCTAssertEqual(slot["active"] as? Bool, false)
    }
}
