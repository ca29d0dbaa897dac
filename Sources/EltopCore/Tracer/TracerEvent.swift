import Foundation

/// The probe row as one query saw it in raw: absent, a row, or a tombstone.
public struct RawProbeRow: Codable, Equatable, Hashable, Sendable {
    public var probeID: Int64
    public var note: String?
    /// `_ab_cdc_lsn`, as stored (a decimal).
    public var lsn: String?
    public var deletedAt: Date?
    /// `_airbyte_meta.sync_id`.
    public var syncID: Int64?
    public var extractedAt: Date?

    public init(probeID: Int64, note: String?, lsn: String?, deletedAt: Date?, syncID: Int64?, extractedAt: Date?) {
        self.probeID = probeID
        self.note = note
        self.lsn = lsn
        self.deletedAt = deletedAt
        self.syncID = syncID
        self.extractedAt = extractedAt
    }
}

/// The probe row in the staging model.
public struct StagingProbeRow: Codable, Equatable, Hashable, Sendable {
    public var probeID: Int64
    public var note: String?

    public init(probeID: Int64, note: String?) {
        self.probeID = probeID
        self.note = note
    }
}

/// What the tracer's bounded queries saw at one moment. A layer not asked for is nil; a probe absent
/// from a layer that was asked for is simply not in its list.
public struct TraceObservation: Codable, Equatable, Sendable {
    public var at: Date
    public var raw: [RawProbeRow]?
    public var rawQuery: String?
    public var staging: [StagingProbeRow]?
    public var stagingQuery: String?

    public init(at: Date, raw: [RawProbeRow]?, rawQuery: String?, staging: [StagingProbeRow]?, stagingQuery: String?) {
        self.at = at
        self.raw = raw
        self.rawQuery = rawQuery
        self.staging = staging
        self.stagingQuery = stagingQuery
    }
}

/// A probe write that committed.
public struct ProbeWrite: Codable, Equatable, Sendable {
    public var operation: ProbeOperation
    public var probeID: Int64
    public var note: String?
    public var committedAt: Date
    public var lsn: String
    public var query: String
    /// eltop's own probe rows older than a day, deleted before an insert.
    public var pruned: Int

    public init(operation: ProbeOperation, probeID: Int64, note: String?, committedAt: Date, lsn: String, query: String, pruned: Int = 0) {
        self.operation = operation
        self.probeID = probeID
        self.note = note
        self.committedAt = committedAt
        self.lsn = lsn
        self.query = query
        self.pruned = pruned
    }
}

/// What the tracer's client reports.
public enum TracerEvent: Codable, Equatable, Sendable {
    case probeWritten(ProbeWrite)
    /// The write did not happen; `missingTable` when the probe table is gone (the trip fails with that).
    case probeWriteFailed(ProbeOperation, message: String, missingTable: Bool, at: Date)
    case traced(TraceObservation)
    case traceFailed(message: String, missingTable: Bool, at: Date)
}

/// Which layers one trace reads. Raw after a sync ends, raw and staging after a transform ends: a
/// warehouse that bills per query is asked once per such end, never on a timer.
public struct ProbeTraceRequest: Codable, Equatable, Hashable, Sendable {
    public var probeIDs: [Int64]
    public var raw: Bool
    public var staging: Bool

    public init(probeIDs: [Int64], raw: Bool, staging: Bool) {
        self.probeIDs = probeIDs
        self.raw = raw
        self.staging = staging
    }
}

/// Which layers a trace reads, without the ids (they are the trips in flight when it is issued).
public struct TraceLayers: Codable, Equatable, Hashable, Sendable {
    public var raw: Bool
    public var staging: Bool

    public init(raw: Bool, staging: Bool) {
        self.raw = raw
        self.staging = staging
    }

    /// Both asks in one read: a layer either asked for is read.
    func merged(_ other: TraceLayers?) -> TraceLayers {
        TraceLayers(raw: raw || other?.raw == true, staging: staging || other?.staging == true)
    }
}
