import Foundation

/// One logical replication slot as the source pane shows it (a row of `pg_replication_slots` plus
/// what the server knows about its consumer).
public struct ReplicationSlot: Codable, Equatable, Sendable {
    public var name: String
    public var plugin: String
    public var database: String
    public var active: Bool
    /// The walsender's pid while a consumer streams the slot.
    public var activePID: Int?
    /// Bytes of WAL written since the slot's `confirmed_flush_lsn`.
    public var lagBytes: Int64?
    /// Bytes of WAL the server keeps for the slot (`restart_lsn` to the current LSN).
    public var retainedBytes: Int64?
    /// `reserved`, `extended`, `unreserved` or `lost` (PostgreSQL 13+); nil on older servers.
    public var walStatus: WALStatus?
    /// Bytes that may still be written before the slot is in danger of losing WAL (13+, and only when
    /// `max_slot_wal_keep_size` is set).
    public var safeWalSizeBytes: Int64?
    /// True when a hot-standby conflict invalidated the slot (16+).
    public var conflicting: Bool?
    /// When the slot became inactive, as the server tracks it (17+).
    public var inactiveSince: Date?
    /// Why the slot was invalidated (17+).
    public var invalidationReason: String?
    public var restartLSN: String?
    public var confirmedFlushLSN: String?
    /// The walsender streaming this slot, from `pg_stat_replication`.
    public var sender: WalSender?
    /// Counters from `pg_stat_replication_slots` (14+).
    public var stats: SlotStatistics?

    public init(
        name: String, plugin: String, database: String, active: Bool,
        lagBytes: Int64?, retainedBytes: Int64?, walStatus: WALStatus?
    ) {
        self.name = name
        self.plugin = plugin
        self.database = database
        self.active = active
        self.lagBytes = lagBytes
        self.retainedBytes = retainedBytes
        self.walStatus = walStatus
    }
}

/// What one poll of the source returns.
public struct SourceReading: Codable, Equatable, Sendable {
    /// `server_version`, e.g. "15.8".
    public var serverVersion: String
    /// `server_version_num`, e.g. 150008; 0 when unknown.
    public var serverVersionNumber: Int = 0
    /// `pg_current_wal_lsn()` when the slots were read: lag and retained WAL are measured against it.
    public var currentLSN: String?
    public var settings = SourceServerSettings()
    public var slots: [ReplicationSlot]
    /// Publications of the database eltop is connected to, with their tables.
    public var publications: [Publication] = []
    /// Inserts + updates + deletes ever counted (`pg_stat_user_tables`) on the published tables of the
    /// connected database; compared between syncs to tell an idle source from a stuck slot.
    public var publishedTableWrites: Int64?
    /// The database eltop is connected to; publication facts apply to slots of this database only.
    public var connectedDatabase: String?
    /// What the connected role could not see, each naming the grant that would show it.
    public var missingGrants: [MissingGrant] = []

    public init(serverVersion: String, slots: [ReplicationSlot]) {
        self.serverVersion = serverVersion
        self.slots = slots
    }
}

/// The source pane's state: the last reading, its health, thresholds, and what eltop remembers per slot.
public struct SourceState: Codable, Equatable, Sendable {
    public var health: FeedHealth
    public var reading: SourceReading?
    public var thresholds: SourceThresholds
    /// Lag in bytes per slot name, for sparklines and growth rates.
    public var lagHistory: [String: SampleHistory] = [:]
    /// Retained WAL per slot name, for the time until `safe_wal_size` runs out.
    public var retainedHistory: [String: SampleHistory] = [:]
    /// Lag per slot name over the last hour, one value a minute: the Source pane's chart.
    public var lagHour: [String: MinuteHistory] = [:]
    /// Retained WAL per slot name over the last hour, one value a minute.
    public var retainedHour: [String: MinuteHistory] = [:]
    /// Per-slot memory across polls: since when eltop has seen it inactive, and how each sync ended.
    public var tracks: [String: SlotTrack] = [:]
    /// The poll at which eltop last saw the published tables' write count move: the source took writes
    /// after the poll before it. Nil until eltop has seen one (a first reading has nothing to compare).
    public var writesSeenAt: Date?

    public init(health: FeedHealth, thresholds: SourceThresholds = SourceThresholds()) {
        self.health = health
        self.thresholds = thresholds
    }

    /// When the reading was observed: inactivity is measured to this instant, so a figure means the
    /// same in the pane, in the timeline and in `snapshot --json`.
    public var observedAt: Date { health.lastSuccessAt ?? .distantPast }

    /// The worst of the slots' severities.
    public var severity: Severity { Self.severity(of: assessments) }

    /// Every slot's assessment, in the reading's order.
    public var assessments: [SlotAssessment] { (reading?.slots ?? []).map(assessment(of:)) }

    /// The worst of these assessments' severities (ok when there are none).
    static func severity(of assessments: [SlotAssessment]) -> Severity { assessments.map(\.severity).max() ?? .ok }
}

/// The hour histories decode as empty when absent: a recording's keyframe written by an eltop without
/// them still replays, its charts filling from the readings after it.
extension SourceState {
    private enum CodingKeys: String, CodingKey {
        case health, reading, thresholds, lagHistory, retainedHistory, lagHour, retainedHour, tracks, writesSeenAt
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(health: try container.decode(FeedHealth.self, forKey: .health), thresholds: try container.decode(SourceThresholds.self, forKey: .thresholds))
        reading = try container.decodeIfPresent(SourceReading.self, forKey: .reading)
        lagHistory = try container.decode([String: SampleHistory].self, forKey: .lagHistory)
        retainedHistory = try container.decode([String: SampleHistory].self, forKey: .retainedHistory)
        lagHour = try container.decodeIfPresent([String: MinuteHistory].self, forKey: .lagHour) ?? [:]
        retainedHour = try container.decodeIfPresent([String: MinuteHistory].self, forKey: .retainedHour) ?? [:]
        tracks = try container.decode([String: SlotTrack].self, forKey: .tracks)
        writesSeenAt = try container.decodeIfPresent(Date.self, forKey: .writesSeenAt)
    }
}
