import EltopCore

/// The check's verdicts (EltopCore/Verdicts) as series: the same judgements the panes, `snapshot --json`
/// and `eltop check` make, from the same state, so an alert and the screen cannot disagree.
enum VerdictSeries {
    static func write(_ state: DashboardState, into out: SeriesWriter) {
        for connection in state.airbyte.reading?.connections ?? [] {
            let labels: KeyValuePairs = ["connection_id": connection.id, "connection": connection.name]
            if let job = connection.runningJob, let pace = state.pace(of: job) {
                out.gauge(
                    "eltop_airbyte_sync_stalled", "1 when the running job's records and the walsender's sent WAL have not moved for airbyte.stall_after.",
                    labels, pace.name == "stalled")
            }
            out.gauge(
                "eltop_airbyte_empty_success", "1 when the newest successful sync committed nothing (or left raw unchanged) while the published tables took writes.",
                labels, state.emptySuccess(of: connection) != nil)
            // No trouble means enabled: the series is 0 rather than absent, so `== 0` and `== 1` both work in alerts.
            out.gauge("eltop_airbyte_connection_disabled", "1 when the connection's status is not active.", labels, state.trouble(of: connection)?.disabled ?? false)
        }
        for slot in state.source.reading?.slots ?? [] {
            guard let loss = state.slotLoss(of: slot) else { continue }
            let labels: KeyValuePairs = ["slot": slot.name]
            out.gauge("eltop_source_slot_loss_in_seconds", "At safe_wal_size's shrink rate, seconds until the slot loses WAL.", labels, loss.secondsLeft)
            out.gauge("eltop_source_slot_next_sync_in_seconds", "Seconds until the connection's next scheduled sync, if it has a schedule.", labels, loss.secondsToNextSync)
            out.gauge("eltop_source_slot_lost_before_next_sync", "1 when the slot loses WAL before the next scheduled sync reads it.", labels, loss.lostFirst)
        }
    }
}
