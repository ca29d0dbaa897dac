import Foundation

/// When a slot turns warn or crit. Set from `source.*` in the config (docs/configuration.md).
///
/// Inactivity is normal for Airbyte's default "After loading Data in the destination" mode: the slot
/// is used only during a sync, so the inactive thresholds follow the expected sync interval when one
/// is configured.
public struct SourceThresholds: Codable, Equatable, Sendable {
    public var lagWarnBytes: Int64 = 1 << 30
    public var lagCritBytes: Int64 = 10 << 30
    public var retainedWarnBytes: Int64 = 5 << 30
    public var retainedCritBytes: Int64 = 20 << 30
    public var inactiveWarnSeconds: TimeInterval = 2 * 3600
    public var inactiveCritSeconds: TimeInterval = 12 * 3600
    /// The Airbyte sync schedule, if known; only shown and used for the hint text.
    public var expectedSyncIntervalSeconds: TimeInterval?
    /// The window of the lag growth rate.
    public var rateWindowSeconds: TimeInterval = 300

    public init() {}
}
