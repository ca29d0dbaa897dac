import EltopCore

/// Airbyte connections: sync status, the newest job and how long ago it started.
enum AirbytePane: PaneContent {
    static let title = "Airbyte · connections"

    static func hasData(_ state: DashboardState) -> Bool { state.airbyte.reading != nil }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let state = context.state
        let connections = state.visibleConnections
        guard !connections.isEmpty else {
            grid.write("No connection matches.", x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        let columns = [
            Column("CONNECTION"), Column("STATUS", width: 10), Column("LAST JOB", width: 10),
            Column("ROWS", width: 7, alignRight: true), Column("STARTED", width: 7, alignRight: true),
        ]
        let rows = connections.map { connection -> [TableCell] in
            let job = connection.jobs.first
            return [
                TableCell(connection.name), TableCell(connection.syncStatus ?? "—"),
                TableCell(job?.status.rawValue ?? "—", role(for: job?.status)),
                TableCell(NumberText.count(job?.rowsSynced)), TableCell(job?.startedAt.map(context.age) ?? "—"),
            ]
        }
        Table.draw(columns: columns, rows: rows, selected: focused ? state.ui.selected(.airbyte) : nil, into: &grid, rect: rect, context: context)
    }

    static func role(for status: JobStatus?) -> Role {
        switch status {
        case .succeeded?: return .ok
        case .failed?: return .crit
        case .cancelled?: return .warn
        case .running?, .pending?: return .accent
        default: return .muted
        }
    }

    static func detail(_ context: RenderContext) -> [DetailLine] {
        let connections = context.state.visibleConnections
        guard !connections.isEmpty else { return [] }
        let connection = connections[min(context.state.ui.selected(.airbyte), connections.count - 1)]
        var lines = [DetailLine("connection", connection.name), DetailLine("id", connection.id), DetailLine("sync status", connection.syncStatus ?? "—")]
        for job in connection.jobs.prefix(10) {
            lines.append(DetailLine("job \(job.id)", "\(job.status.rawValue) · \(job.jobType) · rows \(NumberText.count(job.rowsSynced)) · \(NumberText.bytes(job.bytesSynced))", role(for: job.status)))
        }
        return lines
    }
}
