import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// Focus, Warehouse sort and kept filters survive a restart; a filter being typed is not kept yet.
final class RememberedViewTests: XCTestCase {
    func testTheViewRoundTripsThroughJSONIntoAFreshState() throws {
        var state = StateFixtures.ok()
        for action: Action in [.focus(.warehouse), .cycleWarehouseSort, .beginFilter, .filterInput("f"), .filterInput("i"), .filterCommit, .focus(.dbt)] {
            _ = reduce(&state, .actionRequested(action))
        }
        let view = state.rememberedView
        XCTAssertEqual(view, RememberedView(focus: .dbt, warehouseSort: "drift", filters: ["Warehouse": "fi"]))

        let decoded = try JSONDecoder().decode(RememberedView.self, from: JSONEncoder().encode(view))
        var fresh = StateFixtures.ok()
        fresh.restore(decoded)
        XCTAssertEqual(fresh.ui.focus, .dbt)
        XCTAssertEqual(fresh.warehouse.sort, .drift)
        XCTAssertEqual(fresh.ui.filter(.warehouse), "fi")
    }

    func testAFilterBeingTypedIsNotRememberedAndUnknownNamesAreSkipped() {
        var state = StateFixtures.ok()
        for action: Action in [.focus(.source), .beginFilter, .filterInput("a")] {
            _ = reduce(&state, .actionRequested(action))
        }
        XCTAssertEqual(state.rememberedView.filters, [:])
        var fresh = StateFixtures.ok()
        fresh.restore(RememberedView(focus: .timeline, warehouseSort: "by colour", filters: ["Pane gone": "x"]))
        XCTAssertEqual(fresh.ui.focus, .timeline)
        XCTAssertEqual(fresh.warehouse.sort, .name)
        XCTAssertEqual(fresh.ui.filters, [:])
    }
}
