import EltopCore

/// Beside the node table, where the pane is wide enough for both: the last run's slowest nodes as
/// bars, its critical path (the `depends_on` chain whose times add up to the longest, upstream first),
/// and each failure with the nodes it caused to be skipped. Narrower panes (80×24, 160×48) keep the
/// table alone; the detail view and `snapshot --json` are unchanged.
extension DbtPane {
    /// The panel's width, and the pane width from which the table keeps enough for NODE and STATUS.
    static let runShapeWidth = 40
    static let runShapeMinimumPaneWidth = 96

    /// The table's part of `rect`, after drawing the panel into the rest when there is room.
    static func drawRunShapeBeside(into grid: inout Grid, rect: Rect, context: RenderContext) -> Rect {
        let shape = context.state.dbt.shape
        guard rect.width >= runShapeMinimumPaneWidth, rect.height >= 4, !shape.criticalPath.isEmpty || !shape.skipGroups.isEmpty else { return rect }
        let (table, panel) = rect.splitColumns(rect.width - runShapeWidth - 2)
        let area = Rect(x: panel.x + 2, y: panel.y, width: panel.width - 2, height: panel.height)
        var lines = skipLines(shape) + slowestLines(shape, ellipsis: context.glyphs.ellipsis) + criticalPathLines(shape)
        if lines.last?.text.isEmpty == true { lines.removeLast() }
        for (offset, line) in lines.prefix(area.height).enumerated() {
            var x = area.x
            x += grid.write(line.text, x: x, y: area.y + offset, style: context.style(line.role).adding(line.bold ? .bold : []), maxWidth: area.width)
            if let bar = line.bar, x < area.maxX {
                // The bar is one-column blocks: filled in place rather than written as a string.
                grid.fill(Rect(x: x + 1, y: area.y + offset, width: min(bar, area.maxX - x - 1), height: 1), glyph: "▇", style: context.style(.accent))
            }
        }
        return table
    }

    private struct PanelLine {
        var text: String
        var role: Role = .text
        var bold = false
        var bar: Int?
    }

    /// Failures first: they are why the run is red, and a skipped model is fixed by fixing its cause.
    private static func skipLines(_ shape: DbtRunShape) -> [PanelLine] {
        guard !shape.skipGroups.isEmpty else { return [] }
        var lines = [PanelLine(text: "Skipped because", role: .accent, bold: true)]
        for group in shape.skipGroups {
            lines.append(PanelLine(text: "✗ \(group.failedName) failed: \(group.skipped.count) skipped", role: .crit))
            lines += group.skipped.map { PanelLine(text: "    \($0)", role: .muted) }
        }
        return lines + [PanelLine(text: "")]
    }

    private static func slowestLines(_ shape: DbtRunShape, ellipsis: String) -> [PanelLine] {
        guard let top = shape.slowest.first?.seconds, top > 0 else { return [] }
        let nameWidth = min(22, shape.slowest.map { TextFit.width($0.name) }.max() ?? 0)
        let barRoom = runShapeWidth - nameWidth - 8
        var lines = [PanelLine(text: "Slowest in the last run", role: .accent, bold: true)]
        for node in shape.slowest {
            let time = NumberText.seconds(node.seconds)
            let text = TextFit.pad(node.name, nameWidth, ellipsis: ellipsis) + " " + String(repeating: " ", count: max(0, 6 - time.count)) + time
            lines.append(PanelLine(text: text, bar: max(1, Int((node.seconds / top * Double(barRoom)).rounded()))))
        }
        return lines + [PanelLine(text: "")]
    }

    private static func criticalPathLines(_ shape: DbtRunShape) -> [PanelLine] {
        guard !shape.criticalPath.isEmpty else { return [] }
        var lines = [PanelLine(text: "Critical path · \(NumberText.seconds(shape.criticalSeconds))", role: .accent, bold: true)]
        for (index, node) in shape.criticalPath.enumerated() {
            lines.append(PanelLine(text: (index == 0 ? "  " : "→ ") + node.name + " " + NumberText.seconds(node.seconds)))
        }
        return lines
    }
}
