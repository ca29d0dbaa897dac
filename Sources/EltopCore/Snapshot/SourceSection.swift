import Foundation

/// `source` in `snapshot --json`. The slot keys listed in docs/snapshot.md are a stable interface; the others
/// are added beside them. Derived figures that need history (rates) are null after a single poll.
struct SourceSection: Encodable {
    let state: DashboardState

    enum Keys: String, CodingKey { case server_version, server_version_num, wal_level, max_slot_wal_keep_size, wal_keep_size, missing_grants, slots }
    enum SlotKeys: String, CodingKey {
        case name, plugin, database, active, inactive_seconds, lag_bytes, retained_bytes, wal_status, safe_wal_size
        case lag_rate_bytes_per_s, retained_rate_bytes_per_s, seconds_until_safe_wal_exhausted, conflicting, invalidation_reason
        case lag_growing_across_syncs, idle_source_suspected, status, concerns
    }

    func encode(to encoder: Encoder) throws {
        try SectionHeader(.source, in: state).encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        let reading = state.source.reading
        try c.encode(reading?.serverVersion, forKey: .server_version)
        try c.encode(reading.map(\.serverVersionNumber), forKey: .server_version_num)
        try c.encode(reading?.settings.walLevel, forKey: .wal_level)
        try c.encode(reading?.settings.maxSlotWalKeepSize, forKey: .max_slot_wal_keep_size)
        try c.encode(reading?.settings.walKeepSize, forKey: .wal_keep_size)
        try c.encode((reading?.missingGrants ?? []).map(\.text), forKey: .missing_grants)
        var slots = c.nestedUnkeyedContainer(forKey: .slots)
        for slot in reading?.slots ?? [] {
            let figures = state.source.assessment(of: slot)
            var s = slots.nestedContainer(keyedBy: SlotKeys.self)
            try s.encode(slot.name, forKey: .name)
            try s.encode(slot.plugin, forKey: .plugin)
            try s.encode(slot.database, forKey: .database)
            try s.encode(slot.active, forKey: .active)
            try s.encode(figures.inactiveSeconds.map { Int($0) }, forKey: .inactive_seconds)
            try s.encode(slot.lagBytes, forKey: .lag_bytes)
            try s.encode(slot.retainedBytes, forKey: .retained_bytes)
            try s.encode(slot.walStatus, forKey: .wal_status)
            try s.encode(slot.safeWalSizeBytes, forKey: .safe_wal_size)
            try s.encode(figures.lagRateBytesPerSecond, forKey: .lag_rate_bytes_per_s)
            try s.encode(figures.retainedRateBytesPerSecond, forKey: .retained_rate_bytes_per_s)
            try s.encode(figures.secondsUntilSafeWalExhausted.map { Int($0) }, forKey: .seconds_until_safe_wal_exhausted)
            try s.encode(slot.conflicting, forKey: .conflicting)
            try s.encode(slot.invalidationReason, forKey: .invalidation_reason)
            try s.encode(figures.lagGrowingAcrossSyncs, forKey: .lag_growing_across_syncs)
            try s.encode(figures.idleSourceSuspected, forKey: .idle_source_suspected)
            try s.encode(figures.severity, forKey: .status)
            try s.encode(figures.concerns.map(\.text), forKey: .concerns)
        }
    }
}
