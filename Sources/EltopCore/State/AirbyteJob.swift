import Foundation

/// An Airbyte job status. Kept as the server's string: servers add values (`queued`), and every one
/// must be shown as such rather than rejected.
public struct JobStatus: RawRepresentable, Hashable, Codable, Sendable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let pending = JobStatus(rawValue: "pending")
    public static let running = JobStatus(rawValue: "running")
    public static let incomplete = JobStatus(rawValue: "incomplete")
    public static let failed = JobStatus(rawValue: "failed")
    public static let succeeded = JobStatus(rawValue: "succeeded")
    public static let cancelled = JobStatus(rawValue: "cancelled")
    public static let queued = JobStatus(rawValue: "queued")

    /// True while the job can still change. `incomplete` is a job between attempts (it retries), and
    /// an unknown status is taken as active: a job we cannot classify must not look finished.
    public var isActive: Bool {
        // A switch on the text: the verdicts ask this of every connection's jobs each frame.
        switch rawValue {
        case "failed", "succeeded", "cancelled": return false
        default: return true
        }
    }
}

/// One stream's counts in a running sync (config API `connections/sync_progress`).
public struct AirbyteStreamProgress: Codable, Equatable, Sendable {
    public var name: String
    public var namespace: String?
    public var recordsEmitted: Int64?
    public var recordsCommitted: Int64?
    public var bytesEmitted: Int64?
    public var bytesCommitted: Int64?

    public init(
        name: String, namespace: String?, recordsEmitted: Int64?, recordsCommitted: Int64?, bytesEmitted: Int64?,
        bytesCommitted: Int64?
    ) {
        self.name = name
        self.namespace = namespace
        self.recordsEmitted = recordsEmitted
        self.recordsCommitted = recordsCommitted
        self.bytesEmitted = bytesEmitted
        self.bytesCommitted = bytesCommitted
    }
}

/// Why an attempt failed, from the attempt's failure summary (config API `jobs/get`).
public struct AirbyteFailure: Codable, Equatable, Sendable {
    /// 1-based, as the web UI counts attempts.
    public var attempt: Int
    /// `source`, `destination`, `replication`, ... kept as sent.
    public var origin: String?
    /// `config_error`, `system_error`, `transient_error`, ... kept as sent; nil when not reported.
    public var failureType: String?
    /// The external message when there is one (meant for people), else the internal one.
    public var message: String

    public init(attempt: Int, origin: String?, message: String, failureType: String? = nil) {
        self.attempt = attempt
        self.origin = origin
        self.message = message
        self.failureType = failureType
    }
}

/// The live figures of a running sync. Emitted counts exist only with the config API; without it
/// (Airbyte Cloud) the committed counts come from the public API's `rowsSynced`/`bytesSynced`.
public struct AirbyteProgress: Codable, Equatable, Sendable {
    public var recordsEmitted: Int64?
    public var recordsCommitted: Int64?
    public var bytesEmitted: Int64?
    public var bytesCommitted: Int64?
    public var streams: [AirbyteStreamProgress]

    public init(
        recordsEmitted: Int64?, recordsCommitted: Int64?, bytesEmitted: Int64?, bytesCommitted: Int64?,
        streams: [AirbyteStreamProgress] = []
    ) {
        self.recordsEmitted = recordsEmitted
        self.recordsCommitted = recordsCommitted
        self.bytesEmitted = bytesEmitted
        self.bytesCommitted = bytesCommitted
        self.streams = streams
    }
}

/// One Airbyte job, running or finished.
public struct AirbyteJob: Codable, Equatable, Sendable {
    public var id: Int64
    public var status: JobStatus
    public var jobType: String
    public var startedAt: Date?
    public var durationSeconds: Double?
    /// Committed rows and bytes as the public API reports them.
    public var rowsSynced: Int64?
    public var bytesSynced: Int64?
    /// 1-based number of the current (or last) attempt, when the config API told us.
    public var attempt: Int?
    /// Live counts, for the running job only.
    public var progress: AirbyteProgress?
    /// Failed attempts' summaries, oldest attempt first.
    public var failures: [AirbyteFailure]

    public init(
        id: Int64, status: JobStatus, jobType: String, startedAt: Date?, durationSeconds: Double?,
        rowsSynced: Int64?, bytesSynced: Int64?, attempt: Int? = nil, progress: AirbyteProgress? = nil,
        failures: [AirbyteFailure] = []
    ) {
        self.id = id
        self.status = status
        self.jobType = jobType
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.rowsSynced = rowsSynced
        self.bytesSynced = bytesSynced
        self.attempt = attempt
        self.progress = progress
        self.failures = failures
    }
}
