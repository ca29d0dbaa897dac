import Foundation

/// `warehouse` in `snapshot --json`: every table read, and the raw/staging pairs with their drift.
///
/// `pairs[].raw` and `pairs[].staging` are the two tables (`schema`, `name`, `rows`,
/// `rows_estimated`) or null when one side has no match; `drift` is raw − staging rows, null unless
/// both counts are known.
struct WarehouseSection: Encodable {
    let state: DashboardState

    enum Keys: String, CodingKey { case kind, tables, pairs }
    enum TableKeys: String, CodingKey { case schema, name, rows, rows_estimated, bytes, last_altered, extracted_at }
    enum PairKeys: String, CodingKey { case raw, staging, drift, drift_estimated, raw_change }
    enum SideKeys: String, CodingKey { case schema, name, rows, rows_estimated }

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
            try t.encode(SnapshotTime.string(table.extractedAt), forKey: .extracted_at)
        }
        var pairs = c.nestedUnkeyedContainer(forKey: .pairs)
        for pair in state.warehouse.pairs {
            var p = pairs.nestedContainer(keyedBy: PairKeys.self)
            try encode(pair.raw, in: &p, forKey: .raw)
            try encode(pair.staging, in: &p, forKey: .staging)
            try p.encode(pair.drift, forKey: .drift)
            try p.encode(pair.driftEstimated, forKey: .drift_estimated)
            try p.encode(pair.rawChange, forKey: .raw_change)
        }
    }

    private func encode(_ table: WarehouseTable?, in container: inout KeyedEncodingContainer<PairKeys>, forKey key: PairKeys) throws {
        guard let table else { return try container.encodeNil(forKey: key) }
        var side = container.nestedContainer(keyedBy: SideKeys.self, forKey: key)
        try side.encode(table.schema, forKey: .schema)
        try side.encode(table.name, forKey: .name)
        try side.encode(table.rows, forKey: .rows)
        try side.encode(table.rowsEstimated, forKey: .rows_estimated)
    }
}
