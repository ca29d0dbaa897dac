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
        let rowStart = y * size.cols
        // Most text on screen is ASCII: one byte, one column, no decoding. A frame writes thousands of
        // these, so they go straight into the cells.
        if x >= 0, let written = writeASCII(text, from: rowStart + x, count: max(0, limit - x), style: style) { return written }
        var col = x
        for scalar in text.unicodeScalars {
            let width = ScalarWidth.of(scalar)
            if width == 0 { continue }
            if col + width > limit { break }
            if col >= 0 {
                cells[rowStart + col] = Cell(glyph: scalar, style: style)
                if width == 2 { cells[rowStart + col + 1] = Cell(glyph: " ", style: style, isContinuation: true) }
            }
            col += width
        }
        return col - x
    }

    /// The ASCII fast path of `write`: nil when `text` has a byte outside printable ASCII, which the
    /// general path then handles (widths, wide glyphs, zero-width scalars).
    private mutating func writeASCII(_ text: String, from start: Int, count room: Int, style: Style) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            let count = min(bytes.count, room)
            cells.withUnsafeMutableBufferPointer { cells in
                for i in 0..<count { cells[start + i] = Cell(glyph: Unicode.Scalar(bytes[i]), style: style) }
            }
            return count
        }
    }

    /// Writes `text` padded or cut to exactly `width` columns, as `write(TextFit.pad(...))` would, without
    /// building the padded string: a table writes one of these per cell.
    public mutating func writePadded(_ text: String, x: Int, y: Int, width: Int, alignRight: Bool, ellipsis: String, style: Style) {
        guard width > 0 else { return }
        let textWidth = TextFit.width(text)
        guard textWidth <= width else {
            write(TextFit.pad(text, width, alignRight: alignRight, ellipsis: ellipsis), x: x, y: y, style: style)
            return
        }
        let gap = width - textWidth
        if alignRight {
            let used = writeSpaces(x: x, y: y, count: gap, style: style)
            if used == gap { write(text, x: x + gap, y: y, style: style) }
        } else {
            let used = write(text, x: x, y: y, style: style)
            if used == textWidth { writeSpaces(x: x + textWidth, y: y, count: gap, style: style) }
        }
    }

    /// `count` spaces from (x, y), clipped to the grid; returns the columns written.
    @discardableResult
    private mutating func writeSpaces(x: Int, y: Int, count: Int, style: Style) -> Int {
        guard y >= 0, y < size.rows, x >= 0 else { return write(String(repeating: " ", count: count), x: x, y: y, style: style) }
        let end = min(x + count, size.cols)
        guard x < end else { return 0 }
        let cell = Cell(glyph: " ", style: style)
        let row = y * size.cols
        cells.withUnsafeMutableBufferPointer { cells in
            for col in x..<end { cells[row + col] = cell }
        }
        return end - x
    }

    /// Fills a rectangle with one glyph and style.
    public mutating func fill(_ rect: Rect, glyph: Unicode.Scalar = " ", style: Style) {
        let x0 = max(0, rect.x), x1 = min(size.cols, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(size.rows, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(glyph: glyph, style: style)
        let cols = size.cols
        cells.withUnsafeMutableBufferPointer { cells in
            for y in y0..<y1 {
                let row = y * cols
                for x in x0..<x1 { cells[row + x] = cell }
            }
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
