import EltopCore
import EltopSnowflake
import Foundation

/// A Snowflake warehouse as Airbyte's destinations v2 writes it: the final table `RAW.ELTOP_PROBE` with
/// uppercase columns, `_AIRBYTE_META` a VARIANT holding `sync_id`, the CDC columns `_AB_CDC_LSN` and
/// `_AB_CDC_DELETED_AT`. Both statements scan data, so they run in the configured virtual warehouse,
/// which resumes for them: the reducer asks for one only after a sync or transform ends.
struct SnowflakeProbeWarehouse: ProbeWarehouse {
    let client: Result<SnowflakeClient, any Error>
    let database: String?
    let virtualWarehouse: String?
    let role: String?

    private var context: SnowflakeContext { SnowflakeContext(database: database, warehouse: virtualWarehouse, role: role) }

    /// Under Append raw holds every change of a key, under Append + Deduped one: the latest by LSN counts
    /// either way. `_AB_CDC_DELETED_AT` is a string in the source's schema, so it is cast (a timestamp
    /// column casts to itself).
    func rawRows(_ table: ProbeTableName, ids: [Int64]) async throws -> (rows: [RawProbeRow], query: String) {
        let query = """
            SELECT ID, NOTE, _AB_CDC_LSN AS LSN, _AB_CDC_DELETED_AT::TIMESTAMP_TZ AS DELETED_AT,
              _AIRBYTE_META:sync_id::NUMBER AS SYNC_ID, _AIRBYTE_EXTRACTED_AT AS EXTRACTED_AT
            FROM \(name(table)) WHERE ID IN (\(Self.list(ids)))
            QUALIFY ROW_NUMBER() OVER (PARTITION BY ID ORDER BY _AB_CDC_LSN DESC NULLS LAST, _AIRBYTE_EXTRACTED_AT DESC) = 1
            """
        let result = try await client.get().execute(query, context: context)
        let rows = result.records.compactMap { row -> RawProbeRow? in
            guard let id = row.int64("ID") else { return nil }
            return RawProbeRow(
                probeID: id, note: row.string("NOTE"), lsn: row.string("LSN"), deletedAt: row.date("DELETED_AT"), syncID: row.int64("SYNC_ID"),
                extractedAt: row.date("EXTRACTED_AT"))
        }
        return (rows, query)
    }

    func stagingRows(_ table: ProbeTableName, ids: [Int64]) async throws -> (rows: [StagingProbeRow], query: String) {
        let query = "SELECT ID, NOTE FROM \(name(table)) WHERE ID IN (\(Self.list(ids)))"
        let result = try await client.get().execute(query, context: context)
        let rows = result.records.compactMap { row in row.int64("ID").map { StagingProbeRow(probeID: $0, note: row.string("NOTE")) } }
        return (rows, query)
    }

    /// Snowflake's "does not exist or not authorized".
    func isMissingTable(_ error: Error) -> Bool {
        if case SnowflakeError.statementFailed(let code, _, _) = error { return code == SnowflakeWarehouse.objectMissingCode }
        return false
    }

    private func name(_ table: ProbeTableName) -> String { SnowflakeIdentifier.table(table.display, database: database) }

    /// The ids written into the statement: integers only, so nothing needs quoting.
    static func list(_ ids: [Int64]) -> String { ids.map(String.init).joined(separator: ", ") }
}
