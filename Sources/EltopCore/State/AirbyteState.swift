import Foundation

/// One configured Airbyte connection and its recent jobs.
public struct AirbyteConnection: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    /// `connectionSyncStatus` from the config API (`running`, `synced`, `failed`, ...); nil without it.
    public var syncStatus: String?
    /// The connection's own status (`active`, `inactive` when disabled, `deprecated`); nil when not reported.
    public var status: String?
    /// "manual", "every 24 hours", "cron 0 0 * * * UTC".
    public var schedule: String?
    public var lastSuccessfulSyncAt: Date?
    /// Newest first.
    public var jobs: [AirbyteJob]

    public init(
        id: String, name: String, syncStatus: String?, jobs: [AirbyteJob], schedule: String? = nil,
        lastSuccessfulSyncAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.syncStatus = syncStatus
        self.jobs = jobs
        self.schedule = schedule
        self.lastSuccessfulSyncAt = lastSuccessfulSyncAt
    }

    public var runningJob: AirbyteJob? { jobs.first { $0.status.isActive } }

    /// Its finished jobs, newest first, read in place: the verdicts want the first one or two of every
    /// connection each frame, and copying them into a new list cost more than judging them.
    var finishedJobs: LazyFilterSequence<[AirbyteJob]> { jobs.lazy.filter { !$0.status.isActive } }
}

/// What one poll of Airbyte returns.
public struct AirbyteReading: Codable, Equatable, Sendable {
    public var connections: [AirbyteConnection]
    /// False when only the public API answers (Airbyte Cloud): no emitted counts, streams or attempts.
    public var hasConfigAPI: Bool

    public init(connections: [AirbyteConnection], hasConfigAPI: Bool = true) {
        self.connections = connections
        self.hasConfigAPI = hasConfigAPI
    }
}

/// A sync or cancel request sent and not answered yet; the keys refuse to send another meanwhile.
public enum AirbyteRequestInFlight: Codable, Equatable, Hashable, Sendable {
    case sync(connectionID: String)
    case cancel(jobID: Int64)
}

/// The Airbyte pane's state.
public struct AirbyteState: Codable, Equatable, Sendable {
    public var health: FeedHealth
    public var reading: AirbyteReading?
    /// Records emitted (committed without the config API) per running job id, one sample per poll:
    /// the rate and the "stats last moved" age come from here, not from the server.
    public var recordHistory: [Int64: SampleHistory] = [:]
    /// When each running job's record count last changed, as observed by the polls.
    public var statsChangedAt: [Int64: Date] = [:]
    public var inFlight: Set<AirbyteRequestInFlight> = []
    /// The job the last answer pointed at (the one a 409 named); the detail view marks it.
    public var selectedJobID: Int64?

    public init(health: FeedHealth) { self.health = health }

    /// A connection whose newest finished job failed is critical.
    public var severity: Severity {
        reading?.connections.map { connection -> Severity in
            let finished = connection.jobs.first { !$0.status.isActive }
            return finished?.status == .failed ? .crit : .ok
        }.max() ?? .ok
    }

    /// Records per second of a running job over the last minute of polls; nil until two polls saw it.
    public func recordsPerSecond(job id: Int64) -> Double? {
        recordHistory[id]?.ratePerSecond(window: 60)
    }
}
