import EltopCore
import EltopTestSupport
import EltopUI
import XCTest

/// Airbyte unreachable long enough for its data to go stale, with a job running at the last answer:
/// as the clock advances (through the reducer), no cell of the pane changes but the age.
extension AirbytePaneTests {
    private func paneRows(_ state: DashboardState, size: Size) -> [String] {
        let grid = render(state, size: size, theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
        guard let rect = DashboardLayout(size: size, focus: state.ui.focus, detail: state.ui.detailVisible).panes[.airbyte] else { return [] }
        return grid.lines()[rect.y..<rect.maxY].map { String($0.unicodeScalars.dropFirst(rect.x).prefix(rect.width).map(Character.init)) }
    }

    func testAStalePaneChangesOnlyInItsAgeAsTheClockAdvances() throws {
        var state = state()
        let lastAnswer = try XCTUnwrap(state.airbyte.health.lastSuccessAt)
        _ = reduce(&state, .clockTicked(lastAnswer.addingTimeInterval(31)))
        XCTAssertEqual(state.airbyte.health.phase(now: state.now), .stale)
        for size in [Size(cols: 80, rows: 24), Size(cols: 200, rows: 50)] {
            for detail in [false, true] {
                var before = state
                before.ui.detailVisible = detail
                var after = before
                _ = reduce(&after, .clockTicked(lastAnswer.addingTimeInterval(47)))
                let first = paneRows(before, size: size), second = paneRows(after, size: size)
                let where_ = "\(size.cols)x\(size.rows) detail \(detail)"
                XCTAssertTrue(first.joined().contains("job 412 running") || detail, "the running job is shown: \(where_)")
                XCTAssertTrue(first.joined().contains("As of 15:06:30, 31s ago"), "says when the data is from: \(where_)\n" + first.joined(separator: "\n"))
                XCTAssertNotEqual(first, second, "the age moves: \(where_)")
                // The age appears as "stale 31s" on the border and "31s ago" in the as-of line; nothing else may move.
                func normalised(_ rows: [String], _ age: String) -> [String] {
                    rows.map { $0.replacingOccurrences(of: "stale \(age)", with: "stale AGE").replacingOccurrences(of: "\(age) ago", with: "AGE ago") }
                }
                XCTAssertEqual(normalised(first, "31s"), normalised(second, "47s"), "only the age changed: \(where_)")
            }
        }
    }

    func testAStaleRunningJobIsShownAsOfItsLastReading() throws {
        var state = state()
        let lastAnswer = try XCTUnwrap(state.airbyte.health.lastSuccessAt)
        let liveElapsed = paneRows(state, size: Size(cols: 80, rows: 24)).first { $0.contains("job 412") }
        _ = reduce(&state, .clockTicked(lastAnswer.addingTimeInterval(600)))
        let staleElapsed = paneRows(state, size: Size(cols: 80, rows: 24)).first { $0.contains("job 412") }
        XCTAssertTrue(liveElapsed?.contains("running #2 · 4m10s") ?? false, "live: 250 s since the start: \(liveElapsed ?? "")")
        XCTAssertTrue(
            staleElapsed?.contains("running at 15:06:30 #2 · 4m ") ?? false,
            "ten minutes later the job is running as of the last reading, with that reading's elapsed time (240 s), not extrapolated: \(staleElapsed ?? "")")
    }

    func testTheConnectionRowSaysRunningOnceAndTheLastJobIsTheLastFinishedOne() throws {
        var state = state()
        let lastAnswer = try XCTUnwrap(state.airbyte.health.lastSuccessAt)
        let connection = try XCTUnwrap(state.airbyte.reading?.connections.first)
        XCTAssertEqual(connection.syncStatus, "running")
        let finished = try XCTUnwrap(connection.jobs.first { !$0.status.isActive }, "the fixture has a finished job before the running one")
        _ = reduce(&state, .clockTicked(lastAnswer.addingTimeInterval(600)))
        for size in [Size(cols: 80, rows: 24), Size(cols: 200, rows: 50)] {
            let row = try XCTUnwrap(paneRows(state, size: size).first { $0.contains(connection.name.prefix(12)) }, "\(size)")
            XCTAssertEqual(row.components(separatedBy: "running").count - 1, 1, "running once, in STATUS: \(row)")
            XCTAssertTrue(row.contains(finished.status.rawValue), "LAST JOB is the last finished job's outcome: \(row)")
        }
        state.airbyte.reading?.connections[0].syncStatus = nil
        let noConfigAPI = try XCTUnwrap(paneRows(state, size: Size(cols: 80, rows: 24)).first { $0.contains(connection.name.prefix(12)) })
        XCTAssertTrue(noConfigAPI.contains("running"), "without the config API's status LAST JOB says running: \(noConfigAPI)")
    }
}
