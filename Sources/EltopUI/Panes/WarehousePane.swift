import EltopCore

/// Warehouse tables with their row counts; estimates are marked with `~`.
enum WarehousePane: PaneContent {
    static let title = "Warehouse · tables"

    static func hasData(_ state: DashboardState) -> Bool { state.warehouse.reading != nil }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let state = context.state
        let tables = state.visibleTables
        guard !tables.isEmpty else {
            grid.write("No table matches.", x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        let columns = [Column("TABLE"), Column("ROWS", width: 9, alignRight: true), Column("BYTES", width: 9, alignRight: true)]
        let rows = tables.map { table -> [TableCell] in
            [
                TableCell("\(table.schema).\(table.name)"),
                TableCell((table.rowsEstimated ? "~" : "") + NumberText.count(table.rows), table.rowsEstimated ? .muted : .text),
                TableCell(NumberText.bytes(table.bytes)),
            ]
        }
        Table.draw(columns: columns, rows: rows, selected: focused ? state.ui.selected(.warehouse) : nil, into: &grid, rect: rect, context: context)
    }

    static func detail(_ context: RenderContext) -> [DetailLine] {
        let tables = context.state.visibleTables
        guard !tables.isEmpty else { return [] }
        let table = tables[min(context.state.ui.selected(.warehouse), tables.count - 1)]
        return [
            DetailLine("table", "\(table.schema).\(table.name)"),
            DetailLine("rows", (table.rowsEstimated ? "~" : "") + (table.rows.map(String.init) ?? "—") + (table.rowsEstimated ? " (estimate)" : "")),
            DetailLine("bytes", NumberText.bytes(table.bytes)),
            DetailLine("last altered", table.lastAltered.map { context.age($0) + " ago" } ?? "—"),
        ]
    }
}
