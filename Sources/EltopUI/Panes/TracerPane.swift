import EltopCore
import Foundation

/// The CDC tracer: one row per probe write, newest first, filling in hop by hop (committed, read by a
/// sync, in raw, in staging) with each hop's latency from the one before; the last line says what the
/// newest trip waits for. Enter opens the selected trip's detail (`TracerPane+Detail`).
enum TracerPane: PaneContent {
    static let subtitle: String? = "probe trips"

    static func hasData(_ state: DashboardState) -> Bool { true }

    static func drawData(into grid: inout Grid, rect: Rect, context: RenderContext, focused: Bool) {
        let state = context.state
        let trips = state.tracer.newestFirst
        guard !trips.isEmpty else {
            let lines = ["No probe yet: i inserts one into \(state.tracer.table), s and t move it on."] + (state.tracer.lastError.map { [$0] } ?? [])
            for (offset, line) in TextFit.wrap(lines.joined(separator: " "), rect.width).prefix(rect.height).enumerated() {
                grid.write(line, x: rect.x, y: rect.y + offset, style: context.style(offset == 0 ? .muted : .crit), maxWidth: rect.width)
            }
            return
        }
        let newest = trips[0]
        let status = statusLine(newest, context: context).map { Array(TextFit.wrap($0, rect.width).prefix(2)) } ?? []
        let (table, statusRect) = rect.splitRows(max(0, rect.height - status.count))
        // Hops come first, the probe's id and the slot's acknowledgement last: a narrow pane drops columns
        // from the right, and the status line below and the title bar still give the total.
        let columns = [
            Column("#", width: 2, alignRight: true), Column("OP", width: 6), Column("COMMIT", width: 8), Column("SYNC", width: 9),
            Column("RAW", width: 9), Column("STAGING", width: 8), Column("TOTAL", width: 6, alignRight: true),
            Column("SLOT ACK", width: 8), Column("PROBE", width: 6, alignRight: true),
        ]
        Table.draw(columns: columns, rowCount: trips.count, row: { i in
            let trip = trips[i]
            return [
                TableCell(String(trip.id), .muted), TableCell(trip.operation.rawValue, .accent),
                TableCell(context.clock(trip.committed.at)),
                hopCell(trip, .sync, extra: trip.sync?.jobID.map { " j\($0)" } ?? ""),
                hopCell(trip, .raw, extra: rawMark(trip)),
                hopCell(trip, .staging, extra: trip.staging?.gone == true ? " gone" : ""),
                trip.total.map { TableCell(DurationText.short($0), .ok) } ?? TableCell("—", .muted),
                trip.slotAcknowledgedAt.map { TableCell(context.clock($0)) } ?? TableCell("—", .muted),
                TableCell(String(trip.probeID), .muted),
            ]
        }, selected: focused ? state.selectedIndex(.tracer) : nil, into: &grid, rect: table, context: context)
        let role: Role = newest.failure != nil ? .crit : newest.isComplete ? .ok : .warn
        for (offset, line) in status.enumerated() {
            grid.write(line, x: statusRect.x, y: statusRect.y + offset, style: context.style(role), maxWidth: statusRect.width)
        }
    }

    /// What the newest trip waits for, or that it arrived.
    static func statusLine(_ trip: ProbeTrip, context: RenderContext) -> String? {
        let prefix = "#\(trip.id) \(trip.operation.rawValue): "
        if let waiting = context.state.tracerWaiting(trip) { return prefix + waiting }
        guard let total = trip.total else { return nil }
        let slot = trip.slotAcknowledgedAt.map { "slot acknowledged at \(context.clock($0))" } ?? "slot not yet acknowledged (the next sync does)"
        return prefix + "in staging \(DurationText.short(total)) after the commit; \(slot)"
    }

    /// "+14s", "…" while waited for, "✗" on a failed trip.
    private static func hopCell(_ trip: ProbeTrip, _ hop: Hop, extra: String) -> TableCell {
        if let latency = trip.latency(of: hop) { return TableCell("+" + DurationText.short(latency) + extra) }
        if trip.failure != nil { return TableCell("✗", .crit) }
        return TableCell(trip.nextHop == hop ? "…" : "", .muted)
    }

    private static func rawMark(_ trip: ProbeTrip) -> String {
        switch trip.raw?.delete {
        case .gone: return " gone"
        case .tombstone: return " tomb"
        case nil: return ""
        }
    }

    static func detail(_ context: RenderContext) -> [DetailLine] {
        guard let trip = context.state.selectedRow(.tracer, in: context.state.tracer.newestFirst) else {
            return [DetailLine("tracer", "no probe yet: i inserts one", .muted)]
        }
        return TracerDetail.lines(trip, context: context)
    }
}
