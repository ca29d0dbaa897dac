import EltopCore
import EltopMetrics
import EltopTestSupport
import Foundation
import XCTest

/// A project with 1,000 tables and 15,000 dbt nodes stays a few hundred series.
final class CardinalityTests: XCTestCase {
    func testThousandsOfTablesAndNodesStaySmall() throws {
        let state = StateFixtures.ok(slots: 3, connections: 2, tables: 2_000, nodes: 15_000)
        XCTAssertGreaterThan(state.warehouse.pairs.count, 1_000)
        let text = StateExposition.text(state, version: "test", limits: MetricsLimits(maxTableSeries: 20))
        let samples = try Exposition.parse(text)
        XCTAssertLessThan(samples.count, 300, "series: \(samples.count)")
        XCTAssertEqual(Set(samples.named("eltop_warehouse_raw_rows").map { $0.labels["table"]! }).count, 21, "20 own + _other")
        XCTAssertEqual(samples.value("eltop_warehouse_aggregated_pairs"), Double(state.warehouse.pairs.count - 20))
        XCTAssertLessThanOrEqual(samples.named("eltop_dbt_nodes").count, 12, "nodes by status only")
        XCTAssertEqual(samples.named("eltop_dbt_nodes").map(\.value).reduce(0, +), 15_000)
        XCTAssertEqual(try Promtool.checkMetrics(text).status, 0)
    }

    /// What is folded is summed, so totals across `table` are the same with or without the limit.
    func testFoldedTablesKeepTheTotals() throws {
        let state = StateFixtures.ok(tables: 200)
        let all = try Exposition.parse(StateExposition.text(state, version: "test", limits: MetricsLimits(maxTableSeries: 1_000)))
        let folded = try Exposition.parse(StateExposition.text(state, version: "test", limits: MetricsLimits(maxTableSeries: 5)))
        for name in ["eltop_warehouse_raw_rows", "eltop_warehouse_staging_rows", "eltop_warehouse_drift_rows"] {
            XCTAssertEqual(all.named(name).map(\.value).reduce(0, +), folded.named(name).map(\.value).reduce(0, +), name)
        }
        let oldest = all.named("eltop_warehouse_raw_loaded_timestamp_seconds").map(\.value).min()
        XCTAssertEqual(folded.value("eltop_warehouse_raw_loaded_timestamp_seconds", ["table": "_other"]).map { min($0, oldest!) }, oldest)
        XCTAssertEqual(all.value("eltop_warehouse_aggregated_pairs"), 0)
    }
}
