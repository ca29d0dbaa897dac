import Foundation

/// `source` in `snapshot --json`.
struct SourceSection: Encodable {
    let state: DashboardState

    enum Keys: String, CodingKey { case server_version, slots }
    enum SlotKeys: String, CodingKey { case name, plugin, database, active, lag_bytes, retained_bytes, wal_status }

    func encode(to encoder: Encoder) throws {
        try SectionHeader(.source, in: state).encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(state.source.reading?.serverVersion, forKey: .server_version)
        var slots = c.nestedUnkeyedContainer(forKey: .slots)
        for slot in state.source.reading?.slots ?? [] {
            var s = slots.nestedContainer(keyedBy: SlotKeys.self)
            try s.encode(slot.name, forKey: .name)
            try s.encode(slot.plugin, forKey: .plugin)
            try s.encode(slot.database, forKey: .database)
            try s.encode(slot.active, forKey: .active)
            try s.encode(slot.lagBytes, forKey: .lag_bytes)
            try s.encode(slot.retainedBytes, forKey: .retained_bytes)
            try s.encode(slot.walStatus, forKey: .wal_status)
        }
    }
}
