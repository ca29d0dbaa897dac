import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// Drift and stale raw tables: the Warehouse pane's worst fact and status, and `check`'s findings and
/// perfdata, all from `warehouse.drift_warn_rows` and `warehouse.raw_stale_after`.
final class WarehouseThresholdTests: XCTestCase {
    private let now = StateFixtures.now

    private func table(_ schema: String, _ name: String, rows: Int64, estimated: Bool = false, extractedAgo: TimeInterval? = nil) -> WarehouseTable {
        WarehouseTable(
            schema: schema, name: name, rows: rows, rowsEstimated: estimated, bytes: nil, lastAltered: nil,
            extractedAt: extractedAgo.map { now.addingTimeInterval(-$0) })
    }

    /// A warehouse polled at `now` holding `tables`, judged with `thresholds`.
    private func state(_ tables: [WarehouseTable], _ thresholds: WarehouseThresholds = WarehouseThresholds()) -> DashboardState {
        var state = StateFixtures.unconfigured()
        state.warehouse.thresholds = thresholds
        state.updateHealth(.warehouse) { $0.configured = true; $0.pollInterval = 30 }
        _ = reduce(&state, .pollSucceeded(.warehouse(WarehouseReading(kind: .postgres, tables: tables)), at: now))
        _ = reduce(&state, .clockTicked(now))
        return state
    }

    private func film(raw: Int64, staging: Int64, estimated: Bool = false) -> [WarehouseTable] {
        [table("raw", "film", rows: raw, estimated: estimated), table("staging", "stg_film", rows: staging)]
    }

    func testDriftUnderOrAtTheThresholdIsFine() {
        for staging: Int64 in [100, 0] {
            let s = state(film(raw: 1000, staging: staging))
            XCTAssertNil(s.worstConcern(.warehouse), "drift \(1000 - staging) is not above 1,000")
            XCTAssertEqual(s.severity(.warehouse), .ok)
        }
    }

    func testDriftOverTheThresholdWarnsInWords() {
        let s = state(film(raw: 1234, staging: 0) + [table("raw", "actor", rows: 5000), table("staging", "stg_actor", rows: 10)])
        XCTAssertEqual(s.worstConcern(.warehouse), PaneConcern(
                .warn, "raw.actor → staging.stg_actor: 4,990 rows apart (warn 1,000)",
                shorter: ["raw.actor: 4,990 rows apart", "actor: 4,990 rows apart"]))
        XCTAssertEqual(s.severity(.warehouse), .warn, "a warning, never critical: staging lags raw between transforms")
        XCTAssertEqual(s.warehouse.pairConcerns(now: now).map(\.text), [
            "raw.actor → staging.stg_actor: 4,990 rows apart (warn 1,000)",
            "raw.film → staging.stg_film: 1,234 rows apart (warn 1,000)",
        ])
        let behind = state([table("raw", "film", rows: 10), table("staging", "stg_film", rows: 2011)])
        XCTAssertEqual(behind.worstConcern(.warehouse)?.text, "raw.film → staging.stg_film: 2,001 rows apart (warn 1,000)", "staging ahead counts too")
    }

    func testEstimatedDriftSaysAbout() {
        XCTAssertEqual(
            state(film(raw: 1_500_000, staging: 1_000, estimated: true)).worstConcern(.warehouse)?.text,
            "raw.film → staging.stg_film: about 1,499,000 rows apart (warn 1,000)")
    }

    func testDriftThresholdZeroIsOff() {
        XCTAssertNil(state(film(raw: 1_000_000, staging: 0), WarehouseThresholds(driftWarnRows: 0)).worstConcern(.warehouse))
    }

