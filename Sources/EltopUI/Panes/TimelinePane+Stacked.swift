import EltopCore

/// The Timeline where a table would leave the message a few words: beside the Tracer at 80×24 the
/// pane is 24 columns, and a WHAT column of 15 cut every entry ("probe 41 delet…"). There each entry is
/// its time with the message beside it, wrapped under a hanging indent onto up to three lines (the
/// third cut with an ellipsis), newest first, without a header: the times say what the left column is.
/// The selected entry is highlighted on all its lines and kept in view; the detail view has it whole.
extension TimelinePane {
    /// Below this width the table's WHAT column (the width less the time's 9) would be under 30.
    static let stackedWidth = 39
    static let stackedLinesPerEntry = 3

    static func drawStacked(_ entries: [TimelineEntry], into grid: inout Grid, rect: Rect, context: RenderContext, selected: Int?) {
        let indent = 9
        guard rect.width > indent + 4, rect.height > 0 else { return }
        func lines(_ entry: TimelineEntry) -> [String] {
            let wrapped = TextFit.wrap(entry.message, rect.width - indent)
            guard wrapped.count > stackedLinesPerEntry else { return wrapped }
            let rest = wrapped[(stackedLinesPerEntry - 1)...].joined(separator: " ")
            return wrapped.prefix(stackedLinesPerEntry - 1) + [TextFit.truncate(rest, rect.width - indent, ellipsis: context.glyphs.ellipsis)]
        }
        var y = rect.y
        for index in firstShown(entries, selected: selected, rows: rect.height, height: { lines($0).count })..<entries.count {
            guard y < rect.maxY else { break }
            let entry = entries[index], text = lines(entry)
            let role = context.role(for: entry.severity)
            let top = y
            grid.write(context.clock(entry.at), x: rect.x, y: y, style: context.style(.muted), maxWidth: indent - 1)
            for line in text where y < rect.maxY {
                grid.write(line, x: rect.x + indent, y: y, style: context.style(role == .ok ? .text : role), maxWidth: rect.width - indent)
                y += 1
            }
            y = max(y, top + 1)
            if index == selected { Table.highlight(Rect(x: rect.x, y: top, width: rect.width, height: y - top), into: &grid, context: context) }
        }
    }

    /// The first entry drawn: the newest, unless the selected one would then end below the pane, when
    /// it is the last and as many entries above it as fit with it, as a table scrolls. At most a
    /// paneful of entries is measured, however far down the selection is.
    static func firstShown(_ entries: [TimelineEntry], selected: Int?, rows: Int, height: (TimelineEntry) -> Int) -> Int {
        guard let selected, selected < entries.count else { return 0 }
        var first = selected, used = max(1, height(entries[selected]))
        while first > 0 {
            let above = max(1, height(entries[first - 1]))
            if used + above > rows { return first }
            used += above
            first -= 1
        }
        return 0
    }
}
