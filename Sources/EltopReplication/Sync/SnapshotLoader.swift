import EltopDemo
import EltopPostgres

/// The initial load of tables into `raw`, all read at one consistent snapshot of the source.
///
/// The rows carry the snapshot's WAL position as `_ab_cdc_lsn`; the snapshot itself is kept in the
/// state, so the stream that follows skips the changes it already holds and applies those it does not,
/// even when a transaction wrote before the snapshot and committed after it.
struct SnapshotLoader {
    let source: PGConnection
    let writer: (SourceTable) -> RawTableWriter

    /// Reads every table in `tables` at one snapshot and replaces its `raw` table, one warehouse
    /// transaction per table that also saves the state naming the table as snapshotted.
    func load(
        _ tables: [SourceTable], into sink: DestinationSink, state: inout SyncState, counts: (SourceTable, Int64, Int64, Bool) -> Void
    ) async throws -> [String] {
        guard !tables.isEmpty else { return [] }
        let (snapshot, time) = try await FailureClassifier.attributing(.source, "starting the snapshot") { () async throws -> (TableSnapshot, String) in
            _ = try await source.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            let row = try await source.query("SELECT pg_current_snapshot()::text, pg_current_wal_insert_lsn()::text, now()::text").rows.first
            guard let text = row?[0], let lsnText = row?[1], let lsn = LSN(lsnText), let snapshot = TableSnapshot(lsn: lsn, snapshotText: text),
                let time = row?[2]
            else {
                throw SyncFailure(origin: .source, type: .systemError, externalMessage: "The source answered an unreadable snapshot")
            }
            return (snapshot, time)
        }
        do {
            let loaded = try await loadRows(of: tables, at: snapshot, taken: time, into: sink, state: &state, counts: counts)
            _ = try await FailureClassifier.attributing(.source, "ending the snapshot") { try await source.query("COMMIT") }
            return loaded
        } catch {
            _ = try? await source.query("ROLLBACK")
            throw error
        }
    }

    private func loadRows(
        of tables: [SourceTable], at snapshot: TableSnapshot, taken time: String, into sink: DestinationSink, state: inout SyncState,
        counts: (SourceTable, Int64, Int64, Bool) -> Void
    ) async throws -> [String] {
        var loaded: [String] = []
        for table in tables {
            let w = writer(table)
            let layout = w.layout
            let data = try await FailureClassifier.attributing(.source, "reading \(table.qualifiedName) for the snapshot") {
                try await RawSnapshotCopy.read(layout, table: QualifiedTable(schema: table.namespace, name: table.name), from: source)
            }
            let rows = Int64(RawSnapshotCopy.rowCount(data)), bytes = Int64(data.count)
            counts(table, rows, bytes, false)
            state.snapshots[table.qualifiedName] = snapshot
            let stamp = RawSnapshotCopy.Stamp(lsn: snapshot.lsn.value, time: time, syncID: sink.syncId, generationID: sink.generationId)
            try await sink.commit(state: state) { warehouse in
                _ = try await RawSnapshotCopy.replace(layout, with: data, stamp: stamp, on: warehouse)
            }
            counts(table, rows, bytes, true)
            loaded.append(table.qualifiedName)
        }
        return loaded
    }
}
