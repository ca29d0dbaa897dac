import Foundation

/// What the job store asks of whatever moves the data: run one attempt of a job and say how far it got.
///
/// The server owns jobs, attempts, retries, stats flushing and cancellation; the engine owns only the
/// data movement. Cancelling the calling task cancels the attempt; the engine then throws
/// `CancellationError` (or returns) without leaving half-written state behind.
public protocol DemoSyncEngine: Sendable {
    /// Runs one attempt to its end. `progress` may be called often (every batch); the store keeps
    /// the latest value and flushes it on its own schedule, as Airbyte's worker does.
    /// Throws `DemoSyncFailure` for a failure Airbyte would report in the attempt's failure summary.
    func runAttempt(_ attempt: DemoSyncAttempt, progress: @escaping @Sendable (DemoSyncProgress) -> Void) async throws
        -> DemoSyncProgress
}

/// Which attempt of which job the engine is asked to run.
public struct DemoSyncAttempt: Sendable, Equatable {
    public var jobID: Int64
    /// 0-based, as the config API numbers attempts.
    public var attemptNumber: Int
    public var connectionID: String
    public var kind: DemoJobKind

    public init(jobID: Int64, attemptNumber: Int, connectionID: String, kind: DemoJobKind) {
        self.jobID = jobID
        self.attemptNumber = attemptNumber
        self.connectionID = connectionID
        self.kind = kind
    }
}

/// Counts of one running attempt, per stream.
public struct DemoSyncProgress: Sendable, Equatable {
    public var streams: [DemoStreamCounts]

    public init(streams: [DemoStreamCounts]) { self.streams = streams }
}

/// Records and bytes emitted (read from the source) and committed (durable in the destination) for one stream.
public struct DemoStreamCounts: Codable, Sendable, Equatable {
    public var name: String
    public var namespace: String?
    public var recordsEmitted: Int64
    public var bytesEmitted: Int64
    public var recordsCommitted: Int64
    public var bytesCommitted: Int64

    public init(name: String, namespace: String? = nil, recordsEmitted: Int64 = 0, bytesEmitted: Int64 = 0, recordsCommitted: Int64 = 0, bytesCommitted: Int64 = 0) {
        self.name = name
        self.namespace = namespace
        self.recordsEmitted = recordsEmitted
        self.bytesEmitted = bytesEmitted
        self.recordsCommitted = recordsCommitted
        self.bytesCommitted = bytesCommitted
    }
}

/// A failed attempt as Airbyte summarises it (`FailureReason` in the config API).
public struct DemoSyncFailure: Error, Codable, Sendable, Equatable {
    /// `source`, `destination`, `replication`, `persistence`, `airbyte_platform`, ...
    public var failureOrigin: String
    /// `config_error`, `system_error`, `transient_error`, `manual_cancellation`, ...
    public var failureType: String
    /// What the web UI shows.
    public var externalMessage: String
    public var internalMessage: String?
    /// False stops the retries: a config error does not go away by trying again.
    public var retryable: Bool

    public init(failureOrigin: String, failureType: String, externalMessage: String, internalMessage: String? = nil, retryable: Bool = true) {
        self.failureOrigin = failureOrigin
        self.failureType = failureType
        self.externalMessage = externalMessage
        self.internalMessage = internalMessage
        self.retryable = retryable
    }
}

/// What a job does. The public API names them `sync`, `reset`, `clear`; the config API's `configType`
/// says `sync`, `reset_connection`, `clear`.
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
