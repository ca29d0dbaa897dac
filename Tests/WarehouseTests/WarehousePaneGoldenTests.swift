import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// The Warehouse pane focused and drawn alone (below the dashboard's minimum size only the focused
/// pane is shown), compared with Snapshots/warehouse-STATE-COLSxROWS.txt.
final class WarehousePaneGoldenTests: XCTestCase {
    private let now = StateFixtures.now

    /// Two polls of raw and staging: rows grew in raw between them, one staging model lags, one is
    /// an estimate, one raw table has no staging model yet and one model has no raw table.
    private func state() -> DashboardState {
        var state = StateFixtures.loading()
        state.now = now.addingTimeInterval(-60)
        let layout = WarehouseLayout()
        func reading(_ rentalRows: Int64) -> WarehouseReading {
            WarehouseReading(
                kind: .snowflake,
                tables: [
                    WarehouseTable(schema: "RAW", name: "RENTAL", rows: rentalRows, rowsEstimated: false, bytes: 1_310_720, lastAltered: now.addingTimeInterval(-400), extractedAt: now.addingTimeInterval(-300)),
                    WarehouseTable(schema: "RAW", name: "PAYMENT", rows: 14_596, rowsEstimated: false, bytes: 900_000, lastAltered: now.addingTimeInterval(-4_000), extractedAt: now.addingTimeInterval(-3_900)),
                    WarehouseTable(schema: "RAW", name: "FILM", rows: 1_000, rowsEstimated: false, bytes: 200_000, lastAltered: nil),
                    WarehouseTable(schema: "RAW", name: "STAFF", rows: 2, rowsEstimated: false, bytes: 2_048, lastAltered: nil),
                    WarehouseTable(schema: "STAGING", name: "STG_RENTAL", rows: 16_044, rowsEstimated: false, bytes: 1_200_000, lastAltered: now.addingTimeInterval(-900)),
                    WarehouseTable(schema: "STAGING", name: "STG_PAYMENT", rows: 14_500, rowsEstimated: true, bytes: 880_000, lastAltered: nil),
                    WarehouseTable(schema: "STAGING", name: "FILM", rows: 1_000, rowsEstimated: false, bytes: 190_000, lastAltered: nil),
                    WarehouseTable(schema: "STAGING", name: "STG_DATES", rows: 365, rowsEstimated: false, bytes: 8_192, lastAltered: nil),
                ],
                layout: layout, freshnessCheckedAt: now.addingTimeInterval(-300))
        }
        _ = reduce(&state, .pollSucceeded(.warehouse(reading(16_044)), at: now.addingTimeInterval(-32)))
        state.now = now
        _ = reduce(&state, .pollSucceeded(.warehouse(reading(16_101)), at: now.addingTimeInterval(-2)))
        _ = reduce(&state, .actionRequested(.focus(.warehouse)))
        return state
    }

    private func assertGolden(_ state: DashboardState, _ name: String, size: Size = Size(cols: 70, rows: 14), glyphs: Glyphs = .unicode, line: UInt = #line) {
        let grid = render(state, size: size, theme: .builtIn, glyphs: glyphs, timeZone: TimeZone(identifier: "UTC")!)
        if let failure = Golden.check(grid, name: "\(name)-\(size.cols)x\(size.rows)") { XCTFail(failure, line: line) }
    }

    func testPairsWithChangeDriftAgeAndTotals() { assertGolden(state(), "warehouse-pairs") }

    func testSortedByDrift() {
        var state = state()
        _ = reduce(&state, .actionRequested(.cycleWarehouseSort))
        XCTAssertEqual(state.warehouse.sort, .drift)
        XCTAssertEqual(state.visibleWarehousePairs.map(\.name), ["PAYMENT", "RENTAL", "FILM", "STAFF", "STG_DATES"], "largest drift first, estimates included")
        assertGolden(state, "warehouse-sorted-drift")
    }

    func testFilterAndASCII() {
        var state = state()
        for action in [Action.beginFilter, .filterInput("p"), .filterInput("a"), .filterCommit] { _ = reduce(&state, .actionRequested(action)) }
        XCTAssertEqual(state.visibleWarehousePairs.map(\.name), ["PAYMENT"])
        assertGolden(state, "warehouse-filter-ascii", glyphs: .ascii)
    }

    func testMissingSchemaAndDetail() {
        var state = state()
        var reading = state.warehouse.reading!
        reading.missingSchemas = ["STAGING"]
        reading.tables.removeAll { $0.schema == "STAGING" }
        reading.freshnessProblem = "SQL error (002003): Object does not exist"
        _ = reduce(&state, .pollSucceeded(.warehouse(reading), at: now))
        assertGolden(state, "warehouse-missing-schema")
        _ = reduce(&state, .actionRequested(.openDetail))
        assertGolden(state, "warehouse-detail", size: Size(cols: 70, rows: 20))
    }

    func testSnapshotJSONNamesTablesAndPairs() throws {
        let json = try SnapshotDocument(state()).jsonText()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let warehouse = object["warehouse"] as! [String: Any]
        XCTAssertEqual(warehouse["kind"] as? String, "snowflake")
        let tables = warehouse["tables"] as! [[String: Any]]
        XCTAssertEqual(Set(tables[0].keys), ["schema", "name", "rows", "rows_estimated", "bytes", "last_altered", "extracted_at"])
        let pairs = warehouse["pairs"] as! [[String: Any]]
        let rental = pairs.first { ($0["raw"] as? [String: Any])?["name"] as? String == "RENTAL" }!
        XCTAssertEqual(rental["drift"] as? Int, 57)
        XCTAssertEqual(rental["raw_change"] as? Int, 57)
        XCTAssertEqual((rental["staging"] as? [String: Any])?["name"] as? String, "STG_RENTAL")
        let staff = pairs.first { ($0["raw"] as? [String: Any])?["name"] as? String == "STAFF" }!
        XCTAssertTrue(staff["staging"] is NSNull, "nulls are written, not omitted")
        XCTAssertTrue(staff["drift"] is NSNull)
    }
}
