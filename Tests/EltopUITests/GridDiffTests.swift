@testable import EltopUI
import EltopCore
import XCTest

/// The frame diff against the cell-by-cell definition it implements, on frames that differ in
/// scattered cells, in whole rows and around wide glyphs.
final class GridDiffTests: XCTestCase {
    private let size = Size(cols: 30, rows: 6)
    private let styles = [Theme.builtIn.style(.text), Theme.builtIn.style(.warn), Theme.builtIn.style(.accent)]

    /// The definition: a run starts at a changed cell (one to the left when it is a continuation) and
    /// goes on while cells change or are continuations; no previous frame or another size repaints all.
    private func reference(from old: Grid?, to new: Grid) -> [CellRun] {
        let full = old == nil || old!.size != new.size
        var runs: [CellRun] = []
        for y in 0..<new.size.rows {
            var x = 0
            while x < new.size.cols {
                guard full || old![x, y] != new[x, y] else { x += 1; continue }
                var start = x
                if new[x, y].isContinuation && start > 0 { start -= 1 }
                var end = x + 1
                while end < new.size.cols && (full || old![end, y] != new[end, y] || new[end, y].isContinuation) { end += 1 }
                runs.append(CellRun(x: start, y: y, cells: (start..<end).map { new[$0, y] }))
                x = end
            }
        }
        return runs
    }

    /// A frame of text with a few wide glyphs, changed by `seed` in some cells and some rows.
    private func frame(_ seed: Int) -> Grid {
        var grid = Grid(size: size, style: styles[0])
        var random = seed
        func next(_ n: Int) -> Int {
            random = (random &* 1_103_515_245 &+ 12_345) & 0x7FFF_FFFF
            return random % n
        }
        for y in 0..<size.rows {
            grid.write(y % 2 == 0 ? "slot_\(y) 12.0 MiB ok" : "表 wide 漢字 row \(y)", x: 0, y: y, style: styles[0])
        }
        for _ in 0..<next(8) {
            let x = next(size.cols), y = next(size.rows)
            grid.write(next(3) == 0 ? "字" : String(UnicodeScalar(UInt8(65 + next(26)))), x: x, y: y, style: styles[next(3)])
        }
        if next(2) == 0 { grid.fill(Rect(x: 0, y: next(size.rows), width: size.cols, height: 1), glyph: "-", style: styles[1]) }
        return grid
    }

    func testRunsAreTheCellByCellDefinition() {
        for seed in 0..<200 {
            let old = frame(seed), new = frame(seed + 1)
            XCTAssertEqual(diff(from: old, to: new), reference(from: old, to: new), "seed \(seed)")
        }
    }

    func testAnEqualFrameHasNoRuns() {
        XCTAssertEqual(diff(from: frame(7), to: frame(7)), [])
    }

    func testNoPreviousFrameOrAnotherSizeRepaintsEveryRow() {
        let new = frame(3)
        XCTAssertEqual(diff(from: nil, to: new), reference(from: nil, to: new))
        XCTAssertEqual(diff(from: nil, to: new).count, size.rows)
        let other = Grid(size: Size(cols: 10, rows: 2), style: styles[0])
        XCTAssertEqual(diff(from: other, to: new), reference(from: other, to: new))
        XCTAssertEqual(diff(from: new, to: Grid(size: Size(cols: 0, rows: 3), style: styles[0])), [])
    }
}

/// Equal cells have equal bytes, which the diff's row comparison relies on to skip unchanged rows.
final class CellBytesTests: XCTestCase {
    func testACellHasNoPaddingAndEqualFramesHaveEqualBytes() {
        XCTAssertEqual(MemoryLayout<Cell>.size, MemoryLayout<Cell>.stride)
        func frame() -> Grid {
            var grid = Grid(size: Size(cols: 40, rows: 4), style: Theme.builtIn.style(.text))
            grid.write("slot_1 yes 12.0 MiB ▁▂▃ 漢字", x: 1, y: 1, style: Theme.builtIn.style(.title))
            grid.fill(Rect(x: 0, y: 3, width: 40, height: 1), glyph: "─", style: Theme.builtIn.style(.border))
            return grid
        }
        let a = frame(), b = frame()
        a.cells.withUnsafeBytes { x in b.cells.withUnsafeBytes { y in XCTAssertTrue(x.elementsEqual(y)) } }
    }
}
