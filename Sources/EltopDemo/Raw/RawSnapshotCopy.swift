import EltopPostgres
import Foundation

/// One table of the initial snapshot into `raw.<table>` in Airbyte's layout: COPY out of the source as
/// text, COPY into a temporary text table in the warehouse, converted with `RawColumnType`'s SQL in one
/// INSERT. The sync engine's snapshot (EltopReplication) calls it for every table that has none yet.
///
/// It takes no transaction of its own: the caller reads every table inside one REPEATABLE READ source
/// transaction (one consistent snapshot) and replaces each table inside the warehouse transaction that
/// also saves the sync's state, so a table is either as it was or fully loaded with its state.
public enum RawSnapshotCopy {
    /// The Airbyte columns' values shared by every row of one table's snapshot.
    public struct Stamp: Sendable {
        /// `_ab_cdc_lsn`: the snapshot's WAL position as a number (`pg_lsn - '0/0'`).
        public var lsn: UInt64
        /// `_ab_cdc_updated_at`: when the snapshot was taken, as timestamptz text.
        public var time: String
        public var syncID: Int64
        public var generationID: Int64

        public init(lsn: UInt64, time: String, syncID: Int64, generationID: Int64) {
            self.lsn = lsn
            self.time = time
            self.syncID = syncID
            self.generationID = generationID
        }
    }

    /// The table's rows in COPY's text format, one line per row, read in the caller's transaction.
    public static func read(_ layout: RawTableLayout, table: QualifiedTable, from source: PGConnection) async throws -> Data {
        try await source.copyOut("COPY \(table.quoted) (\(layout.columns.map { SQLName.quoted($0.name) }.joined(separator: ", "))) TO STDOUT")
    }

    /// How many rows `data` (COPY text) holds: COPY escapes newlines inside values, so one per line.
    public static func rowCount(_ data: Data) -> Int {
        data.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// Creates the raw table when missing and replaces its rows with `data`, in the caller's open
    /// warehouse transaction. Returns the rows written.
    public static func replace(_ layout: RawTableLayout, with data: Data, stamp: Stamp, on warehouse: PGConnection) async throws -> Int {
        let stage = SQLName.quoted("eltop_stage_\(layout.table)")
        let stageColumns = layout.columns.map { "\(SQLName.quoted($0.name)) text" }.joined(separator: ", ")
        let converted = layout.convertedSourceColumns { "s.\(SQLName.quoted($0))" }
        let meta = "jsonb_build_object('changes', '[]'::jsonb, 'sync_id', \(stamp.syncID))"
        let airbyteValues = [
            "gen_random_uuid()::text", "now()", meta, "\(stamp.generationID)", "\(stamp.lsn)::numeric",
            "\(SQLName.literal(stamp.time))::timestamptz", "NULL::timestamptz",
        ]
        try await warehouse.execute(script: """
            CREATE SCHEMA IF NOT EXISTS \(SQLName.quoted(layout.schema));
            \(layout.createStatement);
            CREATE TEMPORARY TABLE \(stage) (\(stageColumns)) ON COMMIT DROP;
            TRUNCATE \(layout.qualifiedName);
            """)
        _ = try await warehouse.copyIn("COPY \(stage) FROM STDIN", data: data)
        let inserted = try await warehouse.query(
            """
            WITH written AS (
              INSERT INTO \(layout.qualifiedName) (\(layout.allColumnNames.map(SQLName.quoted).joined(separator: ", ")))
              SELECT \((converted + airbyteValues).joined(separator: ", ")) FROM \(stage) s RETURNING 1)
            SELECT count(*) FROM written
            """)
        return Int(inserted.rows.first?[0] ?? "") ?? 0
    }
}
