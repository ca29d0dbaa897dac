import EltopCore

/// Where frames go. Two implementations: ncurses (EltopTerminal) and `MemoryTerminal` for tests.
///
/// An implementation keeps the last frame it drew and writes only the cells that changed; a resize or a
/// theme change calls `invalidate()` so the next frame is written whole.
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Shows `grid`, writing only what differs from the previous frame. Writes nothing when equal.
    func present(_ grid: Grid)
    /// Forgets the previous frame so the next `present` repaints everything.
    func invalidate()
}
