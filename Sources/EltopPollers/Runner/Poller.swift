import EltopCore

/// Something that can read one feed once. The poll runner decides when, how often and how long to wait.
///
/// A poller throws on failure with a message a person can act on (`LocalizedError` or
/// `CustomStringConvertible`); it never logs to the screen and never retries by itself.
public protocol Poller: Sendable {
    var feed: Feed { get }
    func poll() async throws -> Reading
}

/// A poller that keeps the poll's time limit itself, in the wait it makes anyway (the source's libpq
/// socket in poll(2), with the deadline as poll's timeout), instead of the runner racing the poll
/// against an alarm in a second task (`withTimeout`): no task started, no timer armed and called off,
/// per poll. Past the deadline it throws `PollTimeout`; when its task is cancelled it returns at once,
/// as `withTimeout` does.
public protocol DeadlinePoller: Poller {
    func poll(within seconds: Double) async throws -> Reading
}
