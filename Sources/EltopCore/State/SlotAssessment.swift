import Foundation

/// One reason a slot is not ok, with how bad it is.
public struct SlotConcern: Equatable, Sendable {
    public var severity: Severity
    public var text: String
    /// Shorter ways to say `text`, longest first, for a narrow footer: `shorter` as given, then the
    /// fact before its advice ("WAL lost" of "WAL lost: the connection needs a reset").
    public var shorter: [String]

    public init(_ severity: Severity, _ text: String, shorter: [String] = []) {
        self.severity = severity
        self.text = text
        var forms = shorter
        if let colon = text.range(of: ": ") { forms.append(String(text[..<colon.lowerBound])) }
        self.shorter = forms.filter { $0 != text }
    }
}

/// The figures derived for one slot from the reading, the store's histories and the thresholds:
/// what the pane colours and `snapshot --json` reports beyond the raw columns.
public struct SlotAssessment: Equatable, Sendable {
    /// Seconds the slot has been inactive as of the reading; nil while active.
    public var inactiveSeconds: Double?
    /// True when the inactive duration only counts from when eltop first saw the slot.
    public var inactiveIsLowerBound = false
    public var lagRateBytesPerSecond: Double?
    public var retainedRateBytesPerSecond: Double?
    /// At the current growth of retained WAL, seconds until `safe_wal_size` is used up.
    public var secondsUntilSafeWalExhausted: Double?
    public var lagGrowingAcrossSyncs = false
    /// Lag grows across syncs while the published tables see no writes: the heartbeat trap.
    public var idleSourceSuspected = false
    public var concerns: [SlotConcern] = []

    public var severity: Severity { concerns.map(\.severity).max() ?? .ok }
}

extension SourceState {
    /// Everything the pane and the snapshot say about `slot` beyond its columns.
    public func assessment(of slot: ReplicationSlot) -> SlotAssessment {
        var result = SlotAssessment()
        let track = tracks[slot.name]
        if !slot.active {
            if let since = slot.inactiveSince {
                result.inactiveSeconds = max(0, observedAt.timeIntervalSince(since))
            } else if let since = track?.inactiveSince {
                result.inactiveSeconds = max(0, observedAt.timeIntervalSince(since))
                result.inactiveIsLowerBound = track?.inactiveSinceIsLowerBound ?? false
            }
        }
        let window = thresholds.rateWindowSeconds
        result.lagRateBytesPerSecond = lagHistory[slot.name]?.ratePerSecond(window: window)
        result.retainedRateBytesPerSecond = retainedHistory[slot.name]?.ratePerSecond(window: window)
        if let safe = slot.safeWalSizeBytes, let rate = result.retainedRateBytesPerSecond, rate > 0 {
            result.secondsUntilSafeWalExhausted = max(0, Double(safe)) / rate
        }
        result.lagGrowingAcrossSyncs = track?.lagGrowingAcrossSyncs ?? false
        result.idleSourceSuspected =
            result.lagGrowingAcrossSyncs && (track?.publishedTablesIdleAcrossSyncs ?? false)
            && slot.database == reading?.connectedDatabase
        result.concerns = concerns(slot, result)
        return result
    }

    private func concerns(_ slot: ReplicationSlot, _ figures: SlotAssessment) -> [SlotConcern] {
        var out: [SlotConcern] = []
        if let wal = slot.walStatus, let text = wal.concern { out.append(SlotConcern(wal.severity, text, shorter: wal.shorterConcern)) }
        if let reason = slot.invalidationReason { out.append(SlotConcern(.crit, "invalidated: \(reason)")) }
        if slot.conflicting == true { out.append(SlotConcern(.crit, "conflicting: invalidated by a recovery conflict")) }
        let t = thresholds
        out += level(slot.lagBytes, warn: t.lagWarnBytes, crit: t.lagCritBytes, "lag")
        out += level(slot.retainedBytes, warn: t.retainedWarnBytes, crit: t.retainedCritBytes, "retained WAL")
        if let inactive = figures.inactiveSeconds {
            if inactive >= t.inactiveCritSeconds {
                out.append(SlotConcern(.crit, "inactive \(DurationText.short(inactive)) ≥ \(DurationText.short(t.inactiveCritSeconds))"))
            } else if inactive >= t.inactiveWarnSeconds {
                out.append(SlotConcern(.warn, "inactive \(DurationText.short(inactive)) ≥ \(DurationText.short(t.inactiveWarnSeconds))"))
            }
        }
        if let left = figures.secondsUntilSafeWalExhausted, left < t.inactiveWarnSeconds {
            out.append(SlotConcern(.crit, "safe_wal_size used up in \(DurationText.short(left)) at this rate"))
        }
        if figures.idleSourceSuspected {
            out.append(SlotConcern(.warn, "lag grows across syncs while the published tables see no writes (heartbeat needed)"))
        } else if figures.lagGrowingAcrossSyncs {
            out.append(SlotConcern(.warn, "lag grew across the last 3 syncs"))
        }
        return out
    }

    private func level(_ value: Int64?, warn: Int64, crit: Int64, _ name: String) -> [SlotConcern] {
        guard let value else { return [] }
        if value >= crit { return [SlotConcern(.crit, "\(name) ≥ \(ByteText.short(crit))")] }
        if value >= warn { return [SlotConcern(.warn, "\(name) ≥ \(ByteText.short(warn))")] }
        return []
    }
}

/// Binary byte sizes for reducer and assessment text ("1.0 GiB"); the UI has its own column format.
public enum ByteText {
    public static func short(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(bytes)
        var i = 0
        while abs(v) >= 1024 && i < units.count - 1 {
            v /= 1024
            i += 1
        }
        return i == 0 ? "\(bytes) B" : String(format: v < 10 ? "%.1f %@" : "%.0f %@", v, units[i])
    }
}
