import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// The chart widget on fixed series of an hour at one value a minute (what the Source pane draws):
/// flat, rising, with gaps, and crossing its thresholds.
final class BlockChartTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)
    private let size = Size(cols: 60, rows: 8)

    /// One value per minute of the hour; nil is a minute without a reading.
    private func series(_ values: [Double?]) -> [Sample] {
        values.enumerated().compactMap { i, v in v.map { Sample(at: start.addingTimeInterval(Double(i) * 60), value: $0) } }
    }

    private func chart(_ samples: [Sample], thresholds: [ChartThreshold] = [], glyphs: Glyphs = .unicode) -> Grid {
        var grid = Grid(size: size, style: Theme.builtIn.style(.text))
        let context = RenderContext(state: StateFixtures.ok(), theme: .builtIn, glyphs: glyphs, timeZone: TimeZone(identifier: "UTC")!)
        BlockChart.draw(
            samples, covering: 60, from: start, to: start.addingTimeInterval(3_600), thresholds: thresholds,
            label: { NumberText.bytes(Int64($0)) }, into: &grid, rect: grid.bounds, context: context)
        return grid
    }

    private func check(_ grid: Grid, _ name: String, line: UInt = #line) {
        if let failure = Golden.check(grid, name: "chart-\(name)-60x8") { XCTFail(failure, line: line) }
    }

    /// The plot's bottom row, right of the value axis.
    private func bottom(_ grid: Grid) -> String {
        let row = grid.lines()[size.rows - 2]
        return String(row[row.index(after: row.firstIndex(of: "│")!)...])
    }

    func testFlat() { check(chart(series(Array(repeating: 4096, count: 60))), "flat") }
    func testRising() { check(chart(series((0..<60).map { Double($0) * 1000 })), "rising") }

    func testGaps() {
        let grid = chart(series((0..<60).map { $0 % 20 < 6 ? nil : 20_000 + Double($0) * 100 }))
        check(grid, "gaps")
        XCTAssertTrue(bottom(grid).hasPrefix("     "), "six minutes without a reading are empty columns: \(bottom(grid))")
        XCTAssertEqual(bottom(grid).split(separator: " ", omittingEmptySubsequences: true).count, 3, "three runs of bars: \(bottom(grid))")
    }

    func testThresholdsCrossed() {
        let samples = series((0..<60).map { Double($0 * $0) * 8 })
        let grid = chart(samples, thresholds: [ChartThreshold(10_000, .warn), ChartThreshold(25_000, .crit)])
        check(grid, "thresholds")
        XCTAssertTrue(grid.cells.contains { $0.style.role == .crit && $0.glyph == "█" }, "bars past crit are crit")
        XCTAssertTrue(grid.cells.contains { $0.style.role == .warn && $0.glyph == "█" }, "bars between warn and crit are warn")
    }

    /// A column shows the largest minute it overlaps: one minute's peak is in both columns its minute
    /// straddles, however low the minute after it.
    func testAPeakIsNotHiddenByALowerValueInTheSameColumn() {
        var values = [Double?](repeating: 1_000, count: 60)
        values[30] = 50_000
        let top = chart(series(values)).lines()[0]
        XCTAssertEqual(top.filter { $0 == "█" }.count, 2, top)
    }

    func testTheTimeAxisNamesTheHourAndItsMiddle() {
        let axis = chart(series([1])).lines().last ?? ""
        XCTAssertTrue(axis.contains("-1h") && axis.contains("-30m") && axis.hasSuffix("now"), axis)
    }

    /// A minute that ended before the window neither draws nor sets the scale.
    func testAMinuteBeforeTheWindowDoesNotSetTheScale() {
        let before = Sample(at: start.addingTimeInterval(-120), value: 1_000_000_000)
        let grid = chart([before] + series(Array(repeating: 4096, count: 60)))
        XCTAssertEqual(grid.lines(), chart(series(Array(repeating: 4096, count: 60))).lines())
    }

    func testAThresholdFarAboveIsLeftOffAndAsciiIsAscii() {
        let grid = chart(series((0..<60).map { Double($0) * 10 }), thresholds: [ChartThreshold(1_000_000_000, .crit)], glyphs: .ascii)
        XCTAssertFalse(grid.cells.contains { $0.style.role == .crit }, "a threshold 3 000 times the data does not flatten it")
        XCTAssertTrue(grid.lines().allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }

    /// No sample in the window (a lost slot has no retained WAL): the time axis and words, no scale.
    func testAnEmptySeriesSaysSoUnderItsTimeAxis() {
        for samples in [[], [Sample(at: start.addingTimeInterval(-600), value: 9_000)]] {
            let lines = chart(samples).lines()
            XCTAssertTrue(lines.last?.contains("now") ?? false)
            XCTAssertTrue(lines.contains { $0.contains("no readings in this window") }, lines.joined(separator: "\n"))
            XCTAssertFalse(lines.contains { $0.contains(" B") }, "no value scale over nothing")
        }
    }
}
