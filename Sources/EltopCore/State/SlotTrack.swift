import Foundation

/// What eltop remembers about one slot across polls, beyond the last reading.
public struct SlotTrack: Codable, Equatable, Sendable {
    /// How many sync ends are kept; three in a row tell a trend from noise.
    public static let syncEndsKept = 4

    /// When eltop saw the slot go inactive, or first saw it inactive (servers before 17 do not say).
    public var inactiveSince: Date?
    /// True when eltop first saw the slot already inactive, so the duration is a lower bound.
    public var inactiveSinceIsLowerBound = false
    /// One entry each time the slot went from active to inactive, i.e. a sync ended (oldest first).
    public private(set) var syncEnds: [SyncEnd] = []
    /// The severity at the last reading, so the timeline hears of a rise once.
    public var lastSeverity: Severity = .ok

    public init() {}

    public mutating func recordSyncEnd(_ end: SyncEnd) {
        syncEnds.append(end)
        if syncEnds.count > Self.syncEndsKept { syncEnds.removeFirst(syncEnds.count - Self.syncEndsKept) }
    }

    /// The last three syncs each ended with more lag than the one before: the slot is not catching up.
    public var lagGrowingAcrossSyncs: Bool {
        let last = syncEnds.suffix(3)
        guard last.count == 3 else { return false }
        let lags = last.compactMap(\.lagBytes)
        return lags.count == 3 && lags[0] < lags[1] && lags[1] < lags[2]
    }

    /// Growing lag while the published tables were not written between those syncs: the WAL belongs
    /// to other databases or to vacuum, and pgoutput has nothing to confirm, so the slot cannot advance.
    public var publishedTablesIdleAcrossSyncs: Bool {
        let last = syncEnds.suffix(3)
        guard last.count == 3, let first = last.first?.publishedTableWrites, let final = last.last?.publishedTableWrites else { return false }
        return first == final
    }
}

/// How a sync left the slot: its lag just after the consumer let go, and the published tables' write
/// counter at that moment.
public struct SyncEnd: Codable, Equatable, Sendable {
    public var at: Date
    public var lagBytes: Int64?
    public var publishedTableWrites: Int64?

    public init(at: Date, lagBytes: Int64?, publishedTableWrites: Int64?) {
        self.at = at
        self.lagBytes = lagBytes
        self.publishedTableWrites = publishedTableWrites
    }
}
