import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// `eltop check`'s report from states: which level wins, the summary line, perfdata and the JSON shape.
final class CheckReportTests: XCTestCase {
    private let now = StateFixtures.now

    private func state(slot walStatus: WALStatus = .reserved, lagBytes: Int64 = 0, airbyteError: String? = nil) -> DashboardState {
        var state = StateFixtures.unconfigured()
        for feed in [Feed.source, .airbyte] { state.updateHealth(feed) { $0.configured = true; $0.pollInterval = 5 } }
        let slot = ReplicationSlot(name: "airbyte_slot", plugin: "pgoutput", database: "app", active: false, lagBytes: lagBytes, retainedBytes: lagBytes, walStatus: walStatus)
        _ = reduce(&state, .pollSucceeded(.source(SourceReading(serverVersion: "16.4", slots: [slot])), at: now))
        if let airbyteError {
            _ = reduce(&state, .pollFailed(.airbyte, message: airbyteError, at: now, nextAttemptAt: nil))
        } else {
            _ = reduce(&state, .pollSucceeded(.airbyte(AirbyteReading(connections: [])), at: now))
        }
        _ = reduce(&state, .clockTicked(now))
        return state
    }

    func testCriticalWinsOverUnknownWhichWinsOverWarning() {
        XCTAssertEqual([CheckLevel.warning, .unknown, .critical, .ok].max(), .critical)
        XCTAssertEqual([CheckLevel.warning, .unknown, .ok].max(), .unknown)
        let lost = CheckReport(state(slot: .lost, airbyteError: "127.0.0.1:1: Couldn't connect to server"), feeds: [.source, .airbyte])
        XCTAssertEqual(lost.level, .critical, "an unreachable Airbyte must not hide a lost slot")
        XCTAssertEqual(lost.exitStatus, 2)
        let lagging = CheckReport(state(lagBytes: 2 << 30, airbyteError: "127.0.0.1:1: Couldn't connect to server"), feeds: [.source, .airbyte])
        XCTAssertEqual(lagging.level, .unknown)
        XCTAssertEqual(lagging.exitStatus, 3)
        XCTAssertEqual(CheckReport(state(lagBytes: 2 << 30), feeds: [.source, .airbyte]).exitStatus, 1)
        XCTAssertEqual(CheckReport(state(), feeds: [.source, .airbyte]).exitStatus, 0)
    }

    func testSummaryLineCarriesTheWorstFindingsAndPerfData() {
        let report = CheckReport(state(lagBytes: 2 << 30), feeds: [.source, .airbyte])
        XCTAssertEqual(
            report.summaryLine,
            "ELTOP WARNING - source: slot airbyte_slot lag ≥ 1.0 GiB"
                + " | airbyte_slot_lag=2147483648B;1073741824;10737418240 airbyte_slot_retained=2147483648B;5368709120;21474836480 airbyte_slot_inactive=0s;7200;43200")
        XCTAssertTrue(report.text.hasPrefix(report.summaryLine + "\n[WARNING] source: slot airbyte_slot lag"), report.text)
        XCTAssertTrue(report.text.contains("[OK] airbyte: 0 connection(s) ok"), report.text)
        XCTAssertEqual(CheckReport(state(), feeds: [.source, .airbyte]).summaryLine.components(separatedBy: " | ").first, "ELTOP OK - source ok, airbyte ok")
    }

    /// The Airbyte findings besides the verdicts: a last success older than twice the basic schedule warns,
    /// a last job that failed is CRITICAL with its origin, type and message, a disabled connection warns.
    func testAnOverdueSyncWarnsAFailedLastJobIsCriticalAndADisabledConnectionWarns() {
        var state = StateFixtures.unconfigured()
        state.updateHealth(.airbyte) { $0.configured = true; $0.pollInterval = 5 }
        let failed = AirbyteJob(
            id: 7, status: .failed, jobType: "sync", startedAt: now.addingTimeInterval(-600), durationSeconds: 30, rowsSynced: 0, bytesSynced: 0,
            failures: [AirbyteFailure(attempt: 1, origin: "destination", message: "warehouse suspended", failureType: "system_error")])
        let overdue = AirbyteConnection(
            id: "c1", name: "hourly", syncStatus: "synced", jobs: [], schedule: "Every 1 HOURS", lastSuccessfulSyncAt: now.addingTimeInterval(-3 * 3600))
        let failing = AirbyteConnection(id: "c2", name: "failing", syncStatus: "incomplete", jobs: [failed], schedule: "manual")
        var disabled = AirbyteConnection(id: "c3", name: "off", syncStatus: "synced", jobs: [], schedule: "manual")
        disabled.status = "inactive"
        _ = reduce(&state, .pollSucceeded(.airbyte(AirbyteReading(connections: [overdue, failing, disabled])), at: now))
        _ = reduce(&state, .clockTicked(now))
        let report = CheckReport(state, feeds: [.airbyte])
        XCTAssertEqual(report.findings, [
            CheckFinding(.airbyte, .warning, "hourly: last successful sync 3h ago, scheduled Every 1 HOURS"),
            CheckFinding(.airbyte, .critical, "failing: the last job failed; last: destination · system_error · warehouse suspended"),
            CheckFinding(.airbyte, .warning, "off: connection inactive: no syncs will run"),
        ])
        XCTAssertEqual(report.exitStatus, 2)
        XCTAssertTrue(report.summaryLine.hasPrefix("ELTOP CRITICAL - airbyte: failing: the last job failed; last: destination"), report.summaryLine)
        XCTAssertTrue(report.summaryLine.contains(" failing_failed_jobs=1;;3 "), report.summaryLine)
    }

    func testAnAreaNotConfiguredButAskedForIsUnknown() {
        let report = CheckReport(state(), feeds: [.dbt])
        XCTAssertEqual(report.level, .unknown)
        XCTAssertTrue(report.findings.first?.text.hasPrefix("not configured: ") ?? false, "\(report.findings)")
    }

    func testJSONShape() throws {
        let report = CheckReport(state(slot: .lost), feeds: [.source], notes: ["WAL growth sampled over 3.0s (two source readings)"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(report.jsonText().utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["status", "exit_code", "summary", "findings", "perfdata", "verdicts", "notes"])
        XCTAssertEqual(object["status"] as? String, "CRITICAL")
        XCTAssertEqual(object["exit_code"] as? Int, 2)
        let finding = try XCTUnwrap((object["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(finding.keys), ["area", "level", "text"])
        XCTAssertEqual(finding["area"] as? String, "source")
        let perf = try XCTUnwrap((object["perfdata"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(perf.keys), ["label", "value", "unit", "warn", "crit"])
        XCTAssertEqual(object["notes"] as? [String], ["WAL growth sampled over 3.0s (two source readings)"])
    }

    func testPerfDataLabelsAreQuotedWhenTheyNeedIt() {
        XCTAssertEqual(PerfDatum("pg → warehouse_failed_jobs", 3, crit: 3).text, "'pg → warehouse_failed_jobs'=3;;3")
        XCTAssertEqual(PerfDatum("slot_lag", 1.5, unit: "B").text, "slot_lag=1.500B;;")
    }
}
