import Foundation

/// What a job does. The public API names them `sync`, `reset`, `clear`; the config API's `configType`
/// says `sync`, `reset_connection`, `clear`. A reset and a clear both empty the connection's state and
/// `raw` tables; the next sync snapshots again.
public enum DemoJobKind: String, Codable, Sendable, CaseIterable {
    case sync
    case reset
    case clear

    public var configType: String {
        switch self {
        case .sync: "sync"
        case .reset: "reset_connection"
        case .clear: "clear"
        }
    }
}

/// A job's status, spelled as both APIs spell it.
public enum DemoJobStatus: String, Codable, Sendable {
    case pending, running, incomplete, failed, succeeded, cancelled

    /// Finished jobs never change again; `incomplete` is between two attempts and still active.
    public var isTerminal: Bool { self == .failed || self == .succeeded || self == .cancelled }
}

/// An attempt's status: the config API's `AttemptStatus` has only these three.
public enum DemoAttemptStatus: String, Codable, Sendable {
    case running, failed, succeeded
}

/// One failure of an attempt, with its time (epoch milliseconds, as `FailureReason.timestamp`).
public struct DemoFailureRecord: Codable, Sendable, Equatable {
    public var failure: AttemptFailure
    public var timestampMillis: Int64
}

/// One attempt of a job. Times are epoch seconds, as the config API sends them.
public struct DemoAttemptRecord: Codable, Sendable, Equatable {
    public var number: Int
    public var status: DemoAttemptStatus
    public var createdAt: Int64
    public var updatedAt: Int64
    public var endedAt: Int64?
    /// The last flushed counts, per stream.
    public var streams: [DemoStreamCounts]
    public var failures: [DemoFailureRecord]

    public var recordsCommitted: Int64 { streams.reduce(0) { $0 + $1.recordsCommitted } }
    public var bytesCommitted: Int64 { streams.reduce(0) { $0 + $1.bytesCommitted } }
}

/// A job as the history file keeps it.
public struct DemoJobRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var connectionID: String
    public var kind: DemoJobKind
    public var status: DemoJobStatus
    public var createdAt: Int64
    public var updatedAt: Int64
    /// When the first attempt started; nil while pending.
    public var startedAt: Int64?
    public var attempts: [DemoAttemptRecord]
    /// True for a job the schedule started rather than a request.
    public var isScheduled: Bool

    public var isActive: Bool { !status.isTerminal }

    /// Counts summed over attempts, per stream (in first-seen order): what the job moved in total,
    /// which is how Airbyte aggregates a job's stats across its attempts.
    public var aggregatedStreams: [DemoStreamCounts] {
        var order: [String] = []
        var byKey: [String: DemoStreamCounts] = [:]
        for stream in attempts.flatMap(\.streams) {
            let key = (stream.namespace ?? "") + "." + stream.name
            if var sum = byKey[key] {
                sum.recordsEmitted += stream.recordsEmitted
                sum.bytesEmitted += stream.bytesEmitted
                sum.recordsCommitted += stream.recordsCommitted
                sum.bytesCommitted += stream.bytesCommitted
                byKey[key] = sum
            } else {
                order.append(key)
                byKey[key] = stream
            }
        }
        return order.compactMap { byKey[$0] }
    }

    public var totals: DemoStreamCounts {
        aggregatedStreams.reduce(into: DemoStreamCounts(name: "")) { sum, s in
            sum.recordsEmitted += s.recordsEmitted
            sum.bytesEmitted += s.bytesEmitted
            sum.recordsCommitted += s.recordsCommitted
            sum.bytesCommitted += s.bytesCommitted
        }
    }
}
