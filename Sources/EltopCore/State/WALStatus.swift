/// `pg_replication_slots.wal_status` (PostgreSQL 13+): whether the WAL a slot needs is still there.
///
/// The one place a WAL status gets its severity: the slot assessment, the timeline entry on a change
/// and the pane's WAL column all ask `severity`. Coded as PostgreSQL's strings; a value a later
/// server adds is kept as `.other`.
public enum WALStatus: Hashable, Sendable, OpenStatus {
    /// Within `max_wal_size`.
    case reserved
    /// Beyond `max_wal_size`, still kept by `max_slot_wal_keep_size` or `wal_keep_size`.
    case extended
    /// No longer kept: removed at the next checkpoint unless the consumer catches up.
    case unreserved
    /// Removed: the slot cannot be used any more.
    case lost
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "reserved": self = .reserved
        case "extended": self = .extended
        case "unreserved": self = .unreserved
        case "lost": self = .lost
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .reserved: return "reserved"
        case .extended: return "extended"
        case .unreserved: return "unreserved"
        case .lost: return "lost"
        case .other(let text): return text
        }
    }

    public var severity: Severity {
        switch self {
        case .lost, .unreserved: return .crit
        case .extended: return .warn
        case .reserved, .other: return .ok
        }
    }

    /// What the status means for the slot, as a concern names it; nil when it is no concern.
    public var concern: String? {
        switch self {
        case .lost: return "WAL lost: the connection needs a reset"
        case .unreserved: return "WAL unreserved: removed at the next checkpoint unless the consumer catches up"
        case .extended: return "WAL extended: the slot holds more than max_wal_size"
        case .reserved, .other: return nil
        }
    }

    /// `concern` for a narrow footer, longest first: the fact and what to do, in fewer words.
    public var shorterConcern: [String] {
        switch self {
        case .lost: return ["WAL lost: reset the connection", "WAL lost: reset"]
        case .unreserved: return ["WAL unreserved: the consumer must catch up"]
        case .extended, .reserved, .other: return []
        }
    }
}
