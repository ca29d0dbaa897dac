import Foundation

/// What came back from a sync or cancel request the user confirmed.
public enum AirbyteEvent: Codable, Equatable, Sendable {
    /// The server accepted the sync and created job `jobID`.
    case syncStarted(connectionID: String, jobID: Int64, status: JobStatus, at: Date)
    /// HTTP 409: a sync was already running; `jobID` is that job when the server could tell us.
    case syncAlreadyRunning(connectionID: String, jobID: Int64?, at: Date)
    /// The request failed (status, transport, or no answer in time; then the outcome is unknown).
    case syncFailed(connectionID: String, message: String, at: Date)
    case jobCancelled(jobID: Int64, at: Date)
    case cancelFailed(jobID: Int64, message: String, at: Date)
}
