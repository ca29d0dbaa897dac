import Foundation

// The public API's bodies (api.yaml), named after its schemas. Optional fields are left out when nil,
// as the server's Jackson mapper does.

/// `JobResponse`.
struct JobResponse: Encodable, Sendable {
    var jobId: Int64
    var status: String
    var jobType: String
    var startTime: String
    var connectionId: String
    var lastUpdatedAt: String?
    var duration: String?
    var bytesSynced: Int64
    var rowsSynced: Int64
}

/// `JobsResponse`.
struct JobsResponse: Encodable, Sendable {
    var previous: String?
    var next: String?
    var data: [JobResponse]
}

/// `ConnectionScheduleResponse`.
struct ConnectionScheduleResponse: Encodable, Sendable {
    var scheduleType: String
    var basicTiming: String?
}

/// `StreamConfigurations`.
struct StreamConfigurations: Encodable, Sendable {
    var streams: [String] = []
}

/// `ConnectionResponse`.
struct ConnectionResponse: Encodable, Sendable {
    var connectionId: String
    var name: String
    var sourceId: String
    var destinationId: String
    var workspaceId: String
    var status: String
    var schedule: ConnectionScheduleResponse
    var namespaceDefinition: String
    var nonBreakingSchemaUpdatesBehavior: String
    var configurations: StreamConfigurations
    var createdAt: Int64
    var tags: [String]
}

/// `ConnectionsResponse`.
struct ConnectionsResponse: Encodable, Sendable {
    var previous: String?
    var next: String?
    var data: [ConnectionResponse]
}

/// `JobCreateRequest`.
struct JobCreateRequest: Decodable, Sendable {
    var connectionId: String
    var jobType: String
}

/// `ApplicationTokenRequestWithGrant` (public) and the config API's `{client_id, client_secret}`.
struct TokenRequest: Decodable, Sendable {
    var client_id: String
    var client_secret: String
    var grant_type: String?
}

/// `PublicAccessTokenResponse`.
struct PublicAccessTokenResponse: Encodable, Sendable {
    var access_token: String
    var token_type = "Bearer"
    var expires_in: Int64
}

/// `HealthCheckRead`.
struct HealthCheckRead: Encodable, Sendable {
    var available = true
}
