/// One terminal cell: a glyph and its style.
///
/// A wide glyph (CJK, emoji) takes two cells; the second is a continuation that the terminal must not
/// write, as ratatui's buffer does. Combining marks are dropped: a cell holds one scalar.
public struct Cell: Equatable, Hashable, Sendable {
    public var glyph: Unicode.Scalar
    public var style: Style
    /// True for the right half of a wide glyph.
    public var isContinuation: Bool
    /// Always 0. It fills what would be a padding byte, so the cell's 16 bytes are all set and equal
    /// cells have equal bytes: the diff then compares whole rows with one memcmp.
    private var spare: UInt8 = 0

    public init(glyph: Unicode.Scalar, style: Style, isContinuation: Bool = false) {
        self.glyph = glyph
        self.style = style
        self.isContinuation = isContinuation
    }
}
