/// A failed attempt as Airbyte's failure summary reports it (`failureOrigin`, `failureType`,
/// `externalMessage`), so the API server can put it into an attempt's `failureSummary` unchanged.
public struct SyncFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Airbyte's `failureOrigin`.
    public enum Origin: String, Sendable, Equatable, Codable {
        case source, destination, replication
    }

    /// Airbyte's `failureType`.
    public enum FailureType: String, Sendable, Equatable, Codable {
        case systemError = "system_error"
        case configError = "config_error"
        case transientError = "transient_error"
    }

    public var origin: Origin
    public var type: FailureType
    /// What the user reads: says what is wrong and what to do.
    public var externalMessage: String
    /// The underlying error's text (server message, SQLSTATE), for the attempt's `internalMessage`.
    public var internalMessage: String
    /// Whether retrying the same attempt may succeed (Airbyte retries transient errors).
    public var retryable: Bool { type == .transientError }

    public init(origin: Origin, type: FailureType, externalMessage: String, internalMessage: String = "") {
        self.origin = origin
        self.type = type
        self.externalMessage = externalMessage
        self.internalMessage = internalMessage.isEmpty ? externalMessage : internalMessage
    }

    public var description: String { "\(origin.rawValue)/\(type.rawValue): \(externalMessage)" }
}
