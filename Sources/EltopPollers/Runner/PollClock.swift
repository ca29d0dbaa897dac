import Foundation

/// The clock a poll runner (and the runtime) reads and sleeps on; tests inject one that does not really wait.
public protocol PollClock: Sendable {
    func now() -> Date
    /// Sleeps for `seconds`; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

/// Wall-clock time and real sleeping.
public struct SystemPollClock: PollClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(seconds: Double) async throws {
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
}
