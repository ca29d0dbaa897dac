import EltopCore

/// An in-memory terminal for tests: shows frames into a grid and counts what it was asked to write,
/// so a test can prove an unchanged frame writes nothing.
public final class MemoryTerminal: Terminal {
    public private(set) var size: Size
    public private(set) var screen: Grid?
    /// Cells written by all `present` calls so far.
    public private(set) var cellsWritten = 0
    public private(set) var framesPresented = 0

    public init(size: Size) {
        self.size = size
    }

    public func resize(to size: Size) {
        self.size = size
        invalidate()
    }

    public func present(_ grid: Grid) {
        let runs = diff(from: screen, to: grid)
        cellsWritten += runs.reduce(0) { $0 + $1.cells.count }
        framesPresented += 1
        screen = grid
    }

    public func invalidate() {
        screen = nil
    }
}
