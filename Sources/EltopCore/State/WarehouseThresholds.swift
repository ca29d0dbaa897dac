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
}

extension WarehouseState {
    /// Every pair over a threshold at `now`, the largest drift first, then the stale ones oldest first.
    public func pairConcerns(now: Date) -> [WarehousePairConcern] {
        var drifting: [(Int64, WarehousePairConcern)] = []
        var stale: [(TimeInterval, WarehousePairConcern)] = []
        for pair in pairs {
            if let concern = driftConcern(pair) { drifting.append((Swift.abs(pair.drift ?? 0), concern)) }
            if let (age, concern) = staleConcern(pair, now: now) { stale.append((age, concern)) }
        }
        return drifting.sorted { $0.0 > $1.0 }.map(\.1) + stale.sorted { $0.0 > $1.0 }.map(\.1)
    }

    private func driftConcern(_ pair: WarehousePair) -> WarehousePairConcern? {
        let limit = thresholds.driftWarnRows
        guard limit > 0, let drift = pair.drift, Swift.abs(drift) > limit, let raw = pair.raw, let staging = pair.staging else { return nil }
        let about = pair.driftEstimated ? "about " : ""
        let text = "\(raw.schema).\(raw.name) → \(staging.schema).\(staging.name): \(about)\(Self.grouped(Swift.abs(drift))) rows apart (warn \(Self.grouped(limit)))"
        return WarehousePairConcern(pair: pair, text: text)
    }

    private func staleConcern(_ pair: WarehousePair, now: Date) -> (TimeInterval, WarehousePairConcern)? {
        guard let limit = thresholds.rawStaleAfterSeconds, let raw = pair.raw, let freshest = pair.freshestAt else { return nil }
        let age = now.timeIntervalSince(freshest)
        guard age > limit else { return nil }
        let text = "\(raw.schema).\(raw.name): newest row \(DurationText.short(age)) ago (stale after \(DurationText.short(limit)))"
        return (age, WarehousePairConcern(pair: pair, text: text))
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
