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

    private mutating func logTableChanges(from previous: WarehouseReading, to reading: WarehouseReading, at: Date) {
        let before = Set(previous.tables.map(\.key))
        let after = Set(reading.tables.map(\.key))
        for key in after.subtracting(before).sorted() { log(.warehouse, .ok, "table \(key) appeared", at: at) }
        for key in before.subtracting(after).sorted() { log(.warehouse, .warn, "table \(key) disappeared", at: at) }
    }
}
