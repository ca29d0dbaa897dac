import Foundation

/// The interval of an Airbyte "basic" schedule as the public API words it ("Every 24 HOURS", "Every 30
/// minutes"); nil for manual and cron schedules, whose next run eltop does not compute.
public enum SyncScheduleText {
    public static func intervalSeconds(_ schedule: String?) -> TimeInterval? {
        guard let words = schedule?.lowercased().split(separator: " "), words.count == 3, words[0] == "every",
            let count = Double(words[1]), count > 0
        else { return nil }
        let unit = words[2].hasSuffix("s") ? String(words[2].dropLast()) : String(words[2])
        switch unit {
        case "minute": return count * 60
        case "hour": return count * 3600
        case "day": return count * 86_400
        case "week": return count * 7 * 86_400
        default: return nil
        }
    }
}

extension DashboardState {
    /// When the next scheduled sync should start: for each connection on a basic schedule, its newest
    /// job's start plus the interval (never before now), and the latest of those, since Airbyte does
    /// not say which connection reads which slot and an alert must assume the slowest. Without a
    /// schedule from Airbyte, `source.sync_interval` after the slot went inactive.
    public func nextScheduledSync(for slot: ReplicationSlot) -> Date? {
        let fromAirbyte = (airbyte.reading?.connections ?? []).compactMap { connection -> Date? in
            guard let interval = SyncScheduleText.intervalSeconds(connection.schedule) else { return nil }
            let last = connection.jobs.compactMap(\.startedAt).max() ?? now
            return max(now, last.addingTimeInterval(interval))
        }
        if let latest = fromAirbyte.max() { return latest }
        guard let interval = source.thresholds.expectedSyncIntervalSeconds, let track = source.tracks[slot.name],
            let since = track.inactiveSince
        else { return nil }
        return max(now, since.addingTimeInterval(interval))
    }
}
