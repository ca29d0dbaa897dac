import EltopCore
import Foundation

/// A run of changed cells on one row: what a terminal backend writes in one call.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}

/// The runs that turn `old` into `new`. Every changed cell is in a run; unchanged cells are not,
/// except a continuation's wide glyph, which is always written whole. Different sizes mean everything.
public func diff(from old: Grid?, to new: Grid) -> [CellRun] {
    guard let old, old.size == new.size else { return fullRepaint(new) }
    let cols = new.size.cols
    guard cols > 0, new.size.rows > 0 else { return [] }
    var runs: [CellRun] = []
    old.cells.withUnsafeBufferPointer { before in
        new.cells.withUnsafeBufferPointer { after in
            for y in 0..<new.size.rows {
                let row = y * cols
                // Most rows are as they were. Equal bytes are equal cells, so one memcmp skips such a row;
                // a row whose bytes differ (a changed cell, or only a padding byte) is compared cell by cell.
                if memcmp(before.baseAddress! + row, after.baseAddress! + row, cols * MemoryLayout<Cell>.stride) == 0 { continue }
                var x = 0
                while x < cols {
                    guard before[row + x] != after[row + x] else { x += 1; continue }
                    var start = x
                    // A changed continuation cell means its wide glyph to the left must be rewritten.
                    if after[row + x].isContinuation && start > 0 { start -= 1 }
                    var end = x + 1
                    while end < cols && (before[row + end] != after[row + end] || after[row + end].isContinuation) { end += 1 }
                    runs.append(CellRun(x: start, y: y, cells: Array(after[(row + start)..<(row + end)])))
                    x = end
                }
            }
        }
    }
    return runs
}

/// Every row of `grid` as one run: what a first frame or a resize writes.
private func fullRepaint(_ grid: Grid) -> [CellRun] {
    let cols = grid.size.cols
    guard cols > 0 else { return [] }
    return (0..<grid.size.rows).map { y in CellRun(x: 0, y: y, cells: Array(grid.cells[(y * cols)..<(y * cols + cols)])) }
}
