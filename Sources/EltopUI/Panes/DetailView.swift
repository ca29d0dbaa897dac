import EltopCore

/// The detail view: label/value lines, values wrapped under long labels when the pane is narrow,
/// scrolled by `offset` rows (the arrows scroll while the detail view is open).
enum DetailView {
    static func draw(_ lines: [DetailLine], offset: Int, into grid: inout Grid, rect: Rect, context: RenderContext) {
        guard !lines.isEmpty else {
            grid.write("Nothing selected.", x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        let rows = layout(lines, width: rect.width)
        // Text taller than the pane gives up its last row to the scroll mark.
        let height = rows.count > rect.height ? rect.height - 1 : rect.height
        let first = max(0, min(offset, rows.count - height))
        let shown = rows.dropFirst(first).prefix(height)
        for (index, row) in shown.enumerated() {
            let y = rect.y + index
            if let label = row.label {
                grid.write(label, x: rect.x, y: y, style: context.style(.muted))
            }
            grid.write(row.text, x: row.x + rect.x, y: y, style: context.style(row.role), maxWidth: rect.width - row.x)
        }
        let more = [first > 0 ? "↑" : nil, first + height < rows.count ? "↓" : nil].compactMap { $0 }
        if !more.isEmpty {
            let mark = " " + more.joined() + " scroll "
            grid.write(mark, x: rect.maxX - TextFit.width(mark), y: rect.maxY - 1, style: context.style(.accent))
        }
    }

    /// How many rows the text can scroll in `rect`: its wrapped rows beyond those on screen.
    static func scrollLimit(_ lines: [DetailLine], rect: Rect) -> Int {
        let rows = layout(lines, width: rect.width).count
        return rows > rect.height ? rows - (rect.height - 1) : 0
    }

    /// One screen row of the detail view: an optional label, then text starting at column `x`.
    private struct Row {
        var label: String?
        var x: Int
        var text: String
        var role: Role
    }

    private static func layout(_ lines: [DetailLine], width: Int) -> [Row] {
        let labelWidth = min(lines.map { TextFit.width($0.label) }.max() ?? 0, max(8, width / 3))
        let valueX = labelWidth + 2
        var rows: [Row] = []
        for line in lines {
            let label = TextFit.pad(line.label, labelWidth, ellipsis: "…")
            let wrapped = line.value.isEmpty ? [""] : TextFit.wrap(line.value, max(1, width - valueX))
            for (i, text) in wrapped.enumerated() {
                rows.append(Row(label: i == 0 ? label : nil, x: valueX, text: text, role: line.role))
            }
        }
        return rows
    }
}
