import Foundation

/// `warehouse` in `snapshot --json`.
struct WarehouseSection: Encodable {
    let state: DashboardState

    enum Keys: String, CodingKey { case kind, tables }
    enum TableKeys: String, CodingKey { case schema, name, rows, rows_estimated, bytes, last_altered }

    func encode(to encoder: Encoder) throws {
        try SectionHeader(.warehouse, in: state).encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(state.warehouse.reading?.kind, forKey: .kind)
        var list = c.nestedUnkeyedContainer(forKey: .tables)
        for table in state.warehouse.reading?.tables ?? [] {
            var t = list.nestedContainer(keyedBy: TableKeys.self)
            try t.encode(table.schema, forKey: .schema)
            try t.encode(table.name, forKey: .name)
            try t.encode(table.rows, forKey: .rows)
            try t.encode(table.rowsEstimated, forKey: .rows_estimated)
            try t.encode(table.bytes, forKey: .bytes)
            try t.encode(SnapshotTime.string(table.lastAltered), forKey: .last_altered)
        }
    }
}
