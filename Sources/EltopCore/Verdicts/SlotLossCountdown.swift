import Foundation

/// How long a slot has before the server invalidates it, at the rate `safe_wal_size` is shrinking,
/// against when the next sync will read it. CRITICAL when the slot would be lost first: by then
/// Airbyte can only start over with a full refresh.
public struct SlotLossCountdown: Codable, Equatable, Sendable {
    public var slot: String
    /// Bytes `safe_wal_size` loses per second, measured since it last grew.
    public var shrinkBytesPerSecond: Double
    /// Seconds until `safe_wal_size` reaches zero at that rate, as of the state's time.
    public var secondsLeft: TimeInterval
    public var lostAt: Date
    /// When the next scheduled sync should start; nil when eltop cannot tell (manual, cron).
    public var nextSyncAt: Date?
    /// Seconds from the state's time to `nextSyncAt`.
    public var secondsToNextSync: TimeInterval?

    /// The slot would be lost before the next sync reads it.
    public var lostFirst: Bool { secondsToNextSync.map { secondsLeft < $0 } ?? false }

    public var severity: Severity { lostFirst ? .crit : .ok }

    public var text: String {
        let left = "lost in \(DurationText.short(secondsLeft)) at this rate"
        guard let next = secondsToNextSync else { return left + " (next sync unknown)" }
        let wait = DurationText.short(next)
        return lostFirst ? left + ", before the next sync in \(wait)" : left + ", after the next sync in \(wait)"
    }
}

extension DashboardState {
    /// The countdown of `slot`, nil unless `safe_wal_size` has shrunk over at least two polls.
    public func slotLoss(of slot: ReplicationSlot) -> SlotLossCountdown? {
        guard !slot.active, let marks = verdictMemory.safeWal[slot.name], let first = marks.first, let last = marks.last,
            last.at > first.at, last.value < first.value
        else { return nil }
        let rate = Double(first.value - last.value) / last.at.timeIntervalSince(first.at)
        let lostAt = last.at.addingTimeInterval(Double(max(0, last.value)) / rate)
        let next = nextScheduledSync(for: slot)
        return SlotLossCountdown(
            slot: slot.name, shrinkBytesPerSecond: rate, secondsLeft: max(0, lostAt.timeIntervalSince(now)), lostAt: lostAt,
            nextSyncAt: next, secondsToNextSync: next.map { max(0, $0.timeIntervalSince(now)) })
    }
}
