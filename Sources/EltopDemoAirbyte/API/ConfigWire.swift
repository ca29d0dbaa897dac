import Foundation

// The config API's bodies (config.yaml), named after its schemas. Times are epoch seconds.

/// `JobAggregatedStats`.
struct JobAggregatedStats: Encodable, Sendable {
    var recordsEmitted: Int64
    var bytesEmitted: Int64
    var recordsCommitted: Int64
    var bytesCommitted: Int64
    var recordsRejected: Int64 = 0
}

/// `JobRead`.
struct JobRead: Encodable, Sendable {
    var id: Int64
    var configType: String
    var configId: String
    var createdAt: Int64
    var updatedAt: Int64
    var startedAt: Int64?
    var status: String
    var aggregatedStats: JobAggregatedStats
}

/// `AttemptStats`.
struct AttemptStats: Encodable, Sendable {
    var recordsEmitted: Int64
    var bytesEmitted: Int64
    var recordsCommitted: Int64
    var bytesCommitted: Int64
}

/// `AttemptStreamStats`.
struct AttemptStreamStats: Encodable, Sendable {
    var streamName: String
    var streamNamespace: String?
    var stats: AttemptStats
}

/// `FailureReason`.
struct FailureReason: Encodable, Sendable {
    var failureOrigin: String
    var failureType: String
    var externalMessage: String
    var internalMessage: String?
    var retryable: Bool
    var timestamp: Int64
}

/// `AttemptFailureSummary`.
struct AttemptFailureSummary: Encodable, Sendable {
    var failures: [FailureReason]
    var partialSuccess: Bool
}

/// `AttemptRead`.
struct AttemptRead: Encodable, Sendable {
    var id: Int64
    var status: String
    var createdAt: Int64
    var updatedAt: Int64
    var endedAt: Int64?
    var bytesSynced: Int64
    var recordsSynced: Int64
    var totalStats: AttemptStats
    var streamStats: [AttemptStreamStats]
    var failureSummary: AttemptFailureSummary?
}

/// `AttemptInfoRead`.
struct AttemptInfoRead: Encodable, Sendable {
    var attempt: AttemptRead
}

/// `JobInfoRead`: what `jobs/get`, `jobs/cancel`, `connections/sync` and `connections/reset` answer.
struct JobInfoRead: Encodable, Sendable {
    var job: JobRead
    var attempts: [AttemptInfoRead]
}

/// `JobWithAttemptsRead`.
struct JobWithAttemptsRead: Encodable, Sendable {
    var job: JobRead
    var attempts: [AttemptRead]
}

/// `JobReadList`.
struct JobReadList: Encodable, Sendable {
    var jobs: [JobWithAttemptsRead]
    var totalJobCount: Int64
}

/// `AirbyteCatalog`: the streams are the publication's tables, which the replication discovers at each
/// sync, so the server lists none.
struct AirbyteCatalog: Encodable, Sendable {
    var streams: [String] = []
}

/// `ConnectionScheduleData.basicSchedule`.
struct ConnectionScheduleData: Encodable, Sendable {
    struct BasicSchedule: Encodable, Sendable {
        var timeUnit = "minutes"
        var units: Int64
    }

    var basicSchedule: BasicSchedule
}

/// `ConnectionRead`.
struct ConnectionRead: Encodable, Sendable {
    var connectionId: String
    var name: String
    var namespaceDefinition = "destination"
    var sourceId: String
    var destinationId: String
    var workspaceId: String
    var syncCatalog = AirbyteCatalog()
    var scheduleType: String
    var scheduleData: ConnectionScheduleData?
    var status = "active"
    var breakingChange = false
    var created_at: Int64
}

/// `ConnectionReadList`.
struct ConnectionReadList: Encodable, Sendable {
    var connections: [ConnectionRead]
}

/// `ConnectionStatusRead`.
struct ConnectionStatusRead: Encodable, Sendable {
    var connectionId: String
    var connectionSyncStatus: String
    var activeJob: JobRead?
    var lastSuccessfulSync: Int64?
    var lastSyncJobId: Int64?
    var lastSyncAttemptNumber: Int64?
    var lastSyncJobCreatedAt: Int64?
    var failureReason: FailureReason?
    var scheduleData: ConnectionScheduleData?
}

/// `StreamSyncProgressReadItem`.
struct StreamSyncProgressReadItem: Encodable, Sendable {
    var streamName: String
    var streamNamespace: String?
    var recordsEmitted: Int64
    var bytesEmitted: Int64
    var recordsCommitted: Int64
    var bytesCommitted: Int64
    var configType: String
}

/// `ConnectionSyncProgressRead`.
struct ConnectionSyncProgressRead: Encodable, Sendable {
    var connectionId: String
    var jobId: Int64?
    var streams: [StreamSyncProgressReadItem]
    var recordsEmitted: Int64?
    var recordsCommitted: Int64?
    var bytesEmitted: Int64?
    var bytesCommitted: Int64?
    var syncStartedAt: Int64?
    var configType: String
}

// Request bodies.

struct ConnectionIdRequestBody: Decodable, Sendable { var connectionId: String }
struct ConnectionStatusesRequestBody: Decodable, Sendable { var connectionIds: [String] }
struct WorkspaceIdRequestBody: Decodable, Sendable { var workspaceId: String }
struct JobIdRequestBody: Decodable, Sendable { var id: Int64 }

/// `JobListRequestBody`.
struct JobListRequestBody: Decodable, Sendable {
    struct Pagination: Decodable, Sendable {
        var pageSize: Int?
        var rowOffset: Int?
    }

    var configTypes: [String]
    var configId: String?
    var statuses: [String]?
    var pagination: Pagination?
    var orderByField: String?
    var orderByMethod: String?
}
