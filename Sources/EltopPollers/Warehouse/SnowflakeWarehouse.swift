import EltopCore
import EltopSnowflake
import Foundation

/// Snowflake through the SQL API, spending credits only where it must.
///
/// Row counts come from `SHOW TABLES IN SCHEMA`, a metadata operation served by the cloud services
/// layer: no virtual warehouse resumes for it. Freshness (`MAX(_AIRBYTE_EXTRACTED_AT)`) scans data
/// and so runs in `warehouse`; the tables that have the column are found with `SHOW COLUMNS`, again
/// metadata only, and `LAST_ALTERED` comes with it from INFORMATION_SCHEMA.TABLES in the same
/// warehouse-backed pass. See docs/warehouse.md for the costs.
struct SnowflakeWarehouse: Warehouse {
    let kind = WarehouseKind.snowflake
    let client: SnowflakeClient
    let database: String?
    let virtualWarehouse: String?
    let role: String?

    /// Snowflake's "does not exist or not authorized" (schema or table).
    static let objectMissingCode = "002003"

    private var context: SnowflakeContext { SnowflakeContext(database: database, role: role) }

    func tables(in schemas: [String]) async throws -> WarehouseTableList {
        var tables: [WarehouseTable] = []
        var missing: [String] = []
        for schema in schemas {
            let result: SnowflakeResultSet
            do {
                result = try await client.execute("SHOW TABLES IN SCHEMA \(qualified(schema))", context: context)
            } catch SnowflakeError.statementFailed(let code, _, _) where code == Self.objectMissingCode {
                missing.append(schema)
                continue
            }
            for row in result.records {
                guard let name = row.string("name") else { continue }
                tables.append(
                    WarehouseTable(
                        schema: row.string("schema_name") ?? schema, name: name, rows: row.int64("rows"), rowsEstimated: false,
                        bytes: row.int64("bytes"), lastAltered: nil))
            }
        }
        return WarehouseTableList(tables: tables, missingSchemas: missing)
    }

    func freshness(of tables: [WarehouseTable]) async throws -> [String: TableFreshness] {
        var result: [String: TableFreshness] = [:]
        let schemas = Array(Set(tables.map { $0.schema })).sorted()
        guard !schemas.isEmpty else { return result }
        let scanning = SnowflakeContext(database: database, warehouse: virtualWarehouse, role: role)
        let list = schemas.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
        let altered = try await client.execute(
            "SELECT TABLE_SCHEMA, TABLE_NAME, LAST_ALTERED FROM \(databasePrefix)INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA IN (\(list))",
            context: scanning)
        for row in altered.records {
            guard let schema = row.string("TABLE_SCHEMA"), let name = row.string("TABLE_NAME") else { continue }
            result["\(schema).\(name)".lowercased(), default: TableFreshness()].lastAltered = row.date("LAST_ALTERED")
        }
        var withColumn: [WarehouseTable] = []
        for schema in schemas {
            let columns = try await client.execute(
                "SHOW COLUMNS LIKE '\(airbyteExtractedAtColumn.uppercased())' IN SCHEMA \(qualified(schema))", context: context)
            let names = Set(columns.records.compactMap { $0.string("table_name")?.lowercased() })
            withColumn += tables.filter { $0.schema == schema && names.contains($0.name.lowercased()) }
        }
        guard !withColumn.isEmpty else { return result }
        let selects = withColumn.map { table in
            "SELECT '\(table.key.replacingOccurrences(of: "'", with: "''"))' AS TABLE_KEY, MAX(\(airbyteExtractedAtColumn.uppercased())) AS EXTRACTED_AT FROM \(qualified(table.schema)).\(quoted(table.name))"
        }
        for row in try await client.execute(selects.joined(separator: " UNION ALL "), context: scanning).records {
            guard let key = row.string("TABLE_KEY") else { continue }
            result[key, default: TableFreshness()].extractedAt = row.date("EXTRACTED_AT")
        }
        return result
    }

    private var databasePrefix: String { database.map { SnowflakeIdentifier.configured($0) + "." } ?? "" }

    /// `DB.SCHEMA`, named as configured.
    private func qualified(_ schema: String) -> String { databasePrefix + SnowflakeIdentifier.configured(schema) }

    private func quoted(_ name: String) -> String { SnowflakeIdentifier.quoted(name) }
}
