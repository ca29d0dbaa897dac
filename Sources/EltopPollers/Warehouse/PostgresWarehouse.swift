import EltopCore
import EltopPostgres
import Foundation

/// A PostgreSQL warehouse through libpq: planner statistics for every table, `count(*)` for the ones
/// small enough that counting is cheap.
///
/// `pg_class.reltuples` (what ANALYZE last saw; -1 when never analysed) and
/// `pg_stat_user_tables.n_live_tup` (maintained by every write) cost nothing to read. A table whose
/// estimate is at most `exactCountMaxRows` is counted exactly; larger ones show the estimate, marked
/// as one. Views have no statistics and are always counted, under the session's statement timeout.
struct PostgresWarehouse: Warehouse {
    let kind = WarehouseKind.postgres
    let connection: PGConnection
    let exactCountMaxRows: Int64

    private static let catalogQuery = """
        SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
               c.reltuples::bigint AS reltuples, s.n_live_tup,
               CASE WHEN c.relkind IN ('r','p','m') THEN pg_total_relation_size(c.oid) END AS bytes
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.relkind IN ('r','p','v','m') AND lower(n.nspname) = ANY($1::text[])
        ORDER BY 1, 2
        """

    func tables(in schemas: [String]) async throws -> WarehouseTableList {
        let wanted = schemas.map { $0.lowercased() }
        let array = PostgresArray.literal(wanted)
        let present = try await connection.query("SELECT lower(nspname) AS name FROM pg_namespace WHERE lower(nspname) = ANY($1::text[])", [array])
        let found = Set(present.records.compactMap { $0["name"] })
        var tables: [WarehouseTable] = []
        for record in try await connection.query(Self.catalogQuery, [array]).records {
            guard let schema = record["schema"], let name = record["name"] else { continue }
            let estimate = Self.estimate(reltuples: record.int64("reltuples"), liveTuples: record.int64("n_live_tup"))
            var table = WarehouseTable(schema: schema, name: name, rows: estimate, rowsEstimated: true, bytes: record.int64("bytes"), lastAltered: nil)
            if record["kind"] == "v" || estimate.map({ $0 <= exactCountMaxRows }) ?? true {
                do {
                    table.rows = try await exactCount(schema: schema, name: name)
                    table.rowsEstimated = false
                } catch let error as PGError where error.sqlState == "42P01" {
                    continue  // dropped between the catalog query and the count
                }
            }
            tables.append(table)
        }
        return WarehouseTableList(tables: tables, missingSchemas: schemas.filter { !found.contains($0.lowercased()) })
    }

    func freshness(of tables: [WarehouseTable]) async throws -> [String: TableFreshness] {
        let withColumn = try await connection.query(
            "SELECT table_schema AS schema, table_name AS name FROM information_schema.columns WHERE column_name = $1",
            [airbyteExtractedAtColumn])
        let keys = Set(withColumn.records.compactMap { r in r["schema"].flatMap { s in r["name"].map { "\(s).\($0)".lowercased() } } })
        var result: [String: TableFreshness] = [:]
        for table in tables where keys.contains(table.key) {
            let sql = "SELECT extract(epoch FROM max(\(airbyteExtractedAtColumn)))::float8 AS epoch FROM \(Self.qualified(table.schema, table.name))"
            do {
                let epoch = try await connection.query(sql).records.first?.double("epoch")
                result[table.key] = TableFreshness(extractedAt: epoch.map(Date.init(timeIntervalSince1970:)), lastAltered: nil)
            } catch let error as PGError where error.sqlState == "42P01" {
                continue
            }
        }
        return result
    }

    /// reltuples when ANALYZE has run (≥ 0), else the live-tuple counter; nil when neither is known.
    static func estimate(reltuples: Int64?, liveTuples: Int64?) -> Int64? {
        if let reltuples, reltuples >= 0 { return max(reltuples, liveTuples ?? 0) }
        return liveTuples
    }

    private func exactCount(schema: String, name: String) async throws -> Int64? {
        try await connection.query("SELECT count(*) AS n FROM \(Self.qualified(schema, name))").records.first?.int64("n")
    }

    /// `"schema"."name"` with embedded quotes doubled: names come from the catalog, never from input.
    static func qualified(_ schema: String, _ name: String) -> String {
        [schema, name].map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ".")
    }
}

/// A text[] literal for a `$1::text[]` parameter.
enum PostgresArray {
    static func literal(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "}"
    }
}
