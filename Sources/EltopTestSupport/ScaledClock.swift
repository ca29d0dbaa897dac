import EltopPollers
import Foundation

/// A poll clock for tests: records every wait it is asked for and really waits only a small fraction of
/// it, so schedules with minutes of backoff run in milliseconds while races (a poll against its timeout)
/// still run in real order.
public final class ScaledClock: PollClock, @unchecked Sendable {
    private let scale: Double
    private let lock = NSLock()
    private var requested: [Double] = []

    /// - Parameter scale: real seconds waited per requested second.
    public init(scale: Double = 0.01) {
        self.scale = scale
    }

    public func now() -> Date { Date() }

    public func sleep(seconds: Double) async throws {
        lock.withLock { requested.append(seconds) }
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds * scale) * 1_000_000_000))
    }

    /// Every wait asked for so far, in order.
    public var sleeps: [Double] { lock.withLock { requested } }
}
