import Foundation

/// Source readings: keep lag history and tell the timeline when a slot goes inactive or its WAL status moves.
extension DashboardState {
    mutating func applySource(_ reading: SourceReading, at: Date) {
        let previous = Dictionary(
            (source.reading?.slots ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for slot in reading.slots {
            if let lag = slot.lagBytes {
                source.lagHistory[slot.name, default: SampleHistory()].record(Double(lag), at: at)
            }
            guard let old = previous[slot.name] else { continue }
            if old.active && !slot.active {
                log(.source, .warn, "slot \(slot.name) went inactive", at: at)
            } else if !old.active && slot.active {
                log(.source, .ok, "slot \(slot.name) is active again", at: at)
            }
            if old.walStatus != slot.walStatus, let status = slot.walStatus {
                let severity: Severity = ["lost", "unreserved"].contains(status) ? .crit : status == "extended" ? .warn : .ok
                log(.source, severity, "slot \(slot.name) wal_status \(old.walStatus ?? "?") → \(status)", at: at)
            }
        }
        let names = Set(reading.slots.map(\.name))
        source.lagHistory = source.lagHistory.filter { names.contains($0.key) }
        source.reading = reading
    }
}
