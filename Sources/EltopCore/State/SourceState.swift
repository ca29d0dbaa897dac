import Foundation

/// One logical replication slot as the source pane shows it.
public struct ReplicationSlot: Equatable, Sendable {
    public var name: String
    public var plugin: String
    public var database: String
    public var active: Bool
    /// Bytes of WAL written since the slot's `confirmed_flush_lsn`.
    public var lagBytes: Int64?
    /// Bytes of WAL the server keeps for the slot (`restart_lsn` to the current LSN).
    public var retainedBytes: Int64?
    /// `reserved`, `extended`, `unreserved` or `lost` (PostgreSQL 13+); nil on older servers.
    public var walStatus: String?

    public init(
        name: String, plugin: String, database: String, active: Bool,
        lagBytes: Int64?, retainedBytes: Int64?, walStatus: String?
    ) {
        self.name = name
        self.plugin = plugin
        self.database = database
        self.active = active
        self.lagBytes = lagBytes
        self.retainedBytes = retainedBytes
        self.walStatus = walStatus
    }
}

/// What one poll of the source returns.
public struct SourceReading: Equatable, Sendable {
    public var serverVersion: String
    public var slots: [ReplicationSlot]

    public init(serverVersion: String, slots: [ReplicationSlot]) {
        self.serverVersion = serverVersion
        self.slots = slots
    }
}

/// The source pane's state: the last reading, its health, and per-slot lag history.
public struct SourceState: Equatable, Sendable {
    public var health: FeedHealth
    public var reading: SourceReading?
    /// Lag in bytes per slot name, for sparklines and growth rates.
    public var lagHistory: [String: SampleHistory] = [:]

    public init(health: FeedHealth) { self.health = health }

    /// How bad the slots look: `lost`/`unreserved` WAL is critical, `extended` a warning.
    public var severity: Severity {
        reading?.slots.map { slot -> Severity in
            switch slot.walStatus {
            case "lost", "unreserved": return .crit
            case "extended": return .warn
            default: return .ok
            }
        }.max() ?? .ok
    }
}
