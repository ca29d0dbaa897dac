import EltopCore

/// The timeline, newest first: time, origin, what happened.
enum EventsPane: PaneContent {
    static let title = "Events"

    static func hasData(_ state: DashboardState) -> Bool { true }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let events = context.state.visibleEvents
        guard !events.isEmpty else {
            grid.write("Nothing has happened yet.", x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        let columns = [Column("TIME", width: 8), Column("FROM", width: 9), Column("WHAT")]
        Table.draw(columns: columns, rowCount: events.count, row: { i in
            let entry = events[i]
            let role = context.role(for: entry.severity)
            return [TableCell(context.clock(entry.at), .muted), TableCell(entry.origin.rawValue, .accent), TableCell(entry.message, role == .ok ? .text : role)]
        }, selected: focused ? context.state.ui.selected(.events) : nil, into: &grid, rect: rect, context: context)
    }

    static func detail(_ context: RenderContext) -> [DetailLine] {
        let events = context.state.visibleEvents
        guard !events.isEmpty else { return [] }
        let entry = events[min(context.state.ui.selected(.events), events.count - 1)]
        return [
            DetailLine("time", context.clock(entry.at)), DetailLine("from", entry.origin.rawValue),
            DetailLine("severity", entry.severity.rawValue, context.role(for: entry.severity)), DetailLine("what", entry.message),
        ]
    }
}
