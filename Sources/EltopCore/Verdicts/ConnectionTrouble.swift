import Foundation

/// An Airbyte connection that will not sync: disabled (status `inactive` or `deprecated`), or whose
/// newest finished jobs failed one after another, with the last failure on one line.
public struct ConnectionTrouble: Codable, Equatable, Sendable {
    public var connectionID: String
    public var connection: String
    /// Airbyte's connection status (`active`, `inactive`, `deprecated`); nil when not reported.
    public var status: String?
    /// Failed jobs in a row, newest finished first; a cancelled or succeeded job ends the count.
    public var consecutiveFailures: Int
    public var lastFailure: AirbyteFailure?
    /// `failingAfterJobs` reached: failing repeatedly, not once.
    public var repeated: Bool

    public var disabled: Bool { status.map { $0 != "active" } ?? false }

    public var severity: Severity { consecutiveFailures > 0 ? .crit : disabled ? .warn : .ok }

    /// "failing: 3 failed jobs in a row; last: source · config_error · password authentication failed"
    public var text: String {
        var parts: [String] = []
        if disabled { parts.append("connection \(status ?? "disabled"): no syncs will run") }
        if consecutiveFailures > 0 {
            let count = consecutiveFailures == 1 ? "the last job failed" : "\(consecutiveFailures) failed jobs in a row"
            var line = (repeated ? "failing repeatedly: " : "") + count
            if let failure = lastFailure {
                line += "; last: " + [failure.origin ?? "unknown origin", failure.failureType ?? "unknown type", failure.message].joined(separator: " · ")
            }
            parts.append(line)
        }
        return parts.joined(separator: "; ")
    }
}

extension DashboardState {
    /// The trouble of `connection`, nil when it is enabled and its newest finished job did not fail.
    public func trouble(of connection: AirbyteConnection) -> ConnectionTrouble? {
        var failed = 0
        var lastFailure: AirbyteFailure?
        for job in connection.finishedJobs {
            guard job.status == .failed else { break }
            if failed == 0 { lastFailure = job.failures.last }
            failed += 1
        }
        let result = ConnectionTrouble(
            connectionID: connection.id, connection: connection.name, status: connection.status,
            consecutiveFailures: failed, lastFailure: lastFailure,
            repeated: failed >= verdictMemory.thresholds.failingAfterJobs)
        return result.severity == .ok ? nil : result
    }
}
