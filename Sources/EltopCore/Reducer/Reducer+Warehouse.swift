import Foundation

/// Warehouse readings replace the previous one; the row changes since that one are kept beside it,
/// and tables appearing or disappearing go on the timeline.
extension DashboardState {
    mutating func applyWarehouse(_ reading: WarehouseReading, at: Date) {
        if let previous = warehouse.reading {
            let before = Dictionary(previous.tables.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            var changes: [String: Int64] = [:]
            for table in reading.tables {
                guard let now = table.rows, let then = before[table.key]?.rows else { continue }
                changes[table.key] = now - then
            }
            warehouse.rowChanges = changes
            logTableChanges(from: previous, to: reading, at: at)
        }
        for schema in reading.missingSchemas where warehouse.reading?.missingSchemas.contains(schema) != true {
            log(.warehouse, .warn, "schema \(schema) does not exist in the warehouse", at: at)
        }
        warehouse.reading = reading
        warehouse.repair()
    }

    /// The next sort order of the Warehouse pane; the selected table stays selected wherever it moves.
    mutating func cycleWarehouseSort() {
        warehouse.sort = warehouse.sort.next
        warehouse.repair()
        ui.notice = "warehouse sorted by \(warehouse.sort.rawValue)"
    }

    /// One entry per schema and poll, not one per table: a dbt run that creates the staging models would
    /// otherwise push the run's own line out of the Timeline. The entry names every table; the pane cuts
    /// it to width and its detail view shows them all.
    private mutating func logTableChanges(from previous: WarehouseReading, to reading: WarehouseReading, at: Date) {
        let before = Dictionary(previous.tables.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(reading.tables.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let appeared = after.filter { before[$0.key] == nil }.values
        let disappeared = before.filter { after[$0.key] == nil }.values
        for message in Self.tableChangeMessages(appeared, verb: "appeared", preposition: "in") { log(.warehouse, .ok, message, at: at) }
        for message in Self.tableChangeMessages(disappeared, verb: "disappeared", preposition: "from") { log(.warehouse, .warn, message, at: at) }
    }

    /// "table staging.actor appeared" for one table of a schema, "16 tables appeared in staging: actor,
    /// address, …" for more, one message per schema in name order.
    static func tableChangeMessages(_ tables: some Sequence<WarehouseTable>, verb: String, preposition: String) -> [String] {
        let bySchema = Dictionary(grouping: tables, by: { $0.schema.lowercased() })
        return bySchema.keys.sorted().map { schema in
            let names = bySchema[schema, default: []].map { $0.name.lowercased() }.sorted()
            if names.count == 1 { return "table \(schema).\(names[0]) \(verb)" }
            return "\(names.count) tables \(verb) \(preposition) \(schema): " + names.joined(separator: ", ")
        }
    }
}
