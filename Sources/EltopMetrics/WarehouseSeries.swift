import EltopCore
import Foundation

/// `eltop_warehouse_*{table}`: raw and staging rows, their drift and freshness per raw/staging pair.
///
/// The first `maxTableSeries` pairs by name keep series of their own (by name, not by drift, so a
/// table's series does not come and go as its drift changes); the rest are folded into `table="_other"`:
/// rows and drift summed, timestamps the oldest (the one an alert must see).
enum WarehouseSeries {
    static let other = "_other"

    static func write(_ state: DashboardState, limits: MetricsLimits, into out: SeriesWriter) {
        guard let reading = state.warehouse.reading else { return }
        let pairs = state.warehouse.pairs.sorted { $0.key < $1.key }
        let own = pairs.prefix(limits.maxTableSeries)
        let folded = pairs.dropFirst(limits.maxTableSeries)
        let layout = reading.layout
        let count = { (schema: String) in reading.tables.filter { $0.schema.lowercased() == schema.lowercased() }.count }
        out.gauge("eltop_warehouse_tables", "Tables read in the raw and staging schemas.", ["schema": "raw"], count(layout.rawSchema))
        out.gauge("eltop_warehouse_tables", "Tables read in the raw and staging schemas.", ["schema": "staging"], count(layout.stagingSchema))
        out.gauge("eltop_warehouse_aggregated_pairs", "Raw/staging pairs folded into table=\"_other\" (metrics.max_table_series).", [:], folded.count)
        for pair in own {
            write(PairFigures(pair), table: pair.key, into: out)
        }
        if !folded.isEmpty {
            write(PairFigures(folding: Array(folded)), table: other, into: out)
        }
    }

    private static func write(_ figures: PairFigures, table: String, into out: SeriesWriter) {
        let labels: KeyValuePairs = ["table": table]
        out.gauge("eltop_warehouse_raw_rows", "Rows in the raw table.", labels, figures.rawRows)
        out.gauge("eltop_warehouse_staging_rows", "Rows in the staging model.", labels, figures.stagingRows)
        out.gauge("eltop_warehouse_drift_rows", "Raw rows minus staging rows (raw rows not yet transformed, or deletes).", labels, figures.drift)
        out.gauge("eltop_warehouse_rows_estimated", "1 when a row count is the catalog's estimate, not a count.", labels, figures.estimated)
        out.timestamp("eltop_warehouse_raw_loaded_timestamp_seconds", "When the raw table last received rows.", labels, figures.rawLoadedAt)
        out.timestamp("eltop_warehouse_staging_updated_timestamp_seconds", "When the staging model was last rebuilt.", labels, figures.stagingUpdatedAt)
    }
}

/// One pair's figures, or many pairs' folded into one.
struct PairFigures {
    var rawRows: Int64?
    var stagingRows: Int64?
    var drift: Int64?
    var estimated: Bool
    var rawLoadedAt: Date?
    var stagingUpdatedAt: Date?

    init(_ pair: WarehousePair) {
        rawRows = pair.raw?.rows
        stagingRows = pair.staging?.rows
        drift = pair.drift
        estimated = pair.driftEstimated
        rawLoadedAt = pair.raw.flatMap { $0.extractedAt ?? $0.lastAltered }
        stagingUpdatedAt = pair.staging?.lastAltered
    }

    /// Sums of what is known; the oldest of each timestamp.
    init(folding pairs: [WarehousePair]) {
        let each = pairs.map(PairFigures.init)
        rawRows = Self.sum(each.map(\.rawRows))
        stagingRows = Self.sum(each.map(\.stagingRows))
        drift = Self.sum(each.map(\.drift))
        estimated = each.contains { $0.estimated }
        rawLoadedAt = each.compactMap(\.rawLoadedAt).min()
        stagingUpdatedAt = each.compactMap(\.stagingUpdatedAt).min()
    }

    private static func sum(_ values: [Int64?]) -> Int64? {
        let known = values.compactMap { $0 }
        return known.isEmpty ? nil : known.reduce(0, +)
    }
}
