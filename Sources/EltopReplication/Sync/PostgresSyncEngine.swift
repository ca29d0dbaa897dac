import EltopPostgres

/// The sync engine of the demo's Airbyte: a Postgres CDC source read over the streaming replication
/// protocol, a Postgres warehouse written as Destinations V2 Append + Deduped.
///
/// Each attempt opens its own connections and lets them go when it returns, however it returns: the
/// connections close in their deinit, so a failed or cancelled attempt leaves the slot inactive.
public struct PostgresSyncEngine: SyncEngine {
    /// Rows per warehouse transaction (whole source transactions are never split).
    public var batchRows: Int
    /// How long a stream may stay silent before the attempt fails as transient.
    public var silenceLimitMilliseconds: Int

    public init(batchRows: Int = 5000, silenceLimitMilliseconds: Int = 30_000) {
        self.batchRows = batchRows
        self.silenceLimitMilliseconds = silenceLimitMilliseconds
    }

    public func runSync(connection: SyncConnection, syncId: Int64, progress: @escaping @Sendable (SyncProgress) -> Void) async throws -> SyncOutcome {
        let warehouse = PGConnection(conninfo: connection.warehouseConninfo, settings: .init(applicationName: "eltop-sync-destination", statementTimeoutMilliseconds: 300_000, readOnly: false))
        let source = PGConnection(conninfo: connection.sourceConninfo, settings: .init(applicationName: "eltop-sync-source", statementTimeoutMilliseconds: 300_000))
        let replication = ReplicationConnection(conninfo: connection.sourceConninfo, applicationName: "eltop-sync-\(connection.connectionId.prefix(20))")
        let store = WarehouseStateStore(warehouse: warehouse, connectionId: connection.connectionId)
        var state = try await FailureClassifier.attributing(.destination, "reading the saved state") { () async throws -> SyncState? in
            try await store.prepare()
            return try await store.load()
        } ?? SyncState()

        let slot = try await SourceChecks.slot(connection, source: source)
        try await SourceChecks.publication(connection, source: source)
        if let saved = state.lsn, slot.confirmed > saved {
            throw SyncFailure(
                origin: .source, type: .configError,
                externalMessage: "Saved offset is before replication slot's confirmed lsn. Please reset the connection, and then increase WAL retention and/or increase sync frequency to prevent this from happening in the future.",
                internalMessage: "saved offset \(saved) < confirmed_flush_lsn \(slot.confirmed) of slot \(connection.slotName)")
        }
        let tables = try await FailureClassifier.attributing(.source, "reading the publication's tables") {
            try await PublicationCatalog.tables(publication: connection.publicationName, source: source)
        }
        if let keyless = tables.first(where: { $0.keyIndices.isEmpty }) {
            throw SyncFailure(origin: .source, type: .configError, externalMessage: "Table \(keyless.qualifiedName) has no primary key: Append + Deduped needs one. Add a primary key or remove it from \(connection.publicationName).")
        }
        let writers = Dictionary(uniqueKeysWithValues: tables.map { ($0.qualifiedName, RawTableWriter(table: $0, schema: connection.rawSchema, deletes: connection.deletes)) })
        var counter = StreamProgressCounter(tables: tables)
        let sink = DestinationSink(warehouse: warehouse, store: store, syncId: syncId, generationId: connection.generationId)

        let identity = try await FailureClassifier.attributing(.source, "opening the replication connection") { try await replication.identifySystem() }
        // IDENTIFY_SYSTEM's xlogpos is the WAL flushed so far; a transaction committed with
        // synchronous_commit = off may not even be written yet (seen: xlogpos on a page boundary, the
        // commit 2 KB past it), so the insert position counts too: a sync then includes every change
        // committed before it started, and waits the few hundred ms until the WAL writer flushes it.
        let written = try await FailureClassifier.attributing(.source, "reading the WAL position") { () async throws -> LSN in
            let text = try await source.query("SELECT pg_current_wal_insert_lsn()::text").rows.first?.first ?? nil
            return text.flatMap { LSN($0) } ?? .zero
        }
        let target = max(LSN(identity.xlogpos), written)
        let start = state.lsn ?? slot.confirmed
        if state.lsn == nil { state.lsn = start }

        // New tables (first sync, added to the publication, after a reset) are loaded from one snapshot.
        let unsnapshotted = tables.filter { state.snapshots[$0.qualifiedName] == nil }
        let loader = SnapshotLoader(source: source, writer: { writers[$0.qualifiedName]! })
        let snapshotted = try await loader.load(unsnapshotted, into: sink, state: &state) { table, records, bytes, isCommitted in
            if isCommitted { counter.committed(table.qualifiedName, records: records, bytes: bytes) } else { counter.emitted(table.qualifiedName, records: records, bytes: bytes) }
        }
        if !snapshotted.isEmpty { progress(counter.progress) }

        try await FailureClassifier.attributing(.source, "starting replication from \(connection.slotName)") {
            try await replication.startLogicalReplication(
                slot: connection.slotName, from: start.value, options: ["proto_version": "1", "publication_names": connection.publicationName])
            // Airbyte's default: the slot learns at the start of this sync what the previous one committed.
            try await replication.sendStandbyStatus(written: start.value, flushed: start.value, applied: start.value)
        }
        let streamer = SlotStreamer(
            replication: replication, sink: sink, tables: Dictionary(uniqueKeysWithValues: tables.map { ($0.qualifiedName, $0) }), writers: writers,
            lsnCommit: connection.lsnCommit, batchRows: batchRows, silenceLimitMilliseconds: silenceLimitMilliseconds)
        let saved: LSN
        if target > start {
            saved = try await streamer.run(from: start, to: target, state: &state, counter: &counter, report: progress)
        } else {
            saved = start
        }
        try await FailureClassifier.attributing(.source, "ending the replication stream") { try await replication.stopStreaming() }
        await replication.close()
        progress(counter.progress)
        return SyncOutcome(syncId: syncId, progress: counter.progress, snapshottedTables: snapshotted, startLSN: start.description, savedLSN: saved.description)
    }

    public func reset(connection: SyncConnection) async throws {
        let warehouse = PGConnection(conninfo: connection.warehouseConninfo, settings: .init(applicationName: "eltop-sync-reset", readOnly: false))
        let source = PGConnection(conninfo: connection.sourceConninfo, settings: .init(applicationName: "eltop-sync-reset"))
        let tables = (try? await PublicationCatalog.tables(publication: connection.publicationName, source: source)) ?? []
        try await FailureClassifier.attributing(.destination, "resetting the connection") {
            let store = WarehouseStateStore(warehouse: warehouse, connectionId: connection.connectionId)
            try await store.prepare()
            _ = try await warehouse.query("BEGIN")
            do {
                for table in tables {
                    _ = try await warehouse.query("DROP TABLE IF EXISTS \(quoteIdentifier(connection.rawSchema)).\(quoteIdentifier(table.name))")
                }
                try await store.clear()
                _ = try await warehouse.query("COMMIT")
            } catch {
                _ = try? await warehouse.query("ROLLBACK")
                throw error
            }
        }
    }
}
