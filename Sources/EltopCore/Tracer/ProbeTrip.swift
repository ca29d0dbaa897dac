import Foundation

/// What a probe write did to the probe row in the source.
public enum ProbeOperation: String, Codable, Equatable, Hashable, Sendable, CaseIterable {
    case insert, update, delete
}

/// How the raw table shows a delete: Airbyte's hard deletes remove the row, soft deletes keep a
/// tombstone with `_ab_cdc_deleted_at` set.
public enum RawDeleteKind: String, Codable, Equatable, Sendable {
    case gone, tombstone
}

/// Hop 1: the write, as the source's own clock and WAL position saw it (one transaction).
public struct CommittedHop: Codable, Equatable, Sendable {
    /// `written_at` (the source's `now()` in the writing transaction).
    public var at: Date
    /// `pg_current_wal_insert_lsn()` read after the write, in the same transaction.
    public var lsn: String
    /// The statements that wrote the row and read the LSN, for the detail view.
    public var query: String

    public init(at: Date, lsn: String, query: String) {
        self.at = at
        self.lsn = lsn
        self.query = query
    }
}

/// Hop 2: the Airbyte job that carried the change.
public struct SyncHop: Codable, Equatable, Sendable {
    public var at: Date
    /// Nil when no job of the connection can be named (none ended after the commit as far as eltop saw).
    public var jobID: Int64?
    /// How the job was identified: the raw row's `_airbyte_meta.sync_id`, or the job that ran while the change appeared.
    public var evidence: String

    public init(at: Date, jobID: Int64?, evidence: String) {
        self.at = at
        self.jobID = jobID
        self.evidence = evidence
    }
}

/// Hop 3: the change in the raw table.
public struct RawHop: Codable, Equatable, Sendable {
    /// `_airbyte_extracted_at` of the row, or when the tracer saw a hard-deleted row gone.
    public var at: Date
    public var lsn: String?
    public var note: String?
    /// Set for a delete: which of the two ways raw shows it.
    public var delete: RawDeleteKind?
    public var deletedAt: Date?
    public var query: String

    public init(at: Date, lsn: String?, note: String?, delete: RawDeleteKind?, deletedAt: Date?, query: String) {
        self.at = at
        self.lsn = lsn
        self.note = note
        self.delete = delete
        self.deletedAt = deletedAt
        self.query = query
    }
}

/// Hop 4: the change in the staging model after a transform.
public struct StagingHop: Codable, Equatable, Sendable {
    /// When the tracer's query after the transform saw it.
    public var at: Date
    public var note: String?
    /// True when the row is absent (a delete reached staging).
    public var gone: Bool
    public var query: String

    public init(at: Date, note: String?, gone: Bool, query: String) {
        self.at = at
        self.note = note
        self.gone = gone
        self.query = query
    }
}

/// One probe write and its way to staging, filled in hop by hop from the tracer's own queries.
public struct ProbeTrip: Codable, Equatable, Sendable, Identifiable {
    /// The trip's number in this eltop session, from 1: the pane's row identity.
    public var id: Int
    public var operation: ProbeOperation
    /// The probe row's `id` in the source table.
    public var probeID: Int64
    /// The note the write left (nil for a delete): what raw and staging must show.
    public var note: String?
    public var committed: CommittedHop
    public var sync: SyncHop?
    public var raw: RawHop?
    public var staging: StagingHop?
    /// When a source poll first saw the slot's `confirmed_flush_lsn` at or past the commit: a fact after the
    /// trip, since under Airbyte's default the slot acknowledges only when the next sync starts.
    public var slotAcknowledgedAt: Date?
    public var slotAcknowledgedLSN: String?
    /// Why the trip cannot complete (the probe table was dropped, ...).
    public var failure: String?

    public init(id: Int, operation: ProbeOperation, probeID: Int64, note: String?, committed: CommittedHop) {
        self.id = id
        self.operation = operation
        self.probeID = probeID
        self.note = note
        self.committed = committed
    }

    public var isComplete: Bool { staging != nil }
    public var isInFlight: Bool { !isComplete && failure == nil }

    /// Commit to staging, once the trip is complete.
    public var total: TimeInterval? { staging.map { $0.at.timeIntervalSince(committed.at) } }
}

/// The hops in the order a change travels them.
public enum Hop: String, Codable, CaseIterable, Sendable {
    case committed, sync, raw, staging

    public var title: String {
        switch self {
        case .committed: return "committed"
        case .sync: return "read by a sync"
        case .raw: return "in raw"
        case .staging: return "in staging"
        }
    }
}

extension ProbeTrip {
    /// When a hop happened, nil while it has not.
    public func time(of hop: Hop) -> Date? {
        switch hop {
        case .committed: return committed.at
        case .sync: return sync?.at
        case .raw: return raw?.at
        case .staging: return staging?.at
        }
    }

    /// The hop waited for now: the first that has not happened; nil once complete.
    public var nextHop: Hop? { Hop.allCases.first { time(of: $0) == nil } }

    /// The time from the previous hop to this one (never negative: clocks of two systems may differ a little).
    public func latency(of hop: Hop) -> TimeInterval? {
        guard let index = Hop.allCases.firstIndex(of: hop), index > 0, let at = time(of: hop),
            let before = time(of: Hop.allCases[index - 1])
        else { return nil }
        return max(0, at.timeIntervalSince(before))
    }
}

extension ProbeOperation {
    /// The key that writes it (reserved for the tracer: `i`, `u`, `d`).
    public var key: Character {
        switch self {
        case .insert: return "i"
        case .update: return "u"
        case .delete: return "d"
        }
    }
}
