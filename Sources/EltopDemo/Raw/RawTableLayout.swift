/// The layout of one `raw.<table>` as Airbyte's Destinations V2 Postgres destination writes it in
/// Incremental | Append + Deduped with CDC: the source columns (typed by `RawColumnType`), then the
/// Airbyte and CDC columns, one row per key.
///
/// Shared by the initial snapshot (`RawSnapshotCopy`) and the streaming applier (EltopReplication's `RawTableWriter`), so both write
/// the same table. Names are lower case, as the Postgres destination writes them.
public struct RawTableLayout: Sendable, Hashable {
    /// The Airbyte columns, in the order they follow the source columns.
    public enum AirbyteColumn: String, CaseIterable, Sendable {
        /// A uuid in text form per written record (the Postgres destination's column is varchar).
        case rawID = "_airbyte_raw_id"
        /// When the record was read from the source.
        case extractedAt = "_airbyte_extracted_at"
        /// `{"changes": [], "sync_id": N}`: the sync that wrote the row, and no field-level changes.
        case meta = "_airbyte_meta"
        /// The generation of the stream (0 until a refresh or reset bumps it).
        case generationID = "_airbyte_generation_id"
        /// The change's LSN as a number (`pg_lsn - '0/0'`); for snapshot rows the LSN the snapshot was
        /// taken at. numeric, not bigint: an LSN is an unsigned 64-bit value.
        case cdcLSN = "_ab_cdc_lsn"
        /// The commit time of the change; for snapshot rows the time of the snapshot.
        case cdcUpdatedAt = "_ab_cdc_updated_at"
        /// Set on a soft-deleted row (a delete kept as a tombstone); NULL otherwise.
        case cdcDeletedAt = "_ab_cdc_deleted_at"

        public var sqlType: String {
            switch self {
            case .rawID: return "text"
            case .extractedAt, .cdcUpdatedAt, .cdcDeletedAt: return "timestamp with time zone"
            case .meta: return "jsonb"
            case .generationID: return "bigint"
            case .cdcLSN: return "numeric"
            }
        }
    }

    public var schema: String
    public var table: String
    public var columns: [SourceColumn]

    public init(schema: String = "raw", table: String, columns: [SourceColumn]) {
        self.schema = schema
        self.table = table
        self.columns = columns
    }

    public var qualifiedName: String { "\(SQLName.quoted(schema)).\(SQLName.quoted(table))" }
    public var keyColumns: [SourceColumn] { columns.filter(\.isKey) }

    /// Every column of the raw table in order: source columns, then `AirbyteColumn.allCases`.
    public var allColumnNames: [String] { columns.map(\.name) + AirbyteColumn.allCases.map(\.rawValue) }

    /// `CREATE TABLE IF NOT EXISTS` for the raw table, with the key as primary key: Append + Deduped
    /// keeps one row per key, and the applier upserts on it (`ON CONFLICT`).
    public var createStatement: String {
        var lines = columns.map { "  \(SQLName.quoted($0.name)) \(RawColumnType.forSource($0.type).sqlType)" }
        lines += AirbyteColumn.allCases.map { column in
            let notNull = [.rawID, .extractedAt, .meta, .generationID].contains(column) ? " NOT NULL" : ""
            return "  \(column.rawValue) \(column.sqlType)\(notNull)"
        }
        if !keyColumns.isEmpty {
            lines.append("  PRIMARY KEY (\(keyColumns.map { SQLName.quoted($0.name) }.joined(separator: ", ")))")
        }
        return "CREATE TABLE IF NOT EXISTS \(qualifiedName) (\n\(lines.joined(separator: ",\n"))\n)"
    }

    /// The source columns converted from text: `textColumn(name)` gives the SQL text expression holding
    /// that column's source text form (a staging table's column, a parameter), in `columns` order.
    public func convertedSourceColumns(_ textColumn: (String) -> String) -> [String] {
        columns.map { RawColumnType.forSource($0.type).conversion(of: textColumn($0.name)) }
    }
}

/// Quoting of SQL identifiers, so tables and columns with any name are safe in generated SQL.
public enum SQLName {
    public static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A string literal (`'it''s'`), for the few values generated SQL embeds.
    public static func literal(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
