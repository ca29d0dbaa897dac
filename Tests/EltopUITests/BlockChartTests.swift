import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// The chart widget on fixed series: flat, rising, with gaps, and crossing its thresholds.
final class BlockChartTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)
    private let size = Size(cols: 40, rows: 8)

    private func series(_ values: [Double?]) -> [Sample] {
        values.enumerated().compactMap { i, v in v.map { Sample(at: start.addingTimeInterval(Double(i) * 20), value: $0) } }
    }

    private func chart(_ samples: [Sample], thresholds: [ChartThreshold] = [], glyphs: Glyphs = .unicode) -> Grid {
        var grid = Grid(size: size, style: Theme.builtIn.style(.text))
        let context = RenderContext(state: StateFixtures.ok(), theme: .builtIn, glyphs: glyphs, timeZone: TimeZone(identifier: "UTC")!)
        BlockChart.draw(
            samples, from: start, to: start.addingTimeInterval(600), thresholds: thresholds, label: { NumberText.bytes(Int64($0)) },
            into: &grid, rect: grid.bounds, context: context)
        return grid
    }

    private func check(_ grid: Grid, _ name: String, line: UInt = #line) {
        if let failure = Golden.check(grid, name: "chart-\(name)-40x8") { XCTFail(failure, line: line) }
    }

    func testFlat() { check(chart(series(Array(repeating: 4096, count: 31))), "flat") }
    func testRising() { check(chart(series((0...30).map { Double($0) * 1000 })), "rising") }
    func testGaps() { check(chart(series((0...30).map { $0 % 10 < 4 ? nil : 20_000 + Double($0) * 100 })), "gaps") }

    func testThresholdsCrossed() {
        let samples = series((0...30).map { Double($0 * $0) * 30 })
        check(chart(samples, thresholds: [ChartThreshold(10_000, .warn), ChartThreshold(25_000, .crit)]), "thresholds")
    }

    func testAThresholdFarAboveIsLeftOffAndAsciiIsAscii() {
        let grid = chart(series((0...30).map { Double($0) * 10 }), thresholds: [ChartThreshold(1_000_000_000, .crit)], glyphs: .ascii)
        XCTAssertFalse(grid.cells.contains { $0.style.role == .crit }, "a threshold 3 000 times the data does not flatten it")
        XCTAssertTrue(grid.lines().allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }

    func testAnEmptySeriesDrawsOnlyTheAxes() {
        let grid = chart([])
        XCTAssertTrue(grid.lines().last?.contains("now") ?? false)
        XCTAssertFalse(grid.cells.contains { $0.style.role == .accent })
    }
}
