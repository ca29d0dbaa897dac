import EltopReplication
import Foundation

/// A failed attempt as the config API's `FailureReason` reports it. The replication's `SyncFailure`
/// becomes one unchanged; the server adds its own (`airbyte_platform` cancellations, interrupted jobs).
public struct AttemptFailure: Error, Codable, Sendable, Equatable {
    /// `source`, `destination`, `replication`, `airbyte_platform`.
    public var failureOrigin: String
    /// `config_error`, `system_error`, `transient_error`, `manual_cancellation`.
    public var failureType: String
    /// What the web UI shows.
    public var externalMessage: String
    public var internalMessage: String?
    /// False stops the retries: a config error does not go away by trying again.
    public var retryable: Bool

    public init(failureOrigin: String, failureType: String, externalMessage: String, internalMessage: String? = nil, retryable: Bool) {
        self.failureOrigin = failureOrigin
        self.failureType = failureType
        self.externalMessage = externalMessage
        self.internalMessage = internalMessage
        self.retryable = retryable
    }

    init(_ failure: SyncFailure) {
        self.init(
            failureOrigin: failure.origin.rawValue, failureType: failure.type.rawValue, externalMessage: failure.externalMessage,
            internalMessage: failure.internalMessage, retryable: failure.retryable)
    }
}

/// Records and bytes emitted (read from the source) and committed (durable in the destination) for one
/// stream, as the history file keeps them.
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

    init(_ stream: StreamProgress) {
        self.init(
            name: stream.name, namespace: stream.namespace, recordsEmitted: stream.recordsEmitted, bytesEmitted: stream.bytesEmitted,
            recordsCommitted: stream.recordsCommitted, bytesCommitted: stream.bytesCommitted)
    }
}
