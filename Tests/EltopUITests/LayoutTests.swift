import EltopCore
import EltopUI
import XCTest

/// The constraint layout and the dashboard laid out from the pane table.
final class LayoutTests: XCTestCase {
    func testFillsShareWhatIsLeftAndTheOddCellGoesRight() {
        XCTAssertEqual(Constraint.sizes([.fill(), .fill()], total: 81), [40, 41])
        XCTAssertEqual(Constraint.sizes([.fill(1), .fill(3)], total: 100), [25, 75])
        XCTAssertEqual(Constraint.sizes([.length(10), .fill(), .length(5)], total: 40), [10, 25, 5])
    }

    func testRatioKeepsItsMinimum() {
        XCTAssertEqual(Constraint.sizes([.fill(), .ratio(1, 4, min: 5)], total: 40), [30, 10])
        XCTAssertEqual(Constraint.sizes([.fill(), .ratio(1, 4, min: 5)], total: 12), [7, 5])
        XCTAssertEqual(Constraint.sizes([.min(3), .fill()], total: 4), [3, 1])
    }

    func testWhenNothingFitsTheLastPartsGiveWay() {
        XCTAssertEqual(Constraint.sizes([.length(6), .length(6), .min(4)], total: 8), [6, 2, 0])
        XCTAssertEqual(Constraint.sizes([.length(3)], total: 10), [10], "without a fill the last part takes the rest")
        XCTAssertEqual(Constraint.sizes([], total: 10), [])
    }

    func testRectsTileTheirParentWithoutGaps() {
        let parent = Rect(x: 3, y: 2, width: 77, height: 21)
        let rows = parent.rows([.fill(), .fill(), .ratio(1, 4, min: 5)])
        XCTAssertEqual(rows.map(\.height).reduce(0, +), parent.height)
        XCTAssertEqual(rows.first?.y, parent.y)
        XCTAssertEqual(zip(rows, rows.dropFirst()).filter { $0.maxY != $1.y }.count, 0)
        let columns = parent.columns([.fill(), .length(7)])
        XCTAssertEqual(columns.map(\.width), [70, 7])
        XCTAssertEqual(columns[1].x, 73)
    }

    /// The table-driven layout puts the panes where the hand-written one did, from 60×16 up to 250×70:
    /// two rows of two panes over the Timeline, which gets a quarter of the body and at least five rows.
    func testEveryPaneIsPlacedAsBeforeAtEverySize() {
        for cols in stride(from: 60, through: 250, by: 7) {
            for rows in stride(from: 16, through: 70, by: 3) {
                let layout = DashboardLayout(size: Size(cols: cols, rows: rows), focus: .source, detail: false)
                let bodyHeight = rows - 2
                let timelineHeight = max(5, bodyHeight / 4)
                let upper = bodyHeight - timelineHeight
                let top = upper / 2, left = cols / 2
                let expected: [PaneID: Rect] = [
                    .source: Rect(x: 0, y: 1, width: left, height: top),
                    .airbyte: Rect(x: left, y: 1, width: cols - left, height: top),
                    .warehouse: Rect(x: 0, y: 1 + top, width: left, height: upper - top),
                    .dbt: Rect(x: left, y: 1 + top, width: cols - left, height: upper - top),
                    .timeline: Rect(x: 0, y: 1 + upper, width: cols, height: timelineHeight),
                ]
                XCTAssertEqual(layout.panes, expected, "\(cols)x\(rows)")
                XCTAssertFalse(layout.singlePane)
            }
        }
    }

    func testBelowTheMinimumOrInDetailOnlyTheFocusedPaneShows() {
        let small = DashboardLayout(size: Size(cols: 59, rows: 30), focus: .dbt, detail: false)
        XCTAssertEqual(Array(small.panes.keys), [.dbt])
        XCTAssertEqual(small.panes[.dbt], Rect(x: 0, y: 1, width: 59, height: 28))
        let detail = DashboardLayout(size: Size(cols: 200, rows: 50), focus: .timeline, detail: true)
        XCTAssertEqual(Array(detail.panes.keys), [.timeline])
    }
}
