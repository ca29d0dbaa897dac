import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// The selection holds on to its row, not its position: new timeline entries, re-sorted warehouse
/// tables and reordered lists leave the cursor and an open detail view on the same entry.
final class SelectionTests: XCTestCase {
    private func send(_ state: inout DashboardState, _ actions: Action...) {
        for action in actions { _ = reduce(&state, .actionRequested(action)) }
    }

    private func selectedPair(_ state: DashboardState) -> WarehousePair? {
        state.selectedRow(.warehouse, in: state.visibleWarehousePairs)
    }

    /// The fixture's reading with `extra` added: a poll that brings a new table (and so a new timeline entry).
    private func reading(adding extra: [WarehouseTable] = [], rows: [String: Int64] = [:]) -> WarehouseReading {
        var reading = StateFixtures.warehouseReading(tables: 8)
        reading.tables = reading.tables.map { table in
            var table = table
            if let count = rows[table.name] { table.rows = count }
            return table
        } + extra
        return reading
    }

    func testAnOpenTimelineDetailStaysOnItsEntryWhenNewerEntriesArrive() {
        var state = StateFixtures.ok(tables: 8, events: 6)
        send(&state, .focus(.timeline), .scroll(.down), .scroll(.down), .openDetail)
        let chosen = state.selectedRow(.timeline, in: state.visibleTimeline)
        XCTAssertEqual(state.selectedIndex(.timeline), 2)
        let table = WarehouseTable(schema: "raw", name: "late_arrival", rows: 1, rowsEstimated: false, bytes: 1, lastAltered: state.now)
        _ = reduce(&state, .pollSucceeded(.warehouse(reading(adding: [table])), at: state.now.addingTimeInterval(1)))
        XCTAssertEqual(state.visibleTimeline.first?.message, "table raw.late_arrival appeared", "a newer entry is on top")
        XCTAssertEqual(state.selectedRow(.timeline, in: state.visibleTimeline), chosen, "the detail view still shows the entry it was opened on")
        XCTAssertEqual(state.selectedIndex(.timeline), 3, "which moved down one row")
        XCTAssertTrue(state.ui.detailVisible)
    }

    func testTheSelectedWarehouseTableFollowsAReSortAfterAPoll() throws {
        var state = StateFixtures.ok(tables: 8)
        while state.warehouse.sort != .rawRows { send(&state, .cycleWarehouseSort) }
        send(&state, .focus(.warehouse), .scroll(.end), .openDetail)
        let chosen = selectedPair(state)?.key
        let lastIndex = state.selectedIndex(.warehouse)
        XCTAssertNotNil(chosen)
        // The table at the bottom gains the most rows and sorts to the other end.
        let name = try XCTUnwrap(selectedPair(state)?.raw?.name)
        _ = reduce(&state, .pollSucceeded(.warehouse(reading(rows: [name: 9_000_000])), at: state.now.addingTimeInterval(5)))
        XCTAssertEqual(selectedPair(state)?.key, chosen, "still the same table")
        XCTAssertNotEqual(state.selectedIndex(.warehouse), lastIndex, "at its new place in the order")
        XCTAssertTrue(state.ui.detailVisible)
    }

    func testChangingTheSortKeepsTheSelectedTable() {
        var state = StateFixtures.ok(tables: 8)
        send(&state, .focus(.warehouse), .scroll(.down), .scroll(.down))
        let chosen = selectedPair(state)?.key
        for _ in WarehouseSort.allCases {
            send(&state, .cycleWarehouseSort)
            XCTAssertEqual(selectedPair(state)?.key, chosen, "sorted by \(state.warehouse.sort)")
        }
    }

    func testARowThatLeavesHandsTheSelectionToTheRowAtItsPlace() {
        var state = StateFixtures.ok(nodes: 5)
        send(&state, .focus(.dbt), .scroll(.end))
        XCTAssertEqual(state.selectedIndex(.dbt), 4)
        _ = reduce(&state, .pollSucceeded(.dbt(StateFixtures.dbtReading(nodes: 3)), at: state.now.addingTimeInterval(5)))
        XCTAssertEqual(state.selectedIndex(.dbt), 2, "the last row that is left")
        _ = reduce(&state, .pollSucceeded(.dbt(StateFixtures.dbtReading(nodes: 0)), at: state.now.addingTimeInterval(10)))
        XCTAssertEqual(state.selectedIndex(.dbt), 0)
        XCTAssertNil(state.selectedRow(.dbt, in: state.visibleNodes))
    }

    func testAFilterThatHidesTheRowSelectsWithinTheFilteredRowsAndClearingItReturns() {
        var state = StateFixtures.ok(tables: 8)
        send(&state, .focus(.warehouse), .scroll(.down), .scroll(.down))
        let chosen = selectedPair(state)?.key
        send(&state, .beginFilter, .filterInput("f"), .filterInput("i"), .filterInput("l"), .filterInput("m"))
        XCTAssertEqual(state.visibleWarehousePairs.count, 1)
        XCTAssertEqual(state.selectedIndex(.warehouse), 0)
        send(&state, .back)
        XCTAssertEqual(selectedPair(state)?.key, chosen, "the row chosen before the filter")
    }

    func testSelectionValueSemantics() {
        let keys = ["a", "b", "c"]
        let onB = Selection().moved(to: 1, in: keys)
        XCTAssertEqual(onB.key, "b")
        XCTAssertEqual(onB.index(in: ["x", "c", "b"]), 2)
        XCTAssertEqual(onB.index(in: ["x"]), 0, "gone: its old place, clamped")
        XCTAssertEqual(Selection().moved(to: 99, in: keys).key, "c")
        XCTAssertEqual(Selection().moved(to: 0, in: []), Selection())
    }
}
