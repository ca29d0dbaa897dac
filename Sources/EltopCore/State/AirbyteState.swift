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

    /// True while the job can still change.
    public var isActive: Bool { self == .pending || self == .running || self == .incomplete || rawValue == "queued" }
}

/// One Airbyte job, running or finished.
public struct AirbyteJob: Equatable, Sendable {
    public var id: Int64
    public var status: JobStatus
    public var jobType: String
    public var startedAt: Date?
    public var durationSeconds: Double?
    public var rowsSynced: Int64?
    public var bytesSynced: Int64?

    public init(
        id: Int64, status: JobStatus, jobType: String, startedAt: Date?, durationSeconds: Double?,
        rowsSynced: Int64?, bytesSynced: Int64?
    ) {
        self.id = id
        self.status = status
        self.jobType = jobType
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.rowsSynced = rowsSynced
        self.bytesSynced = bytesSynced
    }
}

/// One configured Airbyte connection and its recent jobs.
public struct AirbyteConnection: Equatable, Sendable {
    public var id: String
    public var name: String
    public var syncStatus: String?
    /// Newest first.
    public var jobs: [AirbyteJob]

    public init(id: String, name: String, syncStatus: String?, jobs: [AirbyteJob]) {
        self.id = id
        self.name = name
        self.syncStatus = syncStatus
        self.jobs = jobs
    }

    public var runningJob: AirbyteJob? { jobs.first { $0.status.isActive } }
}

/// What one poll of Airbyte returns.
public struct AirbyteReading: Equatable, Sendable {
    public var connections: [AirbyteConnection]
    public init(connections: [AirbyteConnection]) { self.connections = connections }
}

/// The Airbyte pane's state.
public struct AirbyteState: Equatable, Sendable {
    public var health: FeedHealth
    public var reading: AirbyteReading?

    public init(health: FeedHealth) { self.health = health }

    /// A connection whose newest finished job failed is critical.
    public var severity: Severity {
        reading?.connections.map { connection -> Severity in
            let finished = connection.jobs.first { !$0.status.isActive }
            return finished?.status == .failed ? .crit : .ok
        }.max() ?? .ok
    }
}
