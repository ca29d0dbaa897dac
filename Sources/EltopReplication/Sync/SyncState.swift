import EltopPostgres
import Foundation

/// A connection's saved state: where the next stream starts and what each table's snapshot saw.
public struct SyncState: Codable, Equatable, Sendable {
    /// The last Commit end LSN whose rows are in `raw`; nil before the first sync.
    public var lsn: LSN?
    /// Snapshots by `namespace.table`; a table without one is snapshotted at the next sync.
    public var snapshots: [String: TableSnapshot]

    public init(lsn: LSN? = nil, snapshots: [String: TableSnapshot] = [:]) {
        self.lsn = lsn
        self.snapshots = snapshots
    }
}

/// What one table's initial snapshot saw: its WAL position and its transaction snapshot
/// (`pg_current_snapshot()`), so the stream can tell a change the snapshot holds from one it does not.
public struct TableSnapshot: Codable, Equatable, Sendable {
    /// `pg_current_wal_insert_lsn()` right after the snapshot: the snapshot rows' `_ab_cdc_lsn`.
    public var lsn: LSN
    public var xmin: UInt64
    public var xmax: UInt64
    public var xip: [UInt64]

    public init(lsn: LSN, xmin: UInt64, xmax: UInt64, xip: [UInt64]) {
        self.lsn = lsn
        self.xmin = xmin
        self.xmax = xmax
        self.xip = xip
    }

    /// Parses `pg_current_snapshot()`'s `xmin:xmax:xip,…` text.
    public init?(lsn: LSN, snapshotText: String) {
        let parts = snapshotText.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let xmin = UInt64(parts[0]), let xmax = UInt64(parts[1]) else { return nil }
        let xip = parts[2].split(separator: ",").compactMap { UInt64($0) }
        self.init(lsn: lsn, xmin: xmin, xmax: xmax, xip: xip)
    }

    /// Whether the snapshot saw transaction `xid`'s writes (the 32-bit xid of a Begin message).
    public func sees(xid: UInt32) -> Bool {
        let full = (xmin & ~0xFFFF_FFFF) | UInt64(xid)
        if full < xmin { return true }
        if full >= xmax { return false }
        return !xip.contains(full)
    }
}

/// Where states live: a table in the warehouse, written in the same transaction as the rows it covers,
/// so a state can never be ahead of `raw`.
struct WarehouseStateStore {
    static let table = "\"_airbyte_internal\".\"eltop_sync_state\""
    let warehouse: PGConnection
    let connectionId: String

    func prepare() async throws {
        // "already exists, skipping" notices would reach stderr, which is the terminal under eltop.
        _ = try await warehouse.query("SET client_min_messages = warning")
        _ = try await warehouse.query("CREATE SCHEMA IF NOT EXISTS \"_airbyte_internal\"")
        _ = try await warehouse.query(
            "CREATE TABLE IF NOT EXISTS \(Self.table) (connection_id text PRIMARY KEY, state jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())")
    }

    func load() async throws -> SyncState? {
        let result = try await warehouse.query("SELECT state::text FROM \(Self.table) WHERE connection_id = $1", [connectionId])
        guard let text = result.rows.first?[0] else { return nil }
        return try JSONDecoder().decode(SyncState.self, from: Data(text.utf8))
    }

    /// Saves `state` in the caller's open transaction.
    func save(_ state: SyncState) async throws {
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        _ = try await warehouse.query(
            "INSERT INTO \(Self.table) (connection_id, state) VALUES ($1, $2::jsonb) ON CONFLICT (connection_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()",
            [connectionId, json])
    }

    func clear() async throws {
        _ = try await warehouse.query("DELETE FROM \(Self.table) WHERE connection_id = $1", [connectionId])
    }
}
