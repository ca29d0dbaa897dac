import EltopPostgres
import Foundation

/// The initial snapshot of published tables into `raw.<table>` in Airbyte's layout: what Airbyte's
/// first CDC sync writes before it starts reading the slot.
///
/// All tables are read in one REPEATABLE READ transaction on the source, optionally at a snapshot
/// exported when the replication slot was created, so the rows match the slot's starting point and the
/// stream that follows neither misses nor repeats a change. Each table is copied as text (COPY TO), staged
/// in a temporary text table in the warehouse (COPY FROM) and converted with `RawColumnType`'s SQL in one
/// INSERT; each table is replaced in its own warehouse transaction, so a failure leaves every table either
/// as it was or fully loaded.
public struct RawSnapshotLoader: Sendable {
    /// Where the snapshot is taken.
    public struct SnapshotPoint: Sendable {
        /// A snapshot exported by `CREATE_REPLICATION_SLOT … EXPORT_SNAPSHOT` (nil: a new snapshot now).
        public var exportedSnapshot: String?
        /// The LSN written into `_ab_cdc_lsn` of every snapshot row (nil: `pg_current_wal_lsn()` at the start).
        public var lsn: String?

        public init(exportedSnapshot: String? = nil, lsn: String? = nil) {
            self.exportedSnapshot = exportedSnapshot
            self.lsn = lsn
        }
    }

    /// What one table's load did.
    public struct TableResult: Sendable, Equatable {
        public var table: QualifiedTable
        public var rows: Int
        public var bytes: Int
    }

    public let source: PGConnection
    public let warehouse: PGConnection
    public let rawSchema: String

    /// - Parameters: `source` may be read-only; `warehouse` must be a writable session.
    public init(source: PGConnection, warehouse: PGConnection, rawSchema: String = "raw") {
        self.source = source
        self.warehouse = warehouse
        self.rawSchema = rawSchema
    }

    /// Loads `tables` for sync `syncID`, replacing what their raw tables held. Returns one result per table.
    public func load(tables: [QualifiedTable], syncID: Int64, generationID: Int64 = 0, at point: SnapshotPoint = SnapshotPoint()) async throws -> [TableResult] {
        try await source.execute(script: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            if let snapshot = point.exportedSnapshot {
                try await source.execute(script: "SET TRANSACTION SNAPSHOT \(SQLName.literal(snapshot))")
            }
            let position = try await source.query(
                "SELECT (coalesce($1::pg_lsn, pg_current_wal_lsn()) - '0/0'::pg_lsn)::text, now()::text", [point.lsn])
            guard let lsn = position.rows.first?[0], let snapshotTime = position.rows.first?[1] else {
                throw SourceCatalogError(message: "the source returned no WAL position")
            }
            try await warehouse.execute(script: "CREATE SCHEMA IF NOT EXISTS \(SQLName.quoted(rawSchema))")
            let catalog = SourceCatalog(connection: source)
            var results: [TableResult] = []
            for table in tables {
                let layout = RawTableLayout(schema: rawSchema, table: table.name, columns: try await catalog.columns(of: table))
                let data = try await source.copyOut(
                    "COPY \(table.quoted) (\(layout.columns.map { SQLName.quoted($0.name) }.joined(separator: ", "))) TO STDOUT")
                let rows = try await replace(layout, with: data, stamp: RowStamp(lsn: lsn, time: snapshotTime, syncID: syncID, generationID: generationID))
                results.append(TableResult(table: table, rows: rows, bytes: data.count))
            }
            try await source.execute(script: "COMMIT")
            return results
        } catch {
            try? await source.execute(script: "ROLLBACK")
            throw error
        }
    }

    /// The Airbyte columns' values shared by every row of the snapshot.
    private struct RowStamp {
        var lsn: String, time: String, syncID: Int64, generationID: Int64
    }

    private func replace(_ layout: RawTableLayout, with data: Data, stamp: RowStamp) async throws -> Int {
        let stage = SQLName.quoted("eltop_stage_\(layout.table)")
        let stageColumns = layout.columns.map { "\(SQLName.quoted($0.name)) text" }.joined(separator: ", ")
        let converted = layout.convertedSourceColumns { "s.\(SQLName.quoted($0))" }
        let meta = "jsonb_build_object('changes', '[]'::jsonb, 'sync_id', \(stamp.syncID))"
        let airbyteValues = [
            "gen_random_uuid()::text", "now()", meta, "\(stamp.generationID)", "\(stamp.lsn)::numeric",
            "\(SQLName.literal(stamp.time))::timestamptz", "NULL::timestamptz",
        ]
        try await warehouse.execute(script: "BEGIN")
        do {
            try await warehouse.execute(script: """
                \(layout.createStatement);
                CREATE TEMPORARY TABLE \(stage) (\(stageColumns)) ON COMMIT DROP;
                TRUNCATE \(layout.qualifiedName);
                """)
            try await warehouse.copyIn("COPY \(stage) FROM STDIN", data: data)
            let inserted = try await warehouse.query(
                """
                WITH written AS (
                  INSERT INTO \(layout.qualifiedName) (\(layout.allColumnNames.map(SQLName.quoted).joined(separator: ", ")))
                  SELECT \((converted + airbyteValues).joined(separator: ", ")) FROM \(stage) s RETURNING 1)
                SELECT count(*) FROM written
                """)
            try await warehouse.execute(script: "COMMIT")
            return Int(inserted.rows.first?[0] ?? "") ?? 0
        } catch {
            try? await warehouse.execute(script: "ROLLBACK")
            throw error
        }
    }
}
