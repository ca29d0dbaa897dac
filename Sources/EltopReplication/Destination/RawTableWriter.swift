import EltopDemo
import EltopPostgres

/// Writes one source table's changes into `raw.<table>` as Airbyte's Destinations V2 Append + Deduped
/// does: one row per primary key with the Airbyte columns, hard or soft deletes.
///
/// A batch is one statement with one JSON parameter: a CTE decodes the rows and converts each text
/// value with the type table's SQL (`RawColumnType`, shared with the snapshot), then updates the rows that exist, deletes, and inserts the rest.
/// A change is applied only when it is not older than the row (`_ab_cdc_lsn`), so replaying a stream is
/// harmless; the only exception is a transaction the table's snapshot did not see (see `RowChange`).
public struct RawTableWriter: Sendable {
    public let table: SourceTable
    public let schema: String
    public let deletes: DeletionMode
    private let types: [RawColumnType]

    public init(table: SourceTable, schema: String, deletes: DeletionMode) {
        self.table = table
        self.schema = schema
        self.deletes = deletes
        types = table.columns.map { RawColumnType.forSource($0.type) }
    }

    public var qualifiedRawName: String { "\(quoteIdentifier(schema)).\(quoteIdentifier(table.name))" }

    /// The raw table's layout: the same DDL the demo stage documents, with the key as primary key.
    public var layout: RawTableLayout { RawTableLayout(schema: schema, table: table.name, columns: table.columns) }

    /// The schema and the final table, created when missing.
    public var createStatements: [String] {
        ["CREATE SCHEMA IF NOT EXISTS \(quoteIdentifier(schema))", layout.createStatement]
    }

    /// The upsert statement; parameters: $1 the rows (see `encode`), $2 `_airbyte_meta`, $3 the generation id.
    public var applyStatement: String {
        let conversions = types.enumerated().map { i, type in "\(type.conversion(of: "(e->4)->>\(i)")) AS c\(i)" }.joined(separator: ", ")
        let names = table.columns.map { quoteIdentifier($0.name) }
        let keyMatch = table.keyIndices.map { "t.\(names[$0]) = x.c\($0)" }.joined(separator: " AND ")
        let newer = "(t._ab_cdc_lsn IS NULL OR t._ab_cdc_lsn <= x.lsn OR t._ab_cdc_lsn = x.snap)"
        let deletedAt = "CASE WHEN x.op = 'D' THEN x.ts END"
        let upsertOnly = deletes == .hard ? "x.op = 'U' AND " : ""
        let sets = names.enumerated().map { i, name in
            table.columns[i].isKey ? nil : "\(name) = CASE WHEN substr(x.u, \(i + 1), 1) = '1' THEN t.\(name) ELSE x.c\(i) END"
        }.compactMap { $0 } + [
            "_airbyte_raw_id = gen_random_uuid()::text", "_airbyte_extracted_at = now()", "_airbyte_meta = $2::jsonb",
            "_airbyte_generation_id = $3::bigint", "_ab_cdc_lsn = x.lsn", "_ab_cdc_updated_at = x.ts", "_ab_cdc_deleted_at = \(deletedAt)",
        ]
        let deleteCTE = deletes == .hard
            ? ", del AS (DELETE FROM \(qualifiedRawName) AS t USING x WHERE x.op = 'D' AND \(keyMatch) AND \(newer) RETURNING 1)" : ""
        let insertColumns = names + ["_airbyte_raw_id", "_airbyte_extracted_at", "_airbyte_meta", "_airbyte_generation_id", "_ab_cdc_lsn", "_ab_cdc_updated_at", "_ab_cdc_deleted_at"]
        let insertValues = names.indices.map { "x.c\($0)" } + ["gen_random_uuid()::text", "now()", "$2::jsonb", "$3::bigint", "x.lsn", "x.ts", deletedAt]
        return """
            WITH x AS (SELECT e->>0 AS op, (e->>1)::numeric AS lsn, \
            timestamptz '2000-01-01 00:00:00+00' + (e->>2)::bigint * interval '1 microsecond' AS ts, \
            (e->>3)::numeric AS snap, e->>5 AS u, \(conversions) FROM json_array_elements($1::json) AS e), \
            upd AS (UPDATE \(qualifiedRawName) AS t SET \(sets.joined(separator: ", ")) FROM x WHERE \(upsertOnly)\(keyMatch) AND \(newer) RETURNING 1)\(deleteCTE) \
            INSERT INTO \(qualifiedRawName) (\(insertColumns.joined(separator: ", "))) SELECT \(insertValues.joined(separator: ", ")) FROM x \
            WHERE \(upsertOnly)NOT EXISTS (SELECT 1 FROM \(qualifiedRawName) AS t WHERE \(keyMatch))
            """
    }

    /// `{"changes": [], "sync_id": N}`, as Airbyte writes `_airbyte_meta`.
    public static func meta(syncId: Int64) -> String { "{\"changes\": [], \"sync_id\": \(syncId)}" }

    /// The batch as the JSON array `applyStatement` reads: `[op, lsn, commit µs, snapshot LSN|null, [values], unchanged flags]`.
    public static func encode(_ changes: [RowChange]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(changes.count * 128)
        for (n, change) in changes.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array("[\"\(change.operation.rawValue)\",\(change.lsn.value),\(change.commitTime),".utf8))
            out.append(contentsOf: Array((change.overridesSnapshotLSN.map { String($0.value) } ?? "null").utf8))
            out.append(contentsOf: Array(",[".utf8))
            var flags = ""
            for (i, value) in change.values.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                switch value {
                case .text(let text): JSONText.appendString(text, to: &out); flags.append("0")
                case .null: out.append(contentsOf: Array("null".utf8)); flags.append("0")
                case .unchangedToast: out.append(contentsOf: Array("null".utf8)); flags.append("1")
                }
            }
            out.append(contentsOf: Array("],\"\(flags)\"]".utf8))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Applies a batch in the caller's open transaction on `warehouse`.
    public func apply(_ changes: [RowChange], syncId: Int64, generationId: Int64, on warehouse: PGConnection) async throws {
        guard !changes.isEmpty else { return }
        _ = try await warehouse.query(applyStatement, [Self.encode(changes), Self.meta(syncId: syncId), String(generationId)])
    }
}

func quoteIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

func quoteLiteral(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}
