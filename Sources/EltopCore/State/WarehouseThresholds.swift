import Foundation

/// When a raw/staging pair turns into a warning: set from `warehouse.drift_warn_rows` and
/// `warehouse.raw_stale_after` and carried in the state, so the pane's footer and `check` judge alike.
///
/// Both are warnings, never critical: staging lags raw between transforms by design, and a quiet
/// source table legitimately stops gaining rows.
public struct WarehouseThresholds: Codable, Equatable, Sendable {
    /// |raw − staging rows| above this is a warning; 0 turns the drift check off.
    public var driftWarnRows: Int64 = 1000
    /// Seconds after which a raw table's freshest row is stale; nil (the default) turns it off.
    public var rawStaleAfterSeconds: TimeInterval?

    public init(driftWarnRows: Int64 = 1000, rawStaleAfterSeconds: TimeInterval? = nil) {
        self.driftWarnRows = driftWarnRows
        self.rawStaleAfterSeconds = rawStaleAfterSeconds
    }
}

/// One pair over a threshold, in words the footer and `check` both print.
public struct WarehousePairConcern: Equatable, Sendable {
    public var pair: WarehousePair
    public var text: String
    /// `text` in fewer words, for a narrow footer (`PaneConcern.shorter`).
    public var shorter: [String] = []
}

/// The pairs in the two orders concerns are listed in: by |drift|, largest first (pairs with both
/// sides), and by the raw side's freshest row, oldest first (pairs with a raw side and a time). Neither
/// depends on the thresholds or the clock, so they are kept with the pairs, and the concerns at any
/// moment are a prefix of each: a frame asks for its first concern without walking every pair.
struct WarehouseConcernOrder: Equatable, Sendable {
    var byDrift: [Int] = []
    var byFreshness: [Int] = []

    init(pairs: [WarehousePair] = []) {
        let drifts = pairs.map { $0.drift.map(Swift.abs) }
        // Stable sorts: ties keep the pane's order, as sorting the concerns themselves would.
        byDrift = pairs.indices.filter { drifts[$0] != nil }.sorted { drifts[$0]! > drifts[$1]! }
        let freshest = pairs.map { $0.raw == nil ? nil : $0.freshestAt }
        byFreshness = pairs.indices.filter { freshest[$0] != nil }.sorted { freshest[$0]! < freshest[$1]! }
    }
}

extension WarehouseState {
    /// Every pair over a threshold at `now`, the largest drift first, then the stale ones oldest first.
    public func pairConcerns(now: Date) -> [WarehousePairConcern] {
        driftingPairs.compactMap(driftConcern) + stalePairs(now: now).compactMap { staleConcern($0, now: now)?.1 }
    }

    /// The first of `pairConcerns(now:)`, without wording the rest.
    public func firstPairConcern(now: Date) -> WarehousePairConcern? {
        driftingPairs.first.flatMap(driftConcern) ?? stalePairs(now: now).first.flatMap { staleConcern($0, now: now)?.1 }
    }

    /// True when any pair is over a threshold at `now`.
    public func hasPairConcern(now: Date) -> Bool { !driftingPairs.isEmpty || !stalePairs(now: now).isEmpty }

    private var driftingPairs: [WarehousePair] {
        let limit = thresholds.driftWarnRows
        guard limit > 0 else { return [] }
        return concernOrder.byDrift.prefix { Swift.abs(pairs[$0].drift ?? 0) > limit }.map { pairs[$0] }
    }

    private func stalePairs(now: Date) -> [WarehousePair] {
        guard let limit = thresholds.rawStaleAfterSeconds else { return [] }
        return concernOrder.byFreshness.prefix { pairs[$0].freshestAt.map { now.timeIntervalSince($0) > limit } ?? false }.map { pairs[$0] }
    }

    private func driftConcern(_ pair: WarehousePair) -> WarehousePairConcern? {
        let limit = thresholds.driftWarnRows
        guard limit > 0, let drift = pair.drift, Swift.abs(drift) > limit, let raw = pair.raw, let staging = pair.staging else { return nil }
        let about = pair.driftEstimated ? "about " : ""
        let apart = "\(about)\(Self.grouped(Swift.abs(drift))) rows apart"
        let text = "\(raw.schema).\(raw.name) → \(staging.schema).\(staging.name): \(apart) (warn \(Self.grouped(limit)))"
        return WarehousePairConcern(pair: pair, text: text, shorter: ["\(raw.schema).\(raw.name): \(apart)", "\(raw.name): \(apart)"])
    }

    private func staleConcern(_ pair: WarehousePair, now: Date) -> (TimeInterval, WarehousePairConcern)? {
        guard let limit = thresholds.rawStaleAfterSeconds, let raw = pair.raw, let freshest = pair.freshestAt else { return nil }
        let age = now.timeIntervalSince(freshest)
        guard age > limit else { return nil }
        let newest = "newest row \(DurationText.short(age)) ago"
        let text = "\(raw.schema).\(raw.name): \(newest) (stale after \(DurationText.short(limit)))"
        return (age, WarehousePairConcern(pair: pair, text: text, shorter: ["\(raw.schema).\(raw.name): \(newest)", "\(raw.name): \(newest)"]))
    }

    /// 1234 → "1,234": row counts are read at a glance.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
