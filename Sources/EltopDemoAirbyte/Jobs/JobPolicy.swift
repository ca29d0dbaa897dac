import Foundation

/// How jobs run: retries, the pause between attempts, how often running stats reach the store.
public struct DemoJobPolicy: Sendable, Equatable {
    /// Attempts per job, the first included (Airbyte retries a failed attempt; 3 keeps a broken
    /// source from retrying for long in a demo).
    public var maxAttempts: Int
    /// Pause between a failed attempt and the next: long enough for a poller to see `incomplete`.
    public var retryDelay: Duration
    /// How often the running attempt's counts are written to the store, as Airbyte's worker flushes
    /// stats every few seconds rather than per record.
    public var statsFlushInterval: Duration
    /// Fail every job's first attempt on purpose, so tools can be tested against `incomplete` and a retry.
    public var failFirstAttempt: Bool

    public init(maxAttempts: Int = 3, retryDelay: Duration = .seconds(10), statsFlushInterval: Duration = .seconds(5), failFirstAttempt: Bool = false) {
        self.maxAttempts = max(1, maxAttempts)
        self.retryDelay = retryDelay
        self.statsFlushInterval = statsFlushInterval
        self.failFirstAttempt = failFirstAttempt
    }

    /// The failure the switch forces: transient, so the retry that follows is what Airbyte would do.
    static let forcedFailure = AttemptFailure(
        failureOrigin: "replication", failureType: "transient_error",
        externalMessage: "The first attempt was failed on purpose (--fail-first-attempt); Airbyte retries it.",
        retryable: true)
}
