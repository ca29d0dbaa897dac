import EltopCore
import Foundation

/// What eltop asks of a warehouse, Snowflake or Postgres: the cheap row counts it polls often, and
/// the freshness figures that may cost money and are asked for rarely.
protocol Warehouse: Sendable {
    var kind: WarehouseKind { get }
    /// Every table of `schemas` with rows and bytes, from metadata or planner statistics where that
    /// is the cheap way; the configured schemas the warehouse does not have are listed apart.
    func tables(in schemas: [String]) async throws -> WarehouseTableList
    /// `MAX(_airbyte_extracted_at)` (and, where the warehouse records it, the last change) of
    /// `tables`, keyed by `WarehouseTable.key`. On Snowflake this needs a running warehouse.
    func freshness(of tables: [WarehouseTable]) async throws -> [String: TableFreshness]
}

struct WarehouseTableList: Sendable {
    var tables: [WarehouseTable]
    var missingSchemas: [String]
}

struct TableFreshness: Equatable, Sendable {
    var extractedAt: Date?
    var lastAltered: Date?
}

/// Airbyte's extraction timestamp column, spelled as Destinations V2 writes it (uppercase on
/// Snowflake; Postgres folds it to lowercase).
let airbyteExtractedAtColumn = "_airbyte_extracted_at"
