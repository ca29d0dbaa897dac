import EltopCore

/// dbt nodes and their last results.
enum DbtPane: PaneContent {
    static let title = "dbt · models"

    static func hasData(_ state: DashboardState) -> Bool { state.dbt.reading != nil }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let state = context.state
        let nodes = state.visibleNodes
        guard !nodes.isEmpty else {
            grid.write("No node matches.", x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        let columns = [
            Column("NODE"), Column("LAYER", width: 9), Column("STATUS", width: 8),
            Column("TIME", width: 6, alignRight: true), Column("ROWS", width: 7, alignRight: true),
        ]
        let rows = nodes.map { node -> [TableCell] in
            [
                TableCell(node.name), TableCell(node.layer ?? "—", .muted), TableCell(node.status ?? "—", role(for: node.status)),
                TableCell(NumberText.seconds(node.executionTime)), TableCell(NumberText.count(node.rowsAffected)),
            ]
        }
        Table.draw(columns: columns, rows: rows, selected: focused ? state.ui.selected(.dbt) : nil, into: &grid, rect: rect, context: context)
    }

    static func role(for status: String?) -> Role {
        switch status {
        case "success"?, "pass"?: return .ok
        case "error"?, "fail"?: return .crit
        case "warn"?: return .warn
        case "skipped"?: return .muted
        default: return .text
        }
    }

    static func detail(_ context: RenderContext) -> [DetailLine] {
        let nodes = context.state.visibleNodes
        guard !nodes.isEmpty else { return [] }
        let node = nodes[min(context.state.ui.selected(.dbt), nodes.count - 1)]
        return [
            DetailLine("node", node.uniqueId), DetailLine("type", node.resourceType),
            DetailLine("materialized", node.materialized ?? "—"), DetailLine("status", node.status ?? "—", role(for: node.status)),
            DetailLine("time", NumberText.seconds(node.executionTime)), DetailLine("rows", NumberText.count(node.rowsAffected)),
            DetailLine("message", node.message ?? "—", node.failed ? .crit : .text),
        ]
    }
}
