import EltopCore

/// A column of a table: its header, how wide it may be, and which side it hugs.
public struct Column: Sendable {
    public var title: String
    /// Fixed width in columns, or nil to share what is left among flexible columns.
    public var width: Int?
    public var alignRight: Bool

    public init(_ title: String, width: Int? = nil, alignRight: Bool = false) {
        self.title = title
        self.width = width
        self.alignRight = alignRight
    }
}

/// One cell of a table row: text and the role it is drawn in.
public struct TableCell: Equatable {
    public var text: String
    public var role: Role
    public init(_ text: String, _ role: Role = .text) {
        self.text = text
        self.role = role
    }
}

/// A list with a header row, a selected row kept in view, and columns fitted to the width.
public enum Table {
    /// Draws the table into `rect`. Columns that do not fit are dropped from the right.
    public static func draw(
        columns: [Column], rows: [[TableCell]], selected: Int?, into grid: inout Grid, rect: Rect,
        context: RenderContext
    ) {
        draw(columns: columns, rowCount: rows.count, row: { rows[$0] }, selected: selected, into: &grid, rect: rect, context: context)
    }

    /// Draws the table, asking for only the rows that are on screen: a pane with thousands of rows
    /// formats a screenful per frame, not the whole list.
    public static func draw(
        columns: [Column], rowCount: Int, row makeRow: (Int) -> [TableCell], selected: Int?, into grid: inout Grid,
        rect: Rect, context: RenderContext
    ) {
        guard rect.height > 0, rect.width > 0 else { return }
        let widths = fit(columns, width: rect.width)
        let header = context.style(.muted).adding(.bold)
        var x = rect.x
        for (column, width) in zip(columns, widths) where width > 0 {
            grid.writePadded(column.title, x: x, y: rect.y, width: width, alignRight: column.alignRight, ellipsis: context.glyphs.ellipsis, style: header)
            x += width + 1
        }
        let visible = rect.height - 1
        guard visible > 0 else { return }
        // Scroll only as far as needed to keep the selected row on screen.
        let start: Int = {
            guard let selected, selected >= visible else { return 0 }
            return min(selected - visible + 1, max(0, rowCount - visible))
        }()
        for index in start..<min(rowCount, start + visible) {
            let offset = index - start
            let row = makeRow(index)
            let y = rect.y + 1 + offset
            x = rect.x
            for (index, (column, width)) in zip(columns, widths).enumerated() where width > 0 {
                let cell = index < row.count ? row[index] : TableCell("")
                grid.writePadded(cell.text, x: x, y: y, width: width, alignRight: column.alignRight, ellipsis: context.glyphs.ellipsis, style: context.style(cell.role))
                x += width + 1
            }
            if start + offset == selected { highlight(Rect(x: rect.x, y: y, width: rect.width, height: 1), into: &grid, context: context) }
        }
    }

    /// Marks a selected row (or the rows of one selected entry) in the selection role, keeping each
    /// cell's own attributes (a bold crit name stays bold).
    static func highlight(_ rect: Rect, into grid: inout Grid, context: RenderContext) {
        let selection = context.style(.selection)
        grid.restyle(rect) { old in
            Style(role: .selection, foreground: selection.foreground, background: selection.background, attributes: old.attributes.union(selection.attributes))
        }
    }

    /// Column widths for `width` columns: fixed columns first, flexible ones share the rest;
    /// columns that do not fit get 0 and are not drawn.
    static func fit(_ columns: [Column], width: Int) -> [Int] {
        var widths = Array(repeating: 0, count: columns.count)
        var used = 0
        let flexible = columns.indices.filter { columns[$0].width == nil }
        let flexMinimum = 8
        for (i, column) in columns.enumerated() {
            let want = column.width ?? flexMinimum
            if used + want + (used > 0 ? 1 : 0) > width { break }
            widths[i] = want
            used += want + (used > 0 ? 1 : 0)
        }
        let placedFlexible = flexible.filter { widths[$0] > 0 }
        if !placedFlexible.isEmpty {
            let extra = max(0, width - used)
            for (n, i) in placedFlexible.enumerated() {
                widths[i] += extra / placedFlexible.count + (n < extra % placedFlexible.count ? 1 : 0)
            }
        }
        return widths
    }
}
