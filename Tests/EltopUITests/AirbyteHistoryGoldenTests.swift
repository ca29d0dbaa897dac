import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// The selected connection's last jobs below the connections: bars by duration, outcome and records,
/// at 200×60 where the pane has the rows, and not at 80×24 (Snapshots/airbyte-history-*.txt).
final class AirbyteHistoryGoldenTests: XCTestCase {
    private func state() -> DashboardState {
        var state = StateFixtures.ok()
        let outcomes: [(JobStatus, Double, Int64)] = [
            (.succeeded, 312, 16_044), (.failed, 1_830, 0), (.succeeded, 95, 212), (.cancelled, 40, 12), (.succeeded, 620, 98_000), (.succeeded, 300, 15_900),
        ]
        let jobs = outcomes.enumerated().map { i, outcome in
            AirbyteJob(
                id: Int64(990 - i), status: outcome.0, jobType: "sync", startedAt: StateFixtures.now.addingTimeInterval(-Double(i + 1) * 86_400),
                durationSeconds: outcome.1, rowsSynced: outcome.2, bytesSynced: nil)
        }
        state.airbyte.reading?.connections[0].jobs = jobs
        _ = reduce(&state, .actionRequested(.focus(.airbyte)))
        return state
    }

    func testLastJobsWhereThereIsRoom() {
        for size in [Size(cols: 80, rows: 24), Size(cols: 200, rows: 60)] {
            let grid = render(state(), size: size, theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
            if let failure = Golden.check(grid, name: "airbyte-history-\(size.cols)x\(size.rows)") { XCTFail(failure) }
            XCTAssertEqual(grid.lines().joined().contains("Last jobs of dvdrental"), size.cols == 200, "\(size)")
        }
    }
}
