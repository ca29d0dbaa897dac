import EltopCore
import EltopPostgres
import Foundation

/// The warehouse side of the tracer: the in-flight probes' rows in raw and in staging, by key, and
/// nothing else. Bounded: `WHERE id = ANY(...)` over a handful of ids, one statement per layer.
protocol ProbeWarehouse: Sendable {
    func rawRows(_ table: ProbeTableName, ids: [Int64]) async throws -> (rows: [RawProbeRow], query: String)
    func stagingRows(_ table: ProbeTableName, ids: [Int64]) async throws -> (rows: [StagingProbeRow], query: String)
    /// True when the error says the table does not exist (raw missing fails the trips; staging missing is a wait).
    func isMissingTable(_ error: Error) -> Bool
}

/// A Postgres warehouse (the demo's): raw may hold several changes per key under Append, so the latest
/// per key is the one that counts, as the staging model's `cdc_current_rows` reads it.
struct PostgresProbeWarehouse: ProbeWarehouse {
    let connection: PGConnection

    func rawRows(_ table: ProbeTableName, ids: [Int64]) async throws -> (rows: [RawProbeRow], query: String) {
        let query = """
            SELECT DISTINCT ON (id) id::text, note, _ab_cdc_lsn::text, extract(epoch FROM _ab_cdc_deleted_at::timestamptz)::text,
              _airbyte_meta->>'sync_id', extract(epoch FROM _airbyte_extracted_at)::text
            FROM \(table.quoted) WHERE id = ANY($1::bigint[])
            ORDER BY id, _ab_cdc_lsn DESC NULLS LAST, _airbyte_extracted_at DESC
            """
        let result = try await connection.query(query, [Self.array(ids)])
        let rows = result.rows.compactMap { row -> RawProbeRow? in
            guard row.count == 6, let id = row[0].flatMap({ Int64($0) }) else { return nil }
            return RawProbeRow(
                probeID: id, note: row[1], lsn: row[2], deletedAt: Self.date(row[3]), syncID: row[4].flatMap { Int64($0) },
                extractedAt: Self.date(row[5]))
        }
        return (rows, query)
    }

    func stagingRows(_ table: ProbeTableName, ids: [Int64]) async throws -> (rows: [StagingProbeRow], query: String) {
        let query = "SELECT id::text, note FROM \(table.quoted) WHERE id = ANY($1::bigint[])"
        let result = try await connection.query(query, [Self.array(ids)])
        let rows = result.rows.compactMap { row -> StagingProbeRow? in
            guard row.count == 2, let id = row[0].flatMap({ Int64($0) }) else { return nil }
            return StagingProbeRow(probeID: id, note: row[1])
        }
        return (rows, query)
    }

    func isMissingTable(_ error: Error) -> Bool { (error as? PGError)?.sqlState == "42P01" }

    static func array(_ ids: [Int64]) -> String { "{" + ids.map(String.init).joined(separator: ",") + "}" }

    static func date(_ text: String?) -> Date? { text.flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) }
}
