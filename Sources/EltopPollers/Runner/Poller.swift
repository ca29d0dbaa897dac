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

/// A poller that makes the wait before each poll itself, where it waits anyway: the source's connection
/// thread sleeps in poll(2) for the interval and then sends its statement. A poll then arms no timer for
/// the interval (dispatch's manager thread woken to arm it, again to fire it, then a pool thread for the
/// sleeping task) and hops to no task between the wait and the statement. The runner paces it this way
/// only on the wall clock: a test's clock cannot move the kernel's.
public protocol PacedPoller: DeadlinePoller {
    /// Waits `delay` seconds (less when `cutWait` ends it), calls `started` as the poll itself begins,
    /// then polls as `poll(within:)` does.
    func poll(after delay: Double, within seconds: Double, started: @escaping @Sendable () -> Void) async throws -> Reading
    /// Ends the wait of a `poll(after:within:started:)` under way and returns true: that poll answers a
    /// refresh. False when none is waiting (its poll is running): the runner then polls again at once.
    func cutWait() -> Bool
}
