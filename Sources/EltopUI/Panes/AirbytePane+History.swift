import EltopCore

/// Below the connections, where the pane has rows to spare: the selected connection's last jobs
/// (newest first) with outcome, duration as a bar, and records — so a sync that got slower or synced
/// nothing stands out without opening anything. Uses the jobs each poll already reads; at 80×24 there
/// is never room, so that screen is unchanged.
extension AirbytePane {
    /// A heading, the column line and at least three jobs.
    static let historyMinimumHeight = 5
    static let historyMinimumWidth = 60

    static func drawHistory(of connection: AirbyteConnection, into grid: inout Grid, rect: Rect, context: RenderContext) {
        let finished = connection.jobs.filter { !$0.status.isActive }
        guard rect.height >= historyMinimumHeight, rect.width >= historyMinimumWidth, !finished.isEmpty else { return }
        grid.write("Last jobs of \(connection.name)", x: rect.x, y: rect.y, style: context.style(.muted), maxWidth: rect.width)
        let header = "JOB        OUTCOME    RECORDS  DURATION"
        grid.write(header, x: rect.x, y: rect.y + 1, style: context.style(.muted).adding(.bold), maxWidth: rect.width)
        let jobs = finished.prefix(rect.height - 2)
        let longest = jobs.compactMap(\.durationSeconds).max() ?? 0
        let barX = rect.x + TextFit.width(header) + 1
        let barRoom = max(0, rect.maxX - barX - 1)
        for (offset, job) in jobs.enumerated() {
            let y = rect.y + 2 + offset
            let id = TextFit.pad("\(job.id)", 10, ellipsis: context.glyphs.ellipsis)
            let outcome = TextFit.pad(job.status.rawValue, 10, ellipsis: context.glyphs.ellipsis)
            let records = TextFit.pad(NumberText.count(job.rowsSynced), 7, alignRight: true, ellipsis: context.glyphs.ellipsis)
            let duration = TextFit.pad(job.durationSeconds.map(DurationText.short) ?? "—", 8, alignRight: true, ellipsis: context.glyphs.ellipsis)
            var x = rect.x
            x += grid.write(id + " ", x: x, y: y, style: context.style(.text))
            x += grid.write(outcome + " ", x: x, y: y, style: context.style(role(for: job.status)))
            x += grid.write(records + "  ", x: x, y: y, style: context.style(job.rowsSynced == 0 ? .warn : .text))
            grid.write(duration, x: x, y: y, style: context.style(.text))
            if let seconds = job.durationSeconds, longest > 0, barRoom > 0 {
                let cells = max(1, Int((seconds / longest * Double(barRoom)).rounded()))
                grid.write(String(repeating: "▇", count: cells), x: barX, y: y, style: context.style(role(for: job.status)), maxWidth: barRoom)
            }
        }
    }
}
