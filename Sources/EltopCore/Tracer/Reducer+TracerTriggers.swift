import Foundation

/// When the tracer looks: only while a trip is in flight, and against the warehouse once after each sync
/// or transform ends (a warehouse that bills per query must not be kept awake by a poll). An end seen
/// while a read is out is read once that one answers. The slot's acknowledgement comes free with the
/// source poll, which reads `confirmed_flush_lsn` anyway.
extension DashboardState {
    mutating func tracerAfterPoll(_ reading: Reading, at: Date) -> [Effect] {
        guard tracer.configured else { return [] }
        switch reading {
        case .source(let source):
            noteSlotAcknowledgement(source, at: at)
            return []
        case .airbyte:
            return tracerAfterJobs()
        case .warehouse:
            // Without Airbyte there is no sync end to wait for: the warehouse's own poll is the moment,
            // unless each query costs (Snowflake): then only a transform's end reads it.
            guard !airbyte.health.configured, !tracer.warehouseBillsPerQuery else { return [] }
            return trace(TraceLayers(raw: true, staging: true))
        case .dbt:
            return []
        }
    }

    mutating func tracerAfterDbt(_ event: DbtEvent) -> [Effect] {
        guard tracer.configured, case .runEnded = event else { return [] }
        return trace(TraceLayers(raw: true, staging: true))
    }

    /// A job of the probe's connection ended since the last reading: read raw once.
    private mutating func tracerAfterJobs() -> [Effect] {
        guard let ended = tracerConnection?.jobs.first(where: { !$0.status.isActive && $0.jobType != "reset" }) else { return [] }
        guard ended.id != tracer.lastEndedJobID else { return [] }
        let first = tracer.lastEndedJobID == nil
        tracer.lastEndedJobID = ended.id
        // The first reading's last ended job ended before anything was watched, unless trips wait already.
        if first && tracer.inFlight.isEmpty { return [] }
        return trace(TraceLayers(raw: true, staging: false))
    }

    private mutating func trace(_ layers: TraceLayers) -> [Effect] {
        let inFlight = tracer.inFlight
        let ids = Array(Set(inFlight.map(\.probeID))).sorted()
        // Raw only while a trip still waits for it: trips past raw need staging alone, and a sync's end then reads nothing.
        let raw = layers.raw && inFlight.contains { $0.raw == nil }
        guard !ids.isEmpty, raw || layers.staging else { return [] }
        guard !tracer.tracing else {
            tracer.queuedTrace = layers.merged(tracer.queuedTrace)
            return []
        }
        tracer.tracing = true
        return [.traceProbes(ProbeTraceRequest(probeIDs: ids, raw: raw, staging: layers.staging))]
    }

    /// The read an end asked for while the last one was out, now that it answered.
    mutating func traceQueued() -> [Effect] {
        guard let layers = tracer.queuedTrace else { return [] }
        tracer.queuedTrace = nil
        return trace(layers)
    }

    private mutating func noteSlotAcknowledgement(_ source: SourceReading, at: Date) {
        let slots = source.slots
        let slot = tracer.slot.map { name in slots.first { $0.name == name } } ?? slots.first
        guard let confirmed = slot?.confirmedFlushLSN else { return }
        for index in tracer.trips.indices where tracer.trips[index].slotAcknowledgedAt == nil && tracer.trips[index].failure == nil {
            guard WALPosition.reached(confirmed, tracer.trips[index].committed.lsn) else { continue }
            tracer.trips[index].slotAcknowledgedAt = at
            tracer.trips[index].slotAcknowledgedLSN = confirmed
        }
    }
}
