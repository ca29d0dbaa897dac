import Foundation

/// A raw table beside the staging model built from it: the row the Warehouse pane draws.
///
/// Either side may be missing: a raw table dbt does not stage yet, or a staging model with no raw
/// table of a matching name. Drift is raw − staging rows, and only means something with both sides.
public struct WarehousePair: Equatable, Sendable {
    public var raw: WarehouseTable?
    public var staging: WarehouseTable?
    /// Rows gained by the raw table since the previous poll (nil on the first poll).
    public var rawChange: Int64?
    public var stagingChange: Int64?

    /// The pair's identity: its raw table, else its staging table (`schema.name`).
    public var key: String { raw?.key ?? staging?.key ?? "" }

    /// The raw table's name, else the staging one's.
    public var name: String { raw?.name ?? staging?.name ?? "" }

    public var drift: Int64? {
        guard let rawRows = raw?.rows, let stagingRows = staging?.rows else { return nil }
        return rawRows - stagingRows
    }

    /// True when either count behind the drift is an estimate.
    public var driftEstimated: Bool { (raw?.rowsEstimated ?? false) || (staging?.rowsEstimated ?? false) }

    /// The newest sign of life: Airbyte's extraction time, else the table's last change.
    public var freshestAt: Date? { raw?.extractedAt ?? raw?.lastAltered ?? staging?.lastAltered }
}

/// Pairs tables of the raw and staging schemas by name, case-insensitively.
public enum WarehousePairing {
    public static func pairs(_ reading: WarehouseReading, changes: [String: Int64]) -> [WarehousePair] {
        let layout = reading.layout
        let raw = reading.tables.filter { $0.schema.lowercased() == layout.rawSchema.lowercased() }
        var staging = reading.tables.filter { $0.schema.lowercased() == layout.stagingSchema.lowercased() }
        var pairs: [WarehousePair] = []
        for table in raw {
            let wanted = [table.name.lowercased(), stagingName(for: table.name, pattern: layout.stagingNamePattern)]
            let index = staging.firstIndex { wanted.contains($0.name.lowercased()) }
            let partner = index.map { staging.remove(at: $0) }
            pairs.append(WarehousePair(raw: table, staging: partner, rawChange: changes[table.key], stagingChange: partner.flatMap { changes[$0.key] }))
        }
        pairs += staging.map { WarehousePair(raw: nil, staging: $0, rawChange: nil, stagingChange: changes[$0.key]) }
        return pairs
    }

    /// `stg_{table}` with `orders` → `stg_orders`, lowercased.
    public static func stagingName(for rawName: String, pattern: String) -> String {
        pattern.replacingOccurrences(of: "{table}", with: rawName).lowercased()
    }

    /// Sum of known rows per schema, and whether any part of it is estimated.
    public static func total(_ tables: [WarehouseTable]) -> (rows: Int64, estimated: Bool) {
        (tables.compactMap(\.rows).reduce(0, +), tables.contains { $0.rowsEstimated || $0.rows == nil })
    }
}

extension Array where Element == WarehousePair {
    /// Name ascending; the others put the largest (or oldest) first so trouble is on top; ties by name.
    func sorted(by sort: WarehouseSort) -> [WarehousePair] {
        func key(_ pair: WarehousePair) -> Double? {
            switch sort {
            case .name: return nil
            case .drift: return pair.drift.map { Double(Swift.abs($0)) }
            case .rawRows: return pair.raw?.rows.map(Double.init)
            case .change: return pair.rawChange.map { Double(Swift.abs($0)) }
            case .age: return pair.freshestAt.map { -$0.timeIntervalSince1970 }
            }
        }
        return self.sorted { a, b in
            let (ka, kb) = (key(a), key(b))
            if ka != kb {
                switch (ka, kb) {
                case (let x?, let y?): return x > y
                case (_?, nil): return true
                default: return false
                }
            }
            return a.name.lowercased() < b.name.lowercased()
        }
    }
}
