import EltopCore

/// Replication slots of the source database: lag, retained WAL, WAL status, and a lag sparkline.
enum SourcePane: PaneContent {
    static let title = "Source · replication slots"

    static func hasData(_ state: DashboardState) -> Bool { state.source.reading != nil }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let state = context.state
        let slots = state.visibleSlots
        guard !slots.isEmpty else {
            let text = state.source.reading?.slots.isEmpty == true ? "No logical replication slots." : "No slot matches the filter."
            grid.write(text, x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        let columns = [
            Column("SLOT"), Column("ACTIVE", width: 6), Column("LAG", width: 9, alignRight: true),
            Column("RETAINED", width: 9, alignRight: true), Column("WAL", width: 10), Column("TREND", width: 12),
        ]
        let rows = slots.map { slot -> [TableCell] in
            let walRole: Role = ["lost", "unreserved"].contains(slot.walStatus ?? "") ? .crit : slot.walStatus == "extended" ? .warn : .text
            let trend = Sparkline.text(state.source.lagHistory[slot.name]?.values ?? [], width: 12, levels: context.glyphs.sparkline)
            return [
                TableCell(slot.name), TableCell(slot.active ? "yes" : "no", slot.active ? .ok : .muted),
                TableCell(NumberText.bytes(slot.lagBytes)), TableCell(NumberText.bytes(slot.retainedBytes)),
                TableCell(slot.walStatus ?? "—", walRole), TableCell(trend, .accent),
            ]
        }
        Table.draw(columns: columns, rows: rows, selected: focused ? state.ui.selected(.source) : nil, into: &grid, rect: rect, context: context)
    }

    static func detail(_ context: RenderContext) -> [DetailLine] {
        let state = context.state
        let slots = state.visibleSlots
        guard !slots.isEmpty else { return [] }
        let slot = slots[min(state.ui.selected(.source), slots.count - 1)]
        return [
            DetailLine("slot", slot.name), DetailLine("plugin", slot.plugin), DetailLine("database", slot.database),
            DetailLine("active", slot.active ? "yes" : "no"), DetailLine("lag", NumberText.bytes(slot.lagBytes)),
            DetailLine("retained WAL", NumberText.bytes(slot.retainedBytes)), DetailLine("wal_status", slot.walStatus ?? "—"),
            DetailLine("server", state.source.reading?.serverVersion ?? "—"),
        ]
    }
}
