import Foundation

// The JSON shapes eltop reads, named after the schemas in the Airbyte specs (api.yaml: public API,
// config.yaml: config API). Only the fields used are declared; every one the spec does not mark
// required is optional, and enums are plain strings so a new value never breaks a poll.

/// `JobResponse` (public). The real id field is `jobId` (int64), whatever the spec's examples show.
/// Read by `JSONScanner` (AirbyteJobsScan.swift), not `Decodable`: a poll reads one list per connection.
struct PublicJob {
    let jobId: Int64
    let status: String
    let jobType: String
    let startTime: String?
    let connectionId: String?
    let lastUpdatedAt: String?
    let duration: String?
    let bytesSynced: Int64?
    let rowsSynced: Int64?
}

/// `JobsResponse` (public), read by `JSONScanner` as `PublicJob` is.
struct PublicJobs {
    let data: [PublicJob]
}

/// `ConnectionResponse` (public), the fields the pane shows.
struct PublicConnection: Decodable {
    let connectionId: String
    let name: String
    let status: String?
    let schedule: Schedule?
    /// The connection's configured streams: the public API lists only the selected ones.
    let configurations: Configurations?

    /// `ConnectionScheduleResponse`.
    struct Schedule: Decodable {
        let scheduleType: String
        let cronExpression: String?
        let basicTiming: String?
    }

    /// `StreamConfigurations`.
    struct Configurations: Decodable {
        let streams: [Stream]?
    }

    /// `StreamConfiguration`: `syncMode` is a `ConnectionSyncModeEnum` (`incremental_deduped_history`, ...).
    struct Stream: Decodable {
        let name: String
        let namespace: String?
        let syncMode: String?
    }
}

/// `ConnectionsResponse` (public).
struct PublicConnections: Decodable {
    let data: [PublicConnection]
}

/// `JobCreateRequest` (public).
struct JobCreateRequest: Encodable {
    let connectionId: String
    let jobType: String
}

/// `ConnectionStatusesRequestBody` (config).
struct ConnectionStatusesRequest: Encodable {
    let connectionIds: [String]
}

/// `ConnectionIdRequestBody` (config).
struct ConnectionIDRequest: Encodable {
    let connectionId: String
}

/// `JobIdRequestBody` (config).
struct JobIDRequest: Encodable {
    let id: Int64
}

/// `ConnectionStatusRead` (config); `connections/status` answers an array of these.
struct ConnectionStatusRead: Decodable {
    let connectionId: String
    let connectionSyncStatus: String
    /// Epoch seconds.
    let lastSuccessfulSync: Int64?
    let activeJob: ConfigJob?
    let lastSyncJobId: Int64?
    /// 0-based.
    let lastSyncAttemptNumber: Int?
}

/// `JobRead` (config). Times are epoch seconds.
struct ConfigJob: Decodable {
    let id: Int64
    let status: String
    let configType: String
    let createdAt: Int64
    let startedAt: Int64?
}

/// `ConnectionSyncProgressRead` (config).
struct SyncProgressRead: Decodable {
    let connectionId: String
    let jobId: Int64?
    let streams: [Stream]
    let recordsEmitted: Int64?
    let recordsCommitted: Int64?
    let bytesEmitted: Int64?
    let bytesCommitted: Int64?
    let syncStartedAt: Int64?

    /// `StreamSyncProgressReadItem`.
    struct Stream: Decodable {
        let streamName: String
        let streamNamespace: String?
        let recordsEmitted: Int64?
        let bytesEmitted: Int64?
        let recordsCommitted: Int64?
        let bytesCommitted: Int64?
    }
}

/// `JobInfoRead` (config): the job and its attempts with their failure summaries.
struct JobInfoRead: Decodable {
    let job: ConfigJob
    let attempts: [AttemptInfo]

    /// `AttemptInfoRead`; the logs are not read.
    struct AttemptInfo: Decodable {
        let attempt: Attempt
    }

    /// `AttemptRead`.
    struct Attempt: Decodable {
        let id: Int64
        let status: String
        let failureSummary: FailureSummary?
    }

    /// `AttemptFailureSummary`.
    struct FailureSummary: Decodable {
        let failures: [Failure]
    }

    /// `FailureReason`.
    struct Failure: Decodable {
        let failureOrigin: String?
        let failureType: String?
        let externalMessage: String?
        let internalMessage: String?
    }
}