    func testStaleRawTableWarnsOnlyWhenTheThresholdIsSet() {
        let tables = [table("raw", "rental", rows: 5, extractedAgo: 3 * 3600), table("staging", "stg_rental", rows: 5)]
        XCTAssertNil(state(tables).worstConcern(.warehouse), "raw_stale_after is off by default")
        let hour = WarehouseThresholds(rawStaleAfterSeconds: 3600)
        XCTAssertEqual(state(tables, hour).worstConcern(.warehouse), PaneConcern(
                .warn, "raw.rental: newest row 3h ago (stale after 1h)", shorter: ["raw.rental: newest row 3h ago", "rental: newest row 3h ago"]))
        XCTAssertNil(state(tables, WarehouseThresholds(rawStaleAfterSeconds: 3 * 3600)).worstConcern(.warehouse), "exactly at the threshold is fine")
        let unknownAge = [table("raw", "rental", rows: 5), table("staging", "stg_rental", rows: 5)]
        XCTAssertNil(state(unknownAge, hour).worstConcern(.warehouse), "no freshness figure: nothing says it is old")
    }

    func testMissingSchemaOutranksDriftInTheFooter() {
        var s = state(film(raw: 5000, staging: 0))
        var reading = s.warehouse.reading!
        reading.missingSchemas = ["marts"]
        _ = reduce(&s, .pollSucceeded(.warehouse(reading), at: now))
        XCTAssertEqual(s.worstConcern(.warehouse)?.text, "schema marts not found in the warehouse")
    }

    func testCheckGivesOneFindingPerPairCappedAndTheWorstDriftAsPerfData() {
        var tables: [WarehouseTable] = []
        for i in 1...7 { tables += [table("raw", "t\(i)", rows: 2000 + Int64(i)), table("staging", "stg_t\(i)", rows: 0)] }
        tables += [table("raw", "quiet", rows: 1, extractedAgo: 7200), table("staging", "stg_quiet", rows: 1)]
        let report = CheckReport(state(tables, WarehouseThresholds(rawStaleAfterSeconds: 3600)), feeds: [.warehouse])
        XCTAssertEqual(report.level, .warning)
        XCTAssertEqual(report.findings.map(\.text), [
            "raw.t7 → staging.stg_t7: 2,007 rows apart (warn 1,000)",
            "raw.t6 → staging.stg_t6: 2,006 rows apart (warn 1,000)",
            "raw.t5 → staging.stg_t5: 2,005 rows apart (warn 1,000)",
            "raw.t4 → staging.stg_t4: 2,004 rows apart (warn 1,000)",
            "raw.t3 → staging.stg_t3: 2,003 rows apart (warn 1,000)",
            "and 3 more table(s) drifting or stale",
        ])
        XCTAssertEqual(report.perfdata.map(\.text), ["drift_rows=2007;1000;"])
    }

    func testCheckIsOKUnderTheThresholds() {
        let report = CheckReport(state(film(raw: 1000, staging: 990)), feeds: [.warehouse])
        XCTAssertEqual(report.level, .ok)
        XCTAssertEqual(report.findings.map(\.text), ["2 table(s) ok"])
        XCTAssertEqual(report.perfdata.map(\.text), ["drift_rows=10;1000;"])
        let off = CheckReport(state(film(raw: 1000, staging: 990), WarehouseThresholds(driftWarnRows: 0)), feeds: [.warehouse])
        XCTAssertEqual(off.perfdata.map(\.text), ["drift_rows=10;;"], "no warn mark when the check is off")
    }

    func testThresholdsSurviveTheRecorderAndOldRecordingsGetTheDefaults() throws {
        let s = state(film(raw: 1, staging: 1), WarehouseThresholds(driftWarnRows: 5, rawStaleAfterSeconds: 60))
        let data = try JSONEncoder().encode(s.warehouse)
        XCTAssertEqual(try JSONDecoder().decode(WarehouseState.self, from: data), s.warehouse)
        var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["thresholds"] = nil
        let old = try JSONDecoder().decode(WarehouseState.self, from: try JSONSerialization.data(withJSONObject: object))
        XCTAssertEqual(old.thresholds, WarehouseThresholds())
    }
}
