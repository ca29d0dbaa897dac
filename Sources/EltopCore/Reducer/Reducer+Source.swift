import Foundation

/// Source readings: lag and retained-WAL history (the recent readings and the hour by minute), per-slot tracks (inactive since, how syncs ended),
/// and timeline entries when a slot goes inactive, its WAL status moves or its severity rises.
extension DashboardState {
    mutating func applySource(_ reading: SourceReading, at: Date) {
        let previous = Dictionary(
            (source.reading?.slots ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let firstReading = source.reading == nil
        for slot in reading.slots {
            if let lag = slot.lagBytes {
                source.lagHistory[slot.name, default: SampleHistory()].record(Double(lag), at: at)
                source.lagHour[slot.name, default: MinuteHistory()].record(Double(lag), at: at)
            }
            if let retained = slot.retainedBytes {
                source.retainedHistory[slot.name, default: SampleHistory()].record(Double(retained), at: at)
                source.retainedHour[slot.name, default: MinuteHistory()].record(Double(retained), at: at)
            }
            track(slot, previous: previous[slot.name], firstReading: firstReading, writes: reading.publishedTableWrites, at: at)
            guard let old = previous[slot.name] else {
                if !firstReading { log(.source, .ok, "slot \(slot.name) appeared", at: at) }
                continue
            }
            if old.active && !slot.active {
                log(.source, .ok, "slot \(slot.name) went inactive (lag \(ByteText.short(slot.lagBytes ?? 0)))", at: at)
            } else if !old.active && slot.active {
                log(.source, .ok, "slot \(slot.name) is active again", at: at)
            }
            if old.walStatus != slot.walStatus, let status = slot.walStatus {
                log(.source, status.severity, "slot \(slot.name) wal_status \(old.walStatus?.rawValue ?? "?") → \(status.rawValue)", at: at)
            }
        }
        let names = Set(reading.slots.map(\.name))
        // A slot that vanished was dropped (or its database is gone): Airbyte's next sync will fail or
        // start a full refresh, so it is news even though the poll itself succeeded.
        for name in previous.keys.sorted() where !names.contains(name) {
            log(.source, .crit, "slot \(name) disappeared (dropped?)", at: at)
        }
        source.lagHistory = source.lagHistory.filter { names.contains($0.key) }
        source.retainedHistory = source.retainedHistory.filter { names.contains($0.key) }
        source.lagHour = source.lagHour.filter { names.contains($0.key) }
        source.retainedHour = source.retainedHour.filter { names.contains($0.key) }
        source.tracks = source.tracks.filter { names.contains($0.key) }
        if let before = source.reading?.publishedTableWrites, let now = reading.publishedTableWrites, now > before {
            source.writesSeenAt = at
        }
        source.reading = reading
        logSeverityRises(reading.slots, at: at)
    }

    /// Updates what eltop remembers of `slot`: when it went inactive, and how each sync ended.
    private mutating func track(_ slot: ReplicationSlot, previous: ReplicationSlot?, firstReading: Bool, writes: Int64?, at: Date) {
        var track = source.tracks[slot.name] ?? SlotTrack()
        if slot.active {
            track.inactiveSince = nil
            track.inactiveSinceIsLowerBound = false
        } else if let previous, previous.active {
            track.inactiveSince = at
            track.inactiveSinceIsLowerBound = false
            track.recordSyncEnd(SyncEnd(at: at, lagBytes: slot.lagBytes, publishedTableWrites: writes))
        } else if track.inactiveSince == nil {
            // Seen inactive from the start (or a new slot): the duration counts from now, as a lower bound.
            track.inactiveSince = at
            track.inactiveSinceIsLowerBound = true
        }
        source.tracks[slot.name] = track
    }

    /// One timeline entry when a slot's severity rises, naming the worst concern.
    private mutating func logSeverityRises(_ slots: [ReplicationSlot], at: Date) {
        for slot in slots {
            let now = source.assessment(of: slot)
            let before = source.tracks[slot.name]?.lastSeverity ?? .ok
            source.tracks[slot.name]?.lastSeverity = now.severity
            guard now.severity > before, let worst = now.concerns.max(by: { $0.severity < $1.severity }) else { continue }
            log(.source, now.severity, "slot \(slot.name): \(worst.text)", at: at)
        }
    }
}
