import EltopCore
import Foundation

/// Airbyte connections: sync status, schedule and last success per connection, and below them the live
/// figures of the selected connection's running job. Counts and rates only: a CDC sync has no total,
/// so no percentage is ever shown.
enum AirbytePane: PaneContent {
    static let subtitle: String? = "connections"

    static func hasData(_ state: DashboardState) -> Bool { state.airbyte.reading != nil }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let state = context.state
        let connections = state.visibleConnections
        guard !connections.isEmpty else {
            let text = state.airbyte.reading?.connections.isEmpty == true ? "No connection visible to these credentials." : "No connection matches."
            grid.write(text, x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
            return
        }
        // Narrow panes keep the left columns: the sync status and the newest job's outcome matter most.
        let columns = [
            Column("CONNECTION"), Column("STATUS", width: 10), Column("LAST JOB", width: 9),
            Column("LAST OK", width: 7, alignRight: true), Column("SCHEDULE", width: 14),
        ]
        func row(_ index: Int) -> [TableCell] {
            let connection = connections[index]
            return [
                TableCell(connection.name), TableCell(connection.syncStatus ?? "—", role(forSync: connection.syncStatus)),
                lastJobCell(connection),
                TableCell(connection.lastSuccessfulSyncAt.map(context.age) ?? "—"), TableCell(connection.schedule ?? "—"),
            ]
        }
        let selected = min(state.selectedIndex(.airbyte), connections.count - 1)
        let live = connections[selected].runningJob.map { AirbyteJobText.liveLines($0, context: context) } ?? []
        // The live lines get what the table does not need, and at least two rows while the table keeps
        // its header and the selected row.
        let liveShown = min(live.count, max(0, rect.height - 2), max(2, rect.height - connections.count - 1))
        let tableHeight = min(connections.count + 1, rect.height - liveShown)
        Table.draw(
            columns: columns, rowCount: connections.count, row: row, selected: focused ? selected : nil, into: &grid,
            rect: Rect(x: rect.x, y: rect.y, width: rect.width, height: tableHeight), context: context)
        // One blank row between the table and the live lines when there is room for it.
        let liveY = rect.y + tableHeight + (rect.height - tableHeight > liveShown ? 1 : 0)
        for (offset, line) in live.prefix(liveShown).enumerated() {
            grid.write(line.text, x: rect.x, y: liveY + offset, style: context.style(line.role), maxWidth: rect.width)
        }
        let historyY = liveShown > 0 ? liveY + liveShown + 1 : rect.y + tableHeight + 1
        drawHistory(
            of: connections[selected], into: &grid, rect: Rect(x: rect.x, y: historyY, width: rect.width, height: rect.maxY - historyY),
            context: context)
    }

    /// LAST JOB: the newest job's outcome — unless STATUS already says it is running, when the word
    /// would stand twice ("running running", old data or new): then the newest finished job's outcome,
    /// what the previous sync did, or "—" before the first one ends. Without the config API STATUS is
    /// "—" and LAST JOB still says the job is running.
    static func lastJobCell(_ connection: AirbyteConnection) -> TableCell {
        var job = connection.jobs.first
        if let newest = job, newest.status.isActive, connection.syncStatus == newest.status.rawValue {
            job = connection.jobs.first { !$0.status.isActive }
        }
        return TableCell(job?.status.rawValue ?? "—", role(for: job?.status))
    }

    static func role(for status: JobStatus?) -> Role {
        switch status {
        case .succeeded?: return .ok
        case .failed?: return .crit
        case .cancelled?, .incomplete?: return .warn
        case nil: return .muted
        default: return .accent
        }
    }

    static func role(forSync status: String?) -> Role {
        switch status {
        case "synced": return .ok
        case "failed": return .crit
        case "incomplete": return .warn
        case "running": return .accent
        default: return .muted
        }
    }

    static func detail(_ context: RenderContext) -> [DetailLine] {
        let state = context.state
        guard let connection = state.selectedRow(.airbyte, in: state.visibleConnections) else { return [] }
        var lines = [
            DetailLine("connection", connection.name), DetailLine("id", connection.id),
            DetailLine("sync status", connection.syncStatus ?? "— (no config API)", role(forSync: connection.syncStatus)),
            DetailLine("schedule", connection.schedule ?? "—"),
            DetailLine("last success", connection.lastSuccessfulSyncAt.map { "\(context.clock($0)) (\(context.age($0)) ago)" } ?? "—"),
        ]
        if let running = connection.runningJob {
            lines += AirbyteJobText.runningDetail(running, hasConfigAPI: state.airbyte.reading?.hasConfigAPI ?? true, context: context)
        }
        lines.append(DetailLine("history", "status · start · duration · rows · bytes"))
        for job in connection.jobs.prefix(AirbyteJobText.historyShown) {
            let mark = job.id == state.airbyte.selectedJobID ? "\(context.glyphs.statusDot) " : ""
            lines.append(DetailLine("\(mark)job \(job.id)", AirbyteJobText.historyText(job, context: context), role(for: job.status)))
            for failure in job.failures {
                lines.append(DetailLine("  attempt \(failure.attempt)", "\(failure.origin ?? "unknown") · \(failure.message)", .crit))
            }
        }
        return lines
    }
}
