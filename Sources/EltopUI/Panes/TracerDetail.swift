import EltopCore
import Foundation

/// A probe trip in full: every timestamp, the query that proved each hop, and the values each layer held.
enum TracerDetail {
    static func lines(_ trip: ProbeTrip, context: RenderContext) -> [DetailLine] {
        let tracer = context.state.tracer
        var lines = [
            DetailLine("trip", "#\(trip.id): \(trip.operation.rawValue) of probe \(trip.probeID) in \(tracer.table)"),
        ]
        if let waiting = context.state.tracerWaiting(trip) { lines.append(DetailLine("now", waiting, trip.failure == nil ? .warn : .crit)) }
        if let total = trip.total { lines.append(DetailLine("total", "source → staging \(DurationText.short(total))", .ok)) }
        lines.append(DetailLine("committed", "\(stamp(trip.committed.at, context)) at LSN \(trip.committed.lsn) (pg_current_wal_insert_lsn after the write)"))
        lines.append(DetailLine("  query", trip.committed.query, .muted))
        if let sync = trip.sync {
            lines.append(DetailLine("read by sync", "\(sync.jobID.map { "job \($0)" } ?? "a sync") at \(stamp(sync.at, context)) (+\(DurationText.short(trip.latency(of: .sync) ?? 0)); \(sync.evidence))"))
        } else {
            lines.append(DetailLine("read by sync", "not yet", .muted))
        }
        if let raw = trip.raw {
            lines.append(DetailLine("in raw", "\(stamp(raw.at, context)) (+\(DurationText.short(trip.latency(of: .raw) ?? 0))) in \(tracer.rawTable): \(rawWords(raw))"))
            lines.append(DetailLine("  query", raw.query, .muted))
        } else {
            lines.append(DetailLine("in raw", "not yet", .muted))
        }
        if let staging = trip.staging {
            let what = staging.gone ? "gone" : "visible"
            lines.append(DetailLine("in staging", "\(stamp(staging.at, context)) (+\(DurationText.short(trip.latency(of: .staging) ?? 0))) in \(tracer.stagingTable): \(what)"))
            lines.append(DetailLine("  query", staging.query, .muted))
        } else {
            lines.append(DetailLine("in staging", "not yet", .muted))
        }
        let slot = trip.slotAcknowledgedAt.map { "\(stamp($0, context)): confirmed_flush_lsn \(trip.slotAcknowledgedLSN ?? "?") ≥ \(trip.committed.lsn)" }
        lines.append(DetailLine("slot acknowledged", slot ?? "not yet (under Airbyte's default LSN commit the next sync acknowledges it)", slot == nil ? .muted : .text))
        lines.append(DetailLine("note", "source \(quoted(trip.note)) · raw \(quoted(trip.raw?.note, seen: trip.raw != nil)) · staging \(quoted(trip.staging?.note, seen: trip.staging != nil))"))
        let rawLSN = trip.raw?.lsn.flatMap(WALPosition.value).map(WALPosition.text) ?? "—"
        lines.append(DetailLine("lsn", "commit \(trip.committed.lsn) · raw _ab_cdc_lsn \(rawLSN) (the change's own record, before the commit's insert position)"))
        return lines
    }

    private static func rawWords(_ raw: RawHop) -> String {
        switch raw.delete {
        case .gone: return "gone (a hard delete)"
        case .tombstone: return "a tombstone, _ab_cdc_deleted_at \(raw.deletedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "?") (a soft delete)"
        case nil: return "visible, _ab_cdc_lsn \(raw.lsn ?? "—")"
        }
    }

    private static func quoted(_ note: String?, seen: Bool = true) -> String {
        guard seen else { return "—" }
        return note.map { "'\($0)'" } ?? "(none)"
    }

    private static func stamp(_ date: Date, _ context: RenderContext) -> String { context.clock(date) }
}
