import EltopCore

/// `eltop_source_slot_*{slot}`: each replication slot as the Source pane shows it. Slots are few (the
/// server's `max_replication_slots`), so each has its own series. Unlike postgres_exporter, the
/// confirmed-flush lag is exported for inactive slots too: that is the slot nobody is reading.
enum SourceSeries {
    static func write(_ state: DashboardState, into out: SeriesWriter) {
        if let writes = state.source.reading?.publishedTableWrites {
            out.counter(
                "eltop_source_published_table_writes_total", "Inserts, updates and deletes counted on the published tables (pg_stat_user_tables).",
                [:], Int(clamping: writes))
        }
        for slot in state.source.reading?.slots ?? [] {
            let figures = state.source.assessment(of: slot)
            let labels: KeyValuePairs = ["slot": slot.name]
            out.gauge("eltop_source_slot_lag_bytes", "WAL written since the slot's confirmed_flush_lsn.", labels, slot.lagBytes)
            out.gauge("eltop_source_slot_retained_wal_bytes", "WAL the server keeps for the slot (restart_lsn to now).", labels, slot.retainedBytes)
            out.gauge("eltop_source_slot_safe_wal_size_bytes", "WAL that may still be written before the slot is in danger (safe_wal_size).", labels, slot.safeWalSizeBytes)
            out.gauge("eltop_source_slot_active", "1 while a consumer streams the slot.", labels, slot.active)
            out.gauge("eltop_source_slot_inactive_seconds", "How long the slot has been inactive, as of the reading.", labels, figures.inactiveSeconds)
            out.gauge(
                "eltop_source_slot_safe_wal_exhausted_in_seconds", "At the current growth of retained WAL, seconds until safe_wal_size is used up.",
                labels, figures.secondsUntilSafeWalExhausted)
            out.gauge("eltop_source_slot_severity", "The Source pane's verdict on the slot: 0 ok, 1 warn, 2 crit.", labels, SeverityValue.of(figures.severity))
            if let status = slot.walStatus {
                for known in WALStatusLabel.values(including: status) {
                    out.gauge(
                        "eltop_source_slot_wal_status", "1 for the slot's wal_status, 0 for the others.",
                        ["slot": slot.name, "wal_status": known], known == status.rawValue)
                }
            }
        }
    }
}

/// The `wal_status` values every slot gets a series for, so `== 1` and `== 0` both work in alerts.
enum WALStatusLabel {
    static let known = ["reserved", "extended", "unreserved", "lost"]

    static func values(including status: WALStatus) -> [String] {
        known.contains(status.rawValue) ? known : known + [status.rawValue]
    }
}

enum SeverityValue {
    static func of(_ severity: Severity) -> Int {
        switch severity {
        case .ok: return 0
        case .warn: return 1
        case .crit: return 2
        }
    }
}
