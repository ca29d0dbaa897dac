import EltopCore

/// The timeline, newest first: time, origin, what happened (stacked where narrow: `TimelinePane+Stacked`).
enum TimelinePane: PaneContent {
    static let subtitle: String? = nil
    /// Below this width the FROM column would leave the message a few letters.
    static let narrowWidth = 50

    static func hasData(_ state: DashboardState) -> Bool { true }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let entries = context.state.visibleTimeline
        guard !entries.isEmpty else {
            grid.write("Nothing has happened yet.", x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        let selected = focused ? context.state.selectedIndex(.timeline) : nil
        guard rect.width >= stackedWidth else {
            return drawStacked(entries, into: &grid, rect: rect, context: context, selected: selected)
        }
        // A narrower pane (beside the Tracer at 100×30) keeps what happened and drops where from: the
        // message names its subject, and the detail view still says the origin.
        let showsOrigin = rect.width >= narrowWidth
        let columns = [Column("TIME", width: 8)] + (showsOrigin ? [Column("FROM", width: 9)] : []) + [Column("WHAT")]
        Table.draw(columns: columns, rowCount: entries.count, row: { i in
            let entry = entries[i]
            let role = context.role(for: entry.severity)
            let origin = showsOrigin ? [TableCell(entry.origin.rawValue, .accent)] : []
            return [TableCell(context.clock(entry.at), .muted)] + origin + [TableCell(entry.message, role == .ok ? .text : role)]
        }, selected: selected, into: &grid, rect: rect, context: context)
    }

    static func detail(_ context: RenderContext) -> [DetailLine] {
        guard let entry = context.state.selectedRow(.timeline, in: context.state.visibleTimeline) else { return [] }
        return [
            DetailLine("time", context.clock(entry.at)), DetailLine("from", entry.origin.rawValue),
            DetailLine("severity", entry.severity.rawValue, context.role(for: entry.severity)), DetailLine("what", entry.message),
        ]
    }
}
