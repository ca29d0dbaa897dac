import EltopCore

/// The frame being drawn: a value-type grid of cells that `render` fills completely every time.
/// The terminal compares it with the previous one and writes only what changed.
public struct Grid: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, style: Style) {
        self.size = Size(cols: max(0, size.cols), rows: max(0, size.rows))
        cells = Array(repeating: Cell(glyph: " ", style: style), count: self.size.cols * self.size.rows)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.cols, height: size.rows) }

    public subscript(x: Int, y: Int) -> Cell { cells[y * size.cols + x] }

    /// Sets one cell; ignores anything outside the grid.
    public mutating func set(_ x: Int, _ y: Int, _ glyph: Unicode.Scalar, _ style: Style) {
        guard x >= 0, y >= 0, x < size.cols, y < size.rows else { return }
        cells[y * size.cols + x] = Cell(glyph: glyph, style: style)
    }

    /// Writes `text` from (x, y), clipped to `maxWidth` columns and the grid. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int = .max) -> Int {
        guard y >= 0, y < size.rows else { return 0 }
        // `maxWidth` defaults to Int.max: clamp it before adding, or `x + maxWidth` overflows and traps.
        let limit = min(x + min(maxWidth, size.cols), size.cols)
        var col = x
        for scalar in text.unicodeScalars {
            let width = ScalarWidth.of(scalar)
            if width == 0 { continue }
            if col + width > limit { break }
            if col >= 0 {
                cells[y * size.cols + col] = Cell(glyph: scalar, style: style)
                if width == 2 { cells[y * size.cols + col + 1] = Cell(glyph: " ", style: style, isContinuation: true) }
            }
            col += width
        }
        return col - x
    }

    /// Fills a rectangle with one glyph and style.
    public mutating func fill(_ rect: Rect, glyph: Unicode.Scalar = " ", style: Style) {
        let x0 = max(0, rect.x), x1 = min(size.cols, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(size.rows, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(glyph: glyph, style: style)
        for y in y0..<y1 {
            let row = y * size.cols
            for x in x0..<x1 { cells[row + x] = cell }
        }
    }

    /// Re-styles a rectangle, keeping its glyphs (a selected row, a dimmed stale table).
    public mutating func restyle(_ rect: Rect, _ change: (Style) -> Style) {
        let x0 = max(0, rect.x), x1 = min(size.cols, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(size.rows, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * size.cols + x].style = change(cells[y * size.cols + x].style) }
        }
    }

    /// The grid with every glyph made ASCII; the right half of a wide glyph becomes a space, since
    /// its substitute takes one column.
    public mutating func makeASCII() {
        for index in cells.indices where !cells[index].glyph.isASCII || cells[index].isContinuation {
            let cell = cells[index]
            cells[index] = Cell(glyph: cell.isContinuation ? " " : AsciiFallback.scalar(cell.glyph), style: cell.style)
        }
    }

    /// The glyphs of each row as text; continuation cells are left out, so wide glyphs read naturally.
    public func lines() -> [String] {
        (0..<size.rows).map { y in
            var line = String.UnicodeScalarView()
            for x in 0..<size.cols where !self[x, y].isContinuation { line.append(self[x, y].glyph) }
            return String(line)
        }
    }
}
