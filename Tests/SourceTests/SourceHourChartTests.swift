import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// The Source pane's charts span the last hour at the default 5 s poll, though only the last 120
/// readings (10 minutes) are kept: the hour comes from the per-minute histories the reducer keeps
/// beside them. Built through the real reducer: 70 minutes of readings, with polls failing for 8
/// minutes half an hour ago, while lag and retained WAL climb through their thresholds.
final class SourceHourChartTests: XCTestCase {
    typealias F = SourceFixtures
    private let utc = TimeZone(identifier: "UTC")!
    private let size = Size(cols: 200, rows: 50)

    /// Minutes (from the start) in which every poll failed.
    private let outage = 32..<40

    private func hour() -> DashboardState {
        var thresholds = SourceThresholds()
        thresholds.lagWarnBytes = 20_000_000
        thresholds.lagCritBytes = 50_000_000
        thresholds.retainedWarnBytes = 30_000_000
        thresholds.retainedCritBytes = 80_000_000
        var state = F.state(thresholds: thresholds, pollInterval: 5)
        for step in 0..<(70 * 12) {
            let at = F.start.addingTimeInterval(Double(step) * 5)
            _ = reduce(&state, .clockTicked(at))
            if outage.contains(step / 12) {
                _ = reduce(&state, .pollFailed(.source, message: "connection refused", at: at, nextAttemptAt: at.addingTimeInterval(5)))
                continue
            }
            let lag = Int64(step) * 80_000
            let slots = [
                F.slot("airbyte_slot", active: step % 120 < 10, lag: lag, retained: lag + 5_000_000),
                F.slot("analytics_slot", active: true, lag: 2_000, retained: 9_000),
            ]
            _ = reduce(&state, .pollSucceeded(.source(F.reading(slots)), at: at))
        }
        return state
    }

    /// The lag chart's plot rows (the rows between its title and its time axis), left half of the pane.
    private func lagPlot(_ grid: Grid) -> (rows: [String], axis: String) {
        let lines = grid.lines()
        guard let title = lines.firstIndex(where: { $0.contains("│ lag ") }) else { return ([], "") }
        let rows = lines[(title + 1)...].prefix { $0.contains("│") && !$0.contains("-1h") }
        return (Array(rows), lines[title + 1 + rows.count])
    }

    func testTheChartsSpanTheHourThoughOnlyTenMinutesOfReadingsAreKept() {
        let state = hour()
        XCTAssertEqual(state.source.lagHistory["airbyte_slot"]?.samples.count, SampleHistory.defaultCapacity)
        // 61 minutes with a reading: with the outage's minutes missing they reach back past the hour.
        let minutes = state.source.lagHour["airbyte_slot"]?.minutes.elements ?? []
        XCTAssertEqual(minutes.count, MinuteHistory.minutesKept)
        XCTAssertLessThan(minutes.first?.at ?? .distantFuture, state.now.addingTimeInterval(-3_600))
        let grid = render(state, size: size, theme: .builtIn, timeZone: utc)
        let (rows, axis) = lagPlot(grid)
        XCTAssertEqual(rows.count, 8, "plot rows between the title and the time axis")
        XCTAssertTrue(axis.contains("-1h") && axis.contains("-30m") && axis.contains("now"), axis)
        // The bottom row of the plot: bars from the hour's first minute, an empty stretch for the outage.
        let bottom = Array(rows.last!.unicodeScalars.map(Character.init))
        guard let bar = bottom.indices.first(where: { $0 > 0 && bottom[$0 - 1] == "B" && bottom[$0] == "│" }).map({ $0 + 1 }) else {
            return XCTFail("no value axis: \(rows.last!)")
        }
        let plot = String(bottom[bar..<(bar + 38)])
        XCTAssertNotEqual(plot.first, " ", "the hour's oldest minutes are drawn: \(plot)")
        XCTAssertTrue(plot.contains("   "), "the outage is a gap, not zero: \(plot)")
        XCTAssertNotEqual(plot.last, " ", plot)
    }

    func testThresholdsAreDrawnAndCrossedBarsTakeTheirRole() {
        let grid = render(hour(), size: size, theme: .builtIn, timeZone: utc)
        XCTAssertTrue(grid.cells.contains { $0.style.role == .crit && $0.glyph == "─" }, "the crit line is drawn")
        XCTAssertTrue(grid.cells.contains { $0.style.role == .warn && $0.glyph == "─" }, "the warn line is drawn")
        XCTAssertTrue(grid.cells.contains { $0.style.role == .crit && $0.glyph == "█" }, "bars above crit are crit")
    }

    func testHourGolden() {
        if let failure = Golden.check(render(hour(), size: size, theme: .builtIn, timeZone: utc), name: "source-hour-200x50") { XCTFail(failure) }
    }

    /// At 80×24 the pane has no rows to spare: the same hour draws no chart.
    func testTheSmallScreenHasNoChart() {
        let lines = render(hour(), size: Size(cols: 80, rows: 24), theme: .builtIn, timeZone: utc).lines()
        XCTAssertFalse(lines.contains { $0.contains("-1h") || $0.contains("│ lag ") })
    }
}
