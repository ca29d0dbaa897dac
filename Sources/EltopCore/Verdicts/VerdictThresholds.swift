import Foundation

/// When the verdicts turn: set from `airbyte.stall_after` and `airbyte.failing_after` in the config
/// (docs/configuration.md). The panes, `snapshot --json` and `eltop check` all read the same values.
public struct VerdictThresholds: Codable, Equatable, Sendable {
    /// A running job whose counts and walsender have not moved for this long is stalled. Airbyte flushes
    /// its counts about every 10 s and a quiet source still sends keepalive WAL, so ten minutes of
    /// neither is not a pause.
    public var stallAfterSeconds: TimeInterval = 600
    /// This many failed jobs in a row, newest first, is "failing repeatedly" (CRITICAL); fewer is the
    /// last sync failing, which the Airbyte pane already marks.
    public var failingAfterJobs: Int = 3

    public init(stallAfterSeconds: TimeInterval = 600, failingAfterJobs: Int = 3) {
        self.stallAfterSeconds = stallAfterSeconds
        self.failingAfterJobs = failingAfterJobs
    }
}
