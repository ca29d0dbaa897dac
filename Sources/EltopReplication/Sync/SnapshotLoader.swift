import EltopPostgres
import Foundation

/// The initial load of tables into `raw`, all read at one consistent snapshot of the source.
///
/// The rows carry the snapshot's WAL position as `_ab_cdc_lsn`; the snapshot itself is kept in the
/// state, so the stream that follows skips the changes it already holds and applies those it does not,
/// even when a transaction wrote before the snapshot and committed after it.
struct SnapshotLoader {
    let source: PGConnection
    let writer: (SourceTable) -> RawTableWriter
    let batchRows: Int

    /// Reads every table in `tables` at one snapshot and replaces its `raw` table, one warehouse
    /// transaction per table that also saves the state naming the table as snapshotted.
    func load(
        _ tables: [SourceTable], into sink: DestinationSink, state: inout SyncState, counts: (SourceTable, Int64, Int64, Bool) -> Void
    ) async throws -> [String] {
        guard !tables.isEmpty else { return [] }
        let snapshot = try await FailureClassifier.attributing(.source, "starting the snapshot") { () async throws -> TableSnapshot in
            _ = try await source.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            let row = try await source.query("SELECT pg_current_snapshot()::text, pg_current_wal_insert_lsn()::text").rows.first
            guard let text = row?[0], let lsnText = row?[1], let lsn = LSN(lsnText), let snapshot = TableSnapshot(lsn: lsn, snapshotText: text) else {
                throw SyncFailure(origin: .source, type: .systemError, externalMessage: "The source answered an unreadable snapshot")
            }
            return snapshot
        }
        do {
            let loaded = try await loadRows(of: tables, at: snapshot, into: sink, state: &state, counts: counts)
            _ = try await FailureClassifier.attributing(.source, "ending the snapshot") { try await source.query("COMMIT") }
            return loaded
        } catch {
            _ = try? await source.query("ROLLBACK")
            throw error
        }
    }

    private func loadRows(
        of tables: [SourceTable], at snapshot: TableSnapshot, into sink: DestinationSink, state: inout SyncState,
        counts: (SourceTable, Int64, Int64, Bool) -> Void
    ) async throws -> [String] {
        var loaded: [String] = []
        let commitTime = postgresNowMicroseconds()
        for table in tables {
            let columns = table.columns.map { "\(quoteIdentifier($0.name))::text" }.joined(separator: ", ")
            let rows = try await FailureClassifier.attributing(.source, "reading \(table.qualifiedName) for the snapshot") {
                try await source.query("SELECT \(columns) FROM \(quoteIdentifier(table.namespace)).\(quoteIdentifier(table.name))").rows
            }
            let changes = rows.map { row in
                RowChange(operation: .upsert, lsn: snapshot.lsn, commitTime: commitTime, values: row.map { $0.map(Tuple.Value.text) ?? .null })
            }
            let bytes = rows.reduce(Int64(0)) { total, row in total + row.reduce(Int64(0)) { $0 + Int64($1?.utf8.count ?? 0) } }
            counts(table, Int64(changes.count), bytes, false)
            state.snapshots[table.qualifiedName] = snapshot
            let w = writer(table)
            try await sink.commit(state: state) { warehouse in
                for statement in w.createStatements { _ = try await warehouse.query(statement) }
                _ = try await warehouse.query("TRUNCATE \(w.qualifiedRawName)")
                var start = 0
                while start < changes.count {
                    let end = min(start + batchRows, changes.count)
                    try await sink.apply(Array(changes[start..<end]), with: w)
                    start = end
                }
            }
            counts(table, Int64(changes.count), bytes, true)
            loaded.append(table.qualifiedName)
        }
        return loaded
    }
}

/// µs since 2000-01-01 UTC, the protocol's clock, for rows that have no commit time of their own.
func postgresNowMicroseconds() -> Int64 {
    Int64((Date().timeIntervalSince1970 - 946_684_800) * 1_000_000)
}
