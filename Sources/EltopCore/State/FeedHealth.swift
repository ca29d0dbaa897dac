import Foundation

/// Where a feed's data stands: configured or not, when it was last observed, and why the last poll failed.
///
/// Ages and staleness are derived from `now` (which lives in the state), never from a clock, so rendering
/// stays a pure function and tests use a fixed time.
public struct FeedHealth: Codable, Equatable, Sendable {
    /// False when no config key or env var points at the system; the pane then says how to configure it.
    public var configured: Bool
    /// What to set to configure this feed, e.g. "set ELTOP_SOURCE_URL or source.url in eltop.yaml".
    public var configureHint: String
    /// The poll interval in seconds; data older than twice this is stale.
    public var pollInterval: TimeInterval
    /// When the data now held was observed.
    public var lastSuccessAt: Date?
    /// When the last poll failed, and why. Cleared by the next success.
    public var lastFailureAt: Date?
    public var lastError: String?
    public var consecutiveFailures: Int = 0
    /// When the poller will try next after a failure (backoff), if known.
    public var nextAttemptAt: Date?

    public init(configured: Bool, configureHint: String, pollInterval: TimeInterval) {
        self.configured = configured
        self.configureHint = configureHint
        self.pollInterval = pollInterval
    }

    /// Seconds since the data was observed, or nil when nothing was ever observed.
    public func age(now: Date) -> TimeInterval? {
        lastSuccessAt.map { max(0, now.timeIntervalSince($0)) }
    }

    /// Data older than twice the poll interval is stale: it must never look fresh.
    public func isStale(now: Date) -> Bool {
        guard let age = age(now: now) else { return false }
        return age > 2 * pollInterval
    }

    /// The phase that decides what a pane draws before it draws any data.
    public func phase(now: Date) -> FeedPhase {
        if !configured { return .unconfigured }
        if lastError != nil { return .failing }
        if lastSuccessAt == nil { return .loading }
        return isStale(now: now) ? .stale : .fresh
    }
}

/// The life of a feed as a pane shows it.
public enum FeedPhase: String, Sendable {
    /// Nothing points at the system.
    case unconfigured
    /// Configured, first poll not answered yet.
    case loading
    /// The last poll succeeded within twice the interval.
    case fresh
    /// The last success is older than twice the interval (and no error is known).
    case stale
    /// The last poll failed; any data shown is the last good data, with its age.
    case failing
}
