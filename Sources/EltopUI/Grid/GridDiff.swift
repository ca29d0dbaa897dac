import EltopCore

/// A run of changed cells on one row: what a terminal backend writes in one call.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}

/// The runs that turn `old` into `new`. Every changed cell is in a run; unchanged cells are not,
/// except a continuation's wide glyph, which is always written whole. Different sizes mean everything.
public func diff(from old: Grid?, to new: Grid) -> [CellRun] {
    var runs: [CellRun] = []
    let fullRepaint = old == nil || old!.size != new.size
    for y in 0..<new.size.rows {
        var x = 0
        while x < new.size.cols {
            let changed = fullRepaint || old![x, y] != new[x, y]
            guard changed else { x += 1; continue }
            var start = x
            // A changed continuation cell means its wide glyph to the left must be rewritten.
            if new[x, y].isContinuation && start > 0 { start -= 1 }
            var end = x + 1
            while end < new.size.cols && (fullRepaint || old![end, y] != new[end, y] || new[end, y].isContinuation) {
                end += 1
            }
            runs.append(CellRun(x: start, y: y, cells: (start..<end).map { new[$0, y] }))
            x = end
        }
    }
    return runs
}
