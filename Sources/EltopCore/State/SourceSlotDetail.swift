import Foundation

/// The walsender streaming a slot, from `pg_stat_replication`. Without `pg_read_all_stats` (part of
/// `pg_monitor`) the server hides everything but the pid, so most fields may be nil.
public struct WalSender: Codable, Equatable, Sendable {
    public var pid: Int
    public var applicationName: String?
    public var clientAddress: String?
    /// `startup`, `catchup`, `streaming`, `backup`, `stopping`.
    public var state: String?
    public var sentLSN: String?
    public var writeLSN: String?
    public var flushLSN: String?
    public var replayLSN: String?
    /// Time lags in seconds; PostgreSQL leaves them NULL for an idle logical consumer.
    public var writeLagSeconds: Double?
    public var flushLagSeconds: Double?
    public var replayLagSeconds: Double?

    public init(pid: Int) { self.pid = pid }
}

/// Counters of `pg_stat_replication_slots` (PostgreSQL 14+): how much decoding spilled to disk or
/// streamed, and how much went through the slot since the counters were reset.
public struct SlotStatistics: Codable, Equatable, Sendable {
    public var spillTransactions: Int64?
    public var spillCount: Int64?
    public var spillBytes: Int64?
    public var streamTransactions: Int64?
    public var streamCount: Int64?
    public var streamBytes: Int64?
    public var totalTransactions: Int64?
    public var totalBytes: Int64?
    public var statsReset: Date?

    public init() {}
}

/// A publication of the connected database and the tables it publishes (`schema.table`).
public struct Publication: Codable, Equatable, Sendable {
    public var name: String
    public var allTables: Bool
    public var tables: [String]

    public init(name: String, allTables: Bool, tables: [String]) {
        self.name = name
        self.allTables = allTables
        self.tables = tables
    }
}

/// Server settings that decide how much WAL a slot may hold back.
public struct SourceServerSettings: Codable, Equatable, Sendable {
    public var walLevel: String?
    /// `max_slot_wal_keep_size` as shown (`-1` means unlimited; 13+).
    public var maxSlotWalKeepSize: String?
    /// `wal_keep_size` (13+) or `wal_keep_segments` (older), as shown.
    public var walKeepSize: String?

    public init(walLevel: String? = nil, maxSlotWalKeepSize: String? = nil, walKeepSize: String? = nil) {
        self.walLevel = walLevel
        self.maxSlotWalKeepSize = maxSlotWalKeepSize
        self.walKeepSize = walKeepSize
    }
}

/// Something the connected role may not see, and the grant that would show it.
public struct MissingGrant: Codable, Equatable, Sendable {
    /// What is hidden, e.g. "walsender details (pg_stat_replication)".
    public var what: String
    /// What to grant, e.g. "GRANT pg_monitor TO eltop".
    public var grant: String

    public init(what: String, grant: String) {
        self.what = what
        self.grant = grant
    }

    public var text: String { "\(what) hidden: \(grant)" }
}
