import Foundation

/// How the fake Airbyte checks credentials, one mode per server as real installs are configured.
public enum AirbyteFakeAuth: Sendable {
    case none
    case basic(username: String, password: String)
    /// Tokens from `applications/token` valid for `lifetimeSeconds`.
    case clientCredentials(clientID: String, clientSecret: String, lifetimeSeconds: Int)
    case bearer(String)
}

/// A misbehaviour to serve instead of the real answer, the next `times` requests whose path ends with `pathSuffix`.
public struct AirbyteFakeFault: Sendable {
    public enum Kind: Sendable {
        case serverError
        /// A 502 HTML page, as nginx or a load balancer sends when Airbyte is down behind it.
        case htmlFromProxy
        /// The real answer cut in half.
        case truncatedJSON
        case invalidJSON
        /// Waits this long before answering normally.
        case delay(seconds: Double)
        /// This status with a problem+json body, as Airbyte sends for 401, 403 or 409.
        case status(Int, detail: String)
    }

    public var pathSuffix: String
    public var kind: Kind
    public var times: Int

    public init(_ kind: Kind, on pathSuffix: String, times: Int = 1) {
        self.kind = kind
        self.pathSuffix = pathSuffix
        self.times = times
    }
}

/// A connection the fake serves.
public struct AirbyteFakeConnection: Sendable {
    public var id: String
    public var name: String
    /// `manual`, `cron` or `basic`.
    public var scheduleType: String
    public var cronExpression: String?
    public var basicTiming: String?
    /// `active`, `inactive` (disabled in the UI) or `deprecated`.
    public var status = "active"
    /// The selected streams: the public API lists only these in `configurations.streams`.
    public var streams: [AirbyteFakeStreamConfiguration] = []
}

/// One selected stream of a fake connection, as `StreamConfiguration` carries it.
public struct AirbyteFakeStreamConfiguration: Sendable {
    public var name: String
    public var syncMode: String
}

/// One attempt of a fake job.
public struct AirbyteFakeAttempt: Sendable {
    public var status: String
    public var failureOrigin: String?
    public var failureMessage: String?
    public var createdAt: Date
    /// `FailureReason.failureType` (`config_error`, `system_error`, ...); left out of the JSON when nil.
    public var failureType: String?
}

/// One stream's counts in a fake running job.
public struct AirbyteFakeStream: Sendable {
    public var name: String
    public var namespace: String?
    public var recordsEmitted: Int64
    public var recordsCommitted: Int64
    public var bytesEmitted: Int64
    public var bytesCommitted: Int64

    public init(name: String, namespace: String? = nil, recordsEmitted: Int64, recordsCommitted: Int64, bytesEmitted: Int64, bytesCommitted: Int64) {
        self.name = name
        self.namespace = namespace
        self.recordsEmitted = recordsEmitted
        self.recordsCommitted = recordsCommitted
        self.bytesEmitted = bytesEmitted
        self.bytesCommitted = bytesCommitted
    }
}

/// A fake job; times are whole seconds, as the real server keeps them.
public struct AirbyteFakeJob: Sendable {
    public var id: Int64
    public var connectionID: String
    public var jobType: String
    public var status: String
    public var createdAt: Date
    public var updatedAt: Date
    public var attempts: [AirbyteFakeAttempt] = []
    public var streams: [AirbyteFakeStream] = []

    public var isActive: Bool { !["succeeded", "failed", "cancelled"].contains(status) }
    public var recordsCommitted: Int64 { streams.reduce(0) { $0 + $1.recordsCommitted } }
    public var bytesCommitted: Int64 { streams.reduce(0) { $0 + $1.bytesCommitted } }
}

/// One request the fake answered and what it answered, for checks against the OpenAPI specs.
public struct AirbyteExchange: Codable, Sendable {
    public var method: String
    public var path: String
    public var query: String
    public var requestContentType: String?
    public var requestBody: String?
    public var status: Int
    public var responseContentType: String
    public var responseBody: String

    public init(
        method: String, path: String, query: String, requestContentType: String?, requestBody: String?, status: Int,
        responseContentType: String, responseBody: String
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.requestContentType = requestContentType
        self.requestBody = requestBody
        self.status = status
        self.responseContentType = responseContentType
        self.responseBody = responseBody
    }
}
