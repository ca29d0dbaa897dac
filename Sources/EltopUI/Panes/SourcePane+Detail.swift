import EltopCore
import Foundation

/// The source detail view: every column of the selected slot, its walsender and counters, the
/// publications, the server's WAL settings, and what the figures mean for an Airbyte CDC slot.
extension SourcePane {
    static let airbyteExplanation =
        "Airbyte's default \"After loading Data in the destination\" commits the LSN at the START of the next sync, "
        + "so between syncs the slot is inactive and its lag is the WAL written since the last sync: that is normal. "
        + "Worry when inactivity outlasts the expected schedule, or when the lag left after each sync keeps growing."
    static let heartbeatExplanation =
        "The lag keeps growing across syncs while the published tables see no writes: the WAL is other databases' "
        + "or vacuum's, pgoutput has nothing to confirm and the slot cannot advance. Fix: a heartbeat table in the "
        + "publication and Airbyte's heartbeat_action_query writing to it."

    static func detail(_ context: RenderContext) -> [DetailLine] {
        let state = context.state
        guard let reading = state.source.reading, let slot = state.selectedRow(.source, in: state.visibleSlots) else { return [] }
        let figures = state.source.assessment(of: slot)
        var lines = [
            DetailLine("slot", slot.name, context.role(for: figures.severity)),
            DetailLine("status", figures.severity.rawValue, context.role(for: figures.severity)),
        ]
        for concern in figures.concerns { lines.append(DetailLine("", concern.text, context.role(for: concern.severity))) }
        lines += [
            DetailLine("plugin", slot.plugin), DetailLine("database", slot.database),
            DetailLine("active", slot.active ? "yes (pid \(slot.activePID.map(String.init) ?? "?"))" : activeText(slot, figures)),
            DetailLine("lag", bytesExact(slot.lagBytes)), DetailLine("retained WAL", bytesExact(slot.retainedBytes)),
            DetailLine("lag rate", rateText(figures.lagRateBytesPerSecond) + " over \(DurationText.short(state.source.thresholds.rateWindowSeconds))"),
            DetailLine("wal_status", slot.walStatus?.rawValue ?? "—"), DetailLine("safe_wal_size", bytesExact(slot.safeWalSizeBytes)),
            DetailLine("safe WAL left", figures.secondsUntilSafeWalExhausted.map { "about \(DurationText.short($0)) at the current rate" } ?? "—"),
            DetailLine("restart_lsn", slot.restartLSN ?? "—"), DetailLine("confirmed_flush", slot.confirmedFlushLSN ?? "—"),
            DetailLine("current LSN", reading.currentLSN ?? "—"),
        ]
        if reading.serverVersionNumber >= 160000 { lines.append(DetailLine("conflicting", slot.conflicting.map { $0 ? "yes" : "no" } ?? "—")) }
        if reading.serverVersionNumber >= 170000 {
            lines.append(DetailLine("inactive_since", slot.inactiveSince.map { context.clock($0) } ?? "—"))
            lines.append(DetailLine("invalidation", slot.invalidationReason ?? "—"))
        }
        let ends = state.source.tracks[slot.name]?.syncEnds ?? []
        lines.append(DetailLine("lag after syncs", ends.isEmpty ? "no sync end seen yet" : ends.map { NumberText.bytes($0.lagBytes) }.joined(separator: " → ")))
        lines += senderLines(slot) + statisticsLines(slot, version: reading.serverVersionNumber)
        lines += publicationLines(reading, slot: slot)
        lines += [
            DetailLine("server", "\(reading.serverVersion) (\(reading.serverVersionNumber))"),
            DetailLine("wal_level", reading.settings.walLevel ?? "—"),
            DetailLine("max_slot_wal_keep", reading.settings.maxSlotWalKeepSize ?? "—"),
            DetailLine("wal_keep_size", reading.settings.walKeepSize ?? "—"),
        ]
        for grant in reading.missingGrants { lines.append(DetailLine("missing grant", grant.text, .warn)) }
        if figures.idleSourceSuspected { lines.append(DetailLine("heartbeat", heartbeatExplanation, .warn)) }
        lines.append(DetailLine("Airbyte", airbyteExplanation, .muted))
        return lines
    }

    private static func senderLines(_ slot: ReplicationSlot) -> [DetailLine] {
        guard let sender = slot.sender else { return [DetailLine("walsender", "none (no consumer is streaming)")] }
        func lag(_ seconds: Double?) -> String { NumberText.seconds(seconds) }
        return [
            DetailLine("walsender", "pid \(sender.pid) · \(sender.state ?? "state hidden") · \(sender.applicationName ?? "—") · \(sender.clientAddress ?? "local")"),
            DetailLine("sent/write", "\(sender.sentLSN ?? "—") / \(sender.writeLSN ?? "—")"),
            DetailLine("flush/replay", "\(sender.flushLSN ?? "—") / \(sender.replayLSN ?? "—")"),
            DetailLine("lags w/f/r", "\(lag(sender.writeLagSeconds)) / \(lag(sender.flushLagSeconds)) / \(lag(sender.replayLagSeconds))"),
        ]
    }

    private static func statisticsLines(_ slot: ReplicationSlot, version: Int) -> [DetailLine] {
        guard version >= 140000 else { return [DetailLine("slot counters", "needs PostgreSQL 14")] }
        guard let s = slot.stats else { return [DetailLine("slot counters", "—")] }
        return [
            DetailLine("decoded", "\(NumberText.count(s.totalTransactions)) txns · \(NumberText.bytes(s.totalBytes))"),
            DetailLine("spilled", "\(NumberText.count(s.spillTransactions)) txns · \(NumberText.count(s.spillCount))× · \(NumberText.bytes(s.spillBytes))"),
            DetailLine("streamed", "\(NumberText.count(s.streamTransactions)) txns · \(NumberText.count(s.streamCount))× · \(NumberText.bytes(s.streamBytes))"),
        ]
    }

    private static func publicationLines(_ reading: SourceReading, slot: ReplicationSlot) -> [DetailLine] {
        guard slot.database == reading.connectedDatabase else {
            return [DetailLine("publications", "connect eltop to \(slot.database) to see them")]
        }
        guard !reading.publications.isEmpty else { return [DetailLine("publications", "none in \(slot.database)")] }
        var lines = reading.publications.map { p in
            DetailLine("publication", "\(p.name): " + (p.allTables ? "ALL TABLES" : p.tables.isEmpty ? "no tables" : p.tables.joined(separator: ", ")))
        }
        lines.append(DetailLine("table writes", NumberText.count(reading.publishedTableWrites) + " (ins+upd+del on published tables)"))
        return lines
    }

    /// "1.5 MiB (1572864 B)": the compact figure and the exact one the server reported.
    private static func bytesExact(_ bytes: Int64?) -> String {
        guard let bytes else { return "—" }
        return bytes < 1024 ? NumberText.bytes(bytes) : "\(NumberText.bytes(bytes)) (\(bytes) B)"
    }
}
