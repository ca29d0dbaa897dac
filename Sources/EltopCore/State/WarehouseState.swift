import Foundation

/// Which kind of warehouse the pane reads.
public enum WarehouseKind: String, Codable, Sendable {
    case snowflake, postgres
}

/// Row count and size of one warehouse table.
public struct WarehouseTable: Equatable, Sendable {
    public var schema: String
    public var name: String
    public var rows: Int64?
    /// True when `rows` is an estimate (statistics) rather than a count.
    public var rowsEstimated: Bool
    public var bytes: Int64?
    public var lastAltered: Date?

    public init(schema: String, name: String, rows: Int64?, rowsEstimated: Bool, bytes: Int64?, lastAltered: Date?) {
        self.schema = schema
        self.name = name
        self.rows = rows
        self.rowsEstimated = rowsEstimated
        self.bytes = bytes
        self.lastAltered = lastAltered
    }
}

/// What one poll of the warehouse returns.
public struct WarehouseReading: Equatable, Sendable {
    public var kind: WarehouseKind
    public var tables: [WarehouseTable]

    public init(kind: WarehouseKind, tables: [WarehouseTable]) {
        self.kind = kind
        self.tables = tables
    }
}

/// The warehouse pane's state.
public struct WarehouseState: Equatable, Sendable {
    public var health: FeedHealth
    public var reading: WarehouseReading?

    public init(health: FeedHealth) { self.health = health }

    public var severity: Severity { .ok }
}
