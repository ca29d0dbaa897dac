import EltopCore
import EltopMetrics
import EltopTestSupport
import Foundation
import XCTest

/// The exposition of fixed states: well-formed by promtool's reading and by our own, named by
/// Prometheus conventions, and equal to `snapshot --json` of the same state wherever both show a figure.
final class ExpositionTests: XCTestCase {
    /// A state with something in every area: an inactive slot with wal_status, a running job, pairs with drift, a failed model.
    static func busyState() -> DashboardState {
        var state = StateFixtures.ok(slots: 2, connections: 2, tables: 8, nodes: 12)
        var slot = state.source.reading!.slots[1]
        slot.active = false
        slot.walStatus = .unreserved
        slot.safeWalSizeBytes = 4_096
        slot.inactiveSince = StateFixtures.now.addingTimeInterval(-7_322.6)
        state.source.reading!.slots[1] = slot
        var running = AirbyteJob(
            id: 4_711, status: .running, jobType: "sync", startedAt: StateFixtures.now.addingTimeInterval(-90), durationSeconds: nil,
            rowsSynced: nil, bytesSynced: nil, attempt: 2,
            progress: AirbyteProgress(recordsEmitted: 1_200, recordsCommitted: 1_000, bytesEmitted: 64_000, bytesCommitted: 50_000))
        running.failures = [AirbyteFailure(attempt: 1, origin: "source", message: "reset")]
        state.airbyte.reading!.connections[0].jobs.insert(running, at: 0)
        state.dbt.reading!.lastRun = DbtRunSummary(
            startedAt: StateFixtures.now.addingTimeInterval(-700), endedAt: StateFixtures.now.addingTimeInterval(-652), elapsedSeconds: 48.25)
        return state
    }

    func testPromtoolFindsNothingToLint() throws {
        let text = StateExposition.text(Self.busyState(), version: "test")
        let result = try Promtool.checkMetrics(text)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(result.output.trimmingCharacters(in: .whitespacesAndNewlines), "", "promtool's lint findings:\n\(result.output)")
    }

    func testEveryFamilyIsWrittenOnceWithHelpAndType() throws {
        let text = StateExposition.text(Self.busyState(), version: "test")
        let samples = try Exposition.parse(text)
        let families = Set(samples.map { $0.name })
        for family in families {
            XCTAssertEqual(text.components(separatedBy: "# TYPE \(family) ").count - 1, 1, family)
            XCTAssertTrue(text.contains("# HELP \(family) "), family)
        }
        XCTAssertTrue(families.isSuperset(of: [
            "eltop_feed_up", "eltop_feed_data_age_seconds", "eltop_feed_consecutive_poll_failures", "eltop_feed_poll_errors_total",
            "eltop_source_slot_lag_bytes", "eltop_source_slot_retained_wal_bytes", "eltop_source_slot_safe_wal_size_bytes",
            "eltop_source_slot_active", "eltop_source_slot_inactive_seconds", "eltop_source_slot_wal_status",
            "eltop_airbyte_job_running", "eltop_airbyte_running_job_committed_records", "eltop_airbyte_running_job_committed_bytes",
            "eltop_airbyte_last_success_timestamp_seconds", "eltop_airbyte_last_failure_timestamp_seconds", "eltop_airbyte_consecutive_failed_jobs",
            "eltop_warehouse_raw_rows", "eltop_warehouse_staging_rows", "eltop_warehouse_drift_rows", "eltop_warehouse_raw_loaded_timestamp_seconds",
            "eltop_dbt_nodes", "eltop_dbt_last_run_duration_seconds",
        ]), "missing: \(families)")
    }

    func testValuesEqualTheSnapshotOfTheSameState() throws {
        let state = Self.busyState()
        let samples = try Exposition.parse(StateExposition.text(state, version: "test"))
        let json = Data(try SnapshotDocument(state).jsonText().utf8)
        let (problems, compared) = try SnapshotAgreement.mismatches(samples, snapshot: json)
        XCTAssertEqual(problems, [])
        XCTAssertGreaterThan(compared, 35)
        // The inactive slot's figures, read independently of the comparison.
        let slot = ["slot": state.source.reading!.slots[1].name]
        XCTAssertEqual(samples.value("eltop_source_slot_active", slot), 0)
        XCTAssertEqual(samples.value("eltop_source_slot_wal_status", slot.merging(["wal_status": "unreserved"]) { a, _ in a }), 1)
        XCTAssertEqual(samples.value("eltop_source_slot_wal_status", slot.merging(["wal_status": "reserved"]) { a, _ in a }), 0)
        XCTAssertEqual(samples.value("eltop_source_slot_inactive_seconds", slot)!, 7_322.6 - 2, accuracy: 0.01)
    }

    func testAFailingFeedIsDownWithItsFailuresCounted() throws {
        let state = StateFixtures.failing()
        let polls = PollStatistics()
        for _ in 0..<3 { polls.recordPoll(.source, seconds: 4.0, failed: true) }
        let samples = try Exposition.parse(StateExposition.text(state, version: "test", polls: polls))
        XCTAssertEqual(samples.value("eltop_feed_up", ["feed": "source"]), 0)
        XCTAssertEqual(samples.value("eltop_feed_poll_errors_total", ["feed": "source"]), 3)
        XCTAssertEqual(samples.value("eltop_feed_poll_duration_seconds", ["feed": "source"]), 4)
        XCTAssertEqual(samples.value("eltop_feed_consecutive_poll_failures", ["feed": "source"]), Double(state.source.health.consecutiveFailures))
    }

    func testAnUnconfiguredFeedSaysSoAndNothingElse() throws {
        let samples = try Exposition.parse(StateExposition.text(StateFixtures.unconfigured(), version: "test"))
        for feed in Feed.allCases {
            XCTAssertEqual(samples.value("eltop_feed_configured", ["feed": feed.rawValue]), 0)
            XCTAssertNil(samples.value("eltop_feed_up", ["feed": feed.rawValue]))
        }
        XCTAssertTrue(samples.named("eltop_source_slot_lag_bytes").isEmpty)
    }

    /// Label values are escaped, so a table or connection name cannot forge a sample.
    func testLabelValuesAreEscaped() throws {
        var state = StateFixtures.ok(slots: 1, connections: 1, tables: 0, nodes: 0)
        state.airbyte.reading!.connections[0].name = "a \"quoted\"\nname\\"
        let samples = try Exposition.parse(StateExposition.text(state, version: "test"))
        XCTAssertEqual(samples.named("eltop_airbyte_job_running").first?.labels["connection"], "a \"quoted\"\nname\\")
        XCTAssertEqual(try Promtool.checkMetrics(StateExposition.text(state, version: "test")).status, 0)
    }
}
