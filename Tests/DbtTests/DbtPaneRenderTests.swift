import EltopCore
import EltopTestSupport
import EltopUI
import XCTest

@testable import EltopPollers

/// Golden frames of the dbt pane: results from a real run's artifacts, a run in progress, and a
/// failing read over the last good data.
final class DbtPaneRenderTests: XCTestCase {
    private let size = Size(cols: 100, rows: 30)

    private func fixtureReading() throws -> DbtReading {
        let artifacts = DbtTestProject.fixtures.appendingPathComponent("artifacts")
        let manifest = try DbtManifest.decode(Data(contentsOf: artifacts.appendingPathComponent("manifest.json")))
        let results = try DbtRunResults.decode(Data(contentsOf: artifacts.appendingPathComponent("run_results.json")))
        return DbtArtifactReader.merge(project: "eltop_fixture", nodes: manifest.entries(), results: results).reading
    }

    private func check(_ state: DashboardState, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let grid = render(state, size: size, theme: .builtIn, glyphs: .unicode, timeZone: TimeZone(identifier: "UTC")!)
        if let failure = Golden.check(grid, name: name) { XCTFail(failure, file: file, line: line) }
    }

    func testResults() throws {
        let reading = try fixtureReading()
        let now = try XCTUnwrap(reading.lastRun?.endedAt).addingTimeInterval(3)
        check(DbtStates.withReading(reading, now: now), "dbt-results-100x30")
    }

    func testResultDetail() throws {
        let reading = try fixtureReading()
        let now = try XCTUnwrap(reading.lastRun?.endedAt).addingTimeInterval(3)
        var state = DbtStates.withReading(reading, now: now)
        _ = reduce(&state, .actionRequested(.openDetail))
        check(state, "dbt-detail-error-100x30")
    }

    func testRunning() throws {
        let reading = try fixtureReading()
        let start = try XCTUnwrap(reading.lastRun?.endedAt).addingTimeInterval(60)
        var state = DbtStates.withReading(reading, now: start)
        _ = reduce(&state, .dbt(.runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: start)))
        let lines = try String(contentsOf: DbtTestProject.fixtures.appendingPathComponent("artifacts/build-failing.log.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        // Replay the real log up to the start of the failing test, one line per 0.1 s, then let the clock tick on.
        let cut = try XCTUnwrap(lines.firstIndex { $0.contains("\"LogStartLine\"") && $0.contains("test big_orders_exist") })
        for (i, line) in lines.prefix(through: cut).enumerated() {
            _ = reduce(&state, .dbt(.logged(DbtLogParser.parse(String(line), at: start.addingTimeInterval(Double(i) / 10)))))
        }
        _ = reduce(&state, .clockTicked(start.addingTimeInterval(7)))
        XCTAssertTrue(state.dbt.running)
        check(state, "dbt-running-100x30")
        _ = reduce(&state, .actionRequested(.toggleDbtLog))
        check(state, "dbt-running-log-100x30")
    }

    func testErrorOverLastGoodData() throws {
        let reading = try fixtureReading()
        let now = try XCTUnwrap(reading.lastRun?.endedAt).addingTimeInterval(30)
        var state = DbtStates.withReading(reading, now: now.addingTimeInterval(-20))
        _ = reduce(&state, .clockTicked(now))
        _ = reduce(&state, .pollFailed(.dbt, message: "manifest.json is not a readable manifest (dbt may be writing it): Unexpected end of file", at: now, nextAttemptAt: now.addingTimeInterval(10)))
        _ = reduce(&state, .dbt(.runFailedToStart(.build, message: "dbt executable /opt/dbt/bin/dbt does not exist or is not executable", at: now)))
        check(state, "dbt-error-100x30")
    }
}

/// A dbt project never run, where `t` could not start dbt either: one message per fact, once.
final class DbtEmptyStateTests: XCTestCase {
    private func neverRun() -> DashboardState {
        var state = DbtStates.base()
        let now = DbtStates.now
        _ = reduce(&state, .pollFailed(.dbt, message: "no manifest.json in /srv/dbt/target yet: run dbt (t) or `dbt parse`", at: now, nextAttemptAt: now.addingTimeInterval(5)))
        _ = reduce(&state, .dbt(.runFailedToStart(.build, message: "dbt not found on PATH (set dbt.executable)", at: now)))
        _ = reduce(&state, .clockTicked(now.addingTimeInterval(1)))
        return state
    }

    func testANeverRunProjectShowsEachFactOnce() {
        let state = neverRun()
        for size in [Size(cols: 80, rows: 24), Size(cols: 200, rows: 50)] {
            let grid = render(state, size: size, theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
            let rect = DashboardLayout(size: size, focus: .dbt, detail: false).panes[.dbt] ?? grid.bounds
            let screen = grid.lines()[rect.y..<rect.maxY].map { String($0.unicodeScalars.dropFirst(rect.x).prefix(rect.width).map(Character.init)) }
                .joined(separator: "\n")
            XCTAssertEqual(screen.components(separatedBy: "no manifest.json").count - 1, 1, screen)
            XCTAssertEqual(screen.components(separatedBy: "could not start").count - 1, 1, screen)
            for noise in ["No data yet", "no results yet", "No node matches"] {
                XCTAssertFalse(screen.contains(noise), "\(noise) in \(size.cols)x\(size.rows):\n\(screen)")
            }
            if let failure = Golden.check(grid, name: "dbt-never-run-\(size.cols)x\(size.rows)") { XCTFail(failure) }
        }
    }
}
