import Foundation

/// Which kind of warehouse the pane reads.
public enum WarehouseKind: String, Codable, Sendable {
    case snowflake, postgres
}

/// Row count and size of one warehouse table.
public struct WarehouseTable: Codable, Equatable, Sendable {
    public var schema: String
    public var name: String
    public var rows: Int64?
    /// True when `rows` is an estimate (statistics) rather than a count.
    public var rowsEstimated: Bool
    public var bytes: Int64?
    /// When the table was last changed, where the warehouse's metadata says so.
    public var lastAltered: Date?
    /// `MAX(_AIRBYTE_EXTRACTED_AT)`: when Airbyte last extracted a row now in the table. Comes from the
    /// slower freshness query; nil when that is off or the table has no such column.
    public var extractedAt: Date?

    public init(schema: String, name: String, rows: Int64?, rowsEstimated: Bool, bytes: Int64?, lastAltered: Date?, extractedAt: Date? = nil) {
        self.schema = schema
        self.name = name
        self.rows = rows
        self.rowsEstimated = rowsEstimated
        self.bytes = bytes
        self.lastAltered = lastAltered
        self.extractedAt = extractedAt
    }

    /// `schema.name` folded to lowercase: warehouse names are case-insensitive here (Snowflake folds
    /// unquoted names up, Postgres down).
    public var key: String { "\(schema).\(name)".lowercased() }
}

/// How raw tables and their staging models are paired by name.
public struct WarehouseLayout: Codable, Equatable, Sendable {
    public var rawSchema: String
    public var stagingSchema: String
    /// The staging name for a raw table, `{table}` standing for the raw name, e.g. `stg_{table}`. A
    /// staging table named exactly like the raw one matches too.
    public var stagingNamePattern: String

    public init(rawSchema: String = "raw", stagingSchema: String = "staging", stagingNamePattern: String = "stg_{table}") {
        self.rawSchema = rawSchema
        self.stagingSchema = stagingSchema
        self.stagingNamePattern = stagingNamePattern
    }
}

/// What one poll of the warehouse returns.
public struct WarehouseReading: Codable, Equatable, Sendable {
    public var kind: WarehouseKind
    public var tables: [WarehouseTable]
    public var layout: WarehouseLayout
    /// Configured schemas the warehouse does not have (a typo, or dbt has not run yet).
    public var missingSchemas: [String]
    /// When the freshness figures (`extractedAt`, Snowflake's `lastAltered`) were read; they come
    /// from a slower query, so they may be older than the row counts.
    public var freshnessCheckedAt: Date?
    /// Why the last freshness query failed (the row counts still arrived), until one succeeds.
    public var freshnessProblem: String?

    public init(kind: WarehouseKind, tables: [WarehouseTable], layout: WarehouseLayout = WarehouseLayout(), missingSchemas: [String] = [], freshnessCheckedAt: Date? = nil) {
        self.kind = kind
        self.tables = tables
        self.layout = layout
        self.missingSchemas = missingSchemas
        self.freshnessCheckedAt = freshnessCheckedAt
    }
}

/// The order of the Warehouse pane's rows; `o` cycles through them.
public enum WarehouseSort: String, Codable, CaseIterable, Sendable {
    case name, drift, rawRows = "raw rows", change, age

    public var next: WarehouseSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// The warehouse pane's state.
public struct WarehouseState: Codable, Equatable, Sendable {
    public var health: FeedHealth
    public var reading: WarehouseReading?
    /// Rows gained (or lost) per table since the previous poll, by `WarehouseTable.key`. Kept in the
    /// state because a reading alone cannot tell what changed.
    public var rowChanges: [String: Int64] = [:]
    public var sort: WarehouseSort = .name
    public var thresholds = WarehouseThresholds()

    public init(health: FeedHealth, thresholds: WarehouseThresholds = WarehouseThresholds()) {
        self.health = health
        self.thresholds = thresholds
    }

    /// Matched raw/staging rows, in the order of `sort` (see WarehousePairing). Kept, not derived per
    /// frame: pairing hundreds of tables was half the cost of a render. `repair()` refreshes it.
    public internal(set) var pairs: [WarehousePair] = []
    /// Known rows of the raw and the staging schema, in that order (empty without a reading). Kept with
    /// the pairs for the same reason: summing a thousand tables is not a frame's work.
    public internal(set) var schemaTotals: [WarehouseSchemaTotal] = []
    /// The pairs' indices in the orders their concerns are listed in (see `WarehouseConcernOrder`).
    private(set) var concernOrder = WarehouseConcernOrder()
    /// The newest `last_altered` of the pairs' staging tables: the title bar's freshness verdict asks
    /// every frame, and a thousand tables are not a frame's walk.
    public internal(set) var stagingChangedAt: Date?

    /// Pairs the current reading again; the reducer calls it when the reading or the sort changes.
    mutating func repair() {
        pairs = reading.map { WarehousePairing.pairs($0, changes: rowChanges).sorted(by: sort) } ?? []
        concernOrder = WarehouseConcernOrder(pairs: pairs)
        stagingChangedAt = pairs.compactMap { $0.staging?.lastAltered }.max()
        schemaTotals = reading.map { reading in
            [reading.layout.rawSchema, reading.layout.stagingSchema].map { schema in
                let total = WarehousePairing.total(reading.tables.filter { $0.schema.lowercased() == schema.lowercased() })
                return WarehouseSchemaTotal(schema: schema, rows: total.rows, estimated: total.estimated)
            }
        } ?? []
    }

    /// A missing schema is a warning: the pane shows half a picture. Drift and stale raw tables need
    /// the clock, so `DashboardState.severity(.warehouse)` adds them.
    public var severity: Severity { reading?.missingSchemas.isEmpty == false ? .warn : .ok }
}

/// Known rows of one schema, and whether any part of the sum is an estimate.
public struct WarehouseSchemaTotal: Equatable, Sendable {
    public var schema: String
    public var rows: Int64
    public var estimated: Bool

    public init(schema: String, rows: Int64, estimated: Bool) {
        self.schema = schema
        self.rows = rows
        self.estimated = estimated
    }
}

/// `pairs`, `schemaTotals` and `concernOrder` are not coded: they are derived from the reading, the row changes and the
/// sort, so they are rebuilt on decoding rather than stored twice in every keyframe.
extension WarehouseState {
    private enum CodingKeys: String, CodingKey { case health, reading, rowChanges, sort, thresholds }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(health: try container.decode(FeedHealth.self, forKey: .health))
        reading = try container.decodeIfPresent(WarehouseReading.self, forKey: .reading)
        rowChanges = try container.decode([String: Int64].self, forKey: .rowChanges)
        sort = try container.decode(WarehouseSort.self, forKey: .sort)
        // Recordings made before the thresholds existed decode with the defaults.
        thresholds = try container.decodeIfPresent(WarehouseThresholds.self, forKey: .thresholds) ?? WarehouseThresholds()
        repair()
    }
}
