/// What the demo's Airbyte server (its `JobService`) calls to run one sync of one connection.
///
/// One call is one attempt: it snapshots tables that have no saved state yet, streams the slot up to the
/// server's WAL position at the start of the call, writes everything into `raw`, and saves the state
/// only after the rows it covers are committed. Cancel it by cancelling the calling task: what was
/// committed stays, what was not is read again next time, so nothing is lost or duplicated.
public protocol SyncEngine: Sendable {
    /// Runs one sync attempt. `progress` is called from the engine's task whenever counts change
    /// (at most a few times a second); it must not block.
    /// - Throws: `SyncFailure` for every failure a job should report; `CancellationError` when cancelled.
    func runSync(connection: SyncConnection, syncId: Int64, progress: @escaping @Sendable (SyncProgress) -> Void) async throws -> SyncOutcome

    /// Forgets the connection's saved state and empties its `raw` tables, so the next sync snapshots
    /// everything again (Airbyte's reset / clear).
    func reset(connection: SyncConnection) async throws
}

/// Everything one connection's sync needs: where to read, where to write, and Airbyte's options.
public struct SyncConnection: Sendable, Equatable {
    /// Identifies the saved state; Airbyte's connection id.
    public var connectionId: String
    /// libpq conninfo of the source database (a role with REPLICATION or superuser).
    public var sourceConninfo: String
    public var slotName: String
    public var publicationName: String
    /// libpq conninfo of the warehouse database that holds `rawSchema`.
    public var warehouseConninfo: String
    public var rawSchema: String
    public var lsnCommit: LSNCommitMode
    public var deletes: DeletionMode
    /// Airbyte's generation id, written to `_airbyte_generation_id`; a reset increments it.
    public var generationId: Int64

    public init(
        connectionId: String, sourceConninfo: String, slotName: String = "airbyte_slot", publicationName: String = "airbyte_publication",
        warehouseConninfo: String, rawSchema: String = "raw", lsnCommit: LSNCommitMode = .afterLoadingDestination,
        deletes: DeletionMode = .hard, generationId: Int64 = 0
    ) {
        self.connectionId = connectionId
        self.sourceConninfo = sourceConninfo
        self.slotName = slotName
        self.publicationName = publicationName
        self.warehouseConninfo = warehouseConninfo
        self.rawSchema = rawSchema
        self.lsnCommit = lsnCommit
        self.deletes = deletes
        self.generationId = generationId
    }
}

/// When the slot's confirmed position moves (Airbyte's "LSN commit behaviour").
public enum LSNCommitMode: String, Sendable, Equatable, Codable {
    /// Airbyte's default, "After loading Data in the destination": the slot is confirmed at the START of
    /// the next sync, to the position the previous sync committed and saved.
    case afterLoadingDestination
    /// "While reading Data": each committed batch is confirmed to the server as soon as it is in `raw`.
    case whileReading
}

/// How a CDC delete lands in an Append + Deduped final table.
public enum DeletionMode: String, Sendable, Equatable, Codable {
    /// The row is removed from `raw.<table>` (Airbyte's default).
    case hard
    /// The row stays, with `_ab_cdc_deleted_at` set (a tombstone).
    case soft
}

/// Counts for one stream (one source table) so far in this attempt.
public struct StreamProgress: Sendable, Equatable, Codable {
    public var namespace: String
    public var name: String
    public var recordsEmitted: Int64
    public var bytesEmitted: Int64
    public var recordsCommitted: Int64
    public var bytesCommitted: Int64

    public init(namespace: String, name: String, recordsEmitted: Int64 = 0, bytesEmitted: Int64 = 0, recordsCommitted: Int64 = 0, bytesCommitted: Int64 = 0) {
        self.namespace = namespace
        self.name = name
        self.recordsEmitted = recordsEmitted
        self.bytesEmitted = bytesEmitted
        self.recordsCommitted = recordsCommitted
        self.bytesCommitted = bytesCommitted
    }
}

/// A running attempt's counts, per stream and in total.
public struct SyncProgress: Sendable, Equatable, Codable {
    /// Streams sorted by namespace then name.
    public var streams: [StreamProgress]

    public init(streams: [StreamProgress]) { self.streams = streams }

    public var recordsEmitted: Int64 { streams.reduce(0) { $0 + $1.recordsEmitted } }
    public var bytesEmitted: Int64 { streams.reduce(0) { $0 + $1.bytesEmitted } }
    public var recordsCommitted: Int64 { streams.reduce(0) { $0 + $1.recordsCommitted } }
    public var bytesCommitted: Int64 { streams.reduce(0) { $0 + $1.bytesCommitted } }
}

/// What a finished attempt did.
public struct SyncOutcome: Sendable, Equatable, Codable {
    public var syncId: Int64
    public var progress: SyncProgress
    /// Tables loaded from a snapshot in this attempt (first sync, a table new to the publication, after a reset).
    public var snapshottedTables: [String]
    /// The position the stream started from, and the Commit end LSN saved as the new state ("0/0" if none).
    public var startLSN: String
    public var savedLSN: String

    public init(syncId: Int64, progress: SyncProgress, snapshottedTables: [String], startLSN: String, savedLSN: String) {
        self.syncId = syncId
        self.progress = progress
        self.snapshottedTables = snapshottedTables
        self.startLSN = startLSN
        self.savedLSN = savedLSN
    }
}
