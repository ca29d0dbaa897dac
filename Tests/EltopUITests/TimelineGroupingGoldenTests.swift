import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// After a dbt build creates its sixteen staging tables, the Timeline shows one "16 tables appeared in
/// staging: …" row cut to width with the run's own line below it, and the detail view lists every table
/// (Snapshots/timeline-tables-appeared-*.txt).
final class TimelineGroupingGoldenTests: XCTestCase {
    private let size = Size(cols: 80, rows: 24)

    private func screen(detail: Bool) -> Grid {
        var state = StateFixtures.stagingAppeared()
        _ = reduce(&state, .actionRequested(.focus(.timeline)))
        if detail { _ = reduce(&state, .actionRequested(.openDetail)) }
        return render(state, size: size, theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
    }

    func testTheGroupedRowIsCutAndTheRunsLineStaysInView() {
        let grid = screen(detail: false)
        let lines = grid.lines()
        let grouped = lines.firstIndex { $0.contains("16 tables appeared in staging: stg_actor, stg_address") }
        let run = lines.firstIndex { $0.contains("dbt build finished in 6s") }
        XCTAssertNotNil(grouped, lines.joined(separator: "\n"))
        XCTAssertEqual(run, grouped.map { $0 + 1 }, "the run's line right below: \(lines.joined(separator: "\n"))")
        XCTAssertTrue(lines[grouped ?? 0].contains("…"), "cut to width with an ellipsis")
        if let failure = Golden.check(grid, name: "timeline-tables-appeared-80x24") { XCTFail(failure) }
    }

    func testTheDetailViewListsEveryTable() {
        let grid = screen(detail: true)
        let text = grid.lines().joined(separator: " ").replacingOccurrences(of: "│", with: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for table in StateFixtures.stagingModels { XCTAssertTrue(text.contains(table), "\(table) listed:\n\(grid.lines().joined(separator: "\n"))") }
        if let failure = Golden.check(grid, name: "timeline-tables-appeared-detail-80x24") { XCTFail(failure) }
    }
}
