import EltopPollers
import Foundation
import Synchronization

/// A clock for tests that moves only when the test says so: `sleep` waits until `advance(by:)` has
/// moved `now` past its end, so a schedule of minutes runs in no time and in a known order, and no test
/// guesses how long real work takes.
public final class ManualClock: PollClock, Sendable {
    private struct Sleeper {
        let until: Date
        let continuation: CheckedContinuation<Void, Error>
    }

    private struct Timeline {
        var now: Date
        var nextID: UInt64 = 0
        var sleepers: [UInt64: Sleeper] = [:]
        /// Sleeps cancelled before they were registered (the cancellation handler ran first).
        var cancelled: Set<UInt64> = []
        /// Every wait asked for, in order.
        var requested: [Double] = []
    }

    private let timeline: Mutex<Timeline>

    public init(now: Date = Date(timeIntervalSince1970: 1_750_000_000)) {
        timeline = Mutex(Timeline(now: now))
    }

    public func now() -> Date { timeline.withLock { $0.now } }

    public func sleep(seconds: Double) async throws {
        let id = timeline.withLock { timeline in
            timeline.requested.append(seconds)
            timeline.nextID += 1
            return timeline.nextID
        }
        try Task.checkCancellation()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, Error>) in
                let outcome: Result<Void, Error>? = timeline.withLock { timeline in
                    if timeline.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    let until = timeline.now.addingTimeInterval(max(0, seconds))
                    if seconds <= 0 { return .success(()) }
                    timeline.sleepers[id] = Sleeper(until: until, continuation: c)
                    return nil
                }
                if let outcome { c.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = timeline.withLock { timeline in
                guard let sleeper = timeline.sleepers.removeValue(forKey: id) else {
                    timeline.cancelled.insert(id)
                    return nil as Sleeper?
                }
                return sleeper
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time on and wakes every sleep that has ended by then, earliest first.
    public func advance(by seconds: Double) {
        let due = timeline.withLock { timeline in
            timeline.now = timeline.now.addingTimeInterval(seconds)
            let now = timeline.now
            let ended = timeline.sleepers.filter { $0.value.until <= now }.sorted { $0.value.until < $1.value.until }
            for (id, _) in ended { timeline.sleepers[id] = nil }
            return ended.map(\.value.continuation)
        }
        for continuation in due { continuation.resume() }
    }

    /// How many sleeps are waiting now.
    public var sleeperCount: Int { timeline.withLock { $0.sleepers.count } }

    /// When the earliest waiting sleep ends, if any sleeps.
    public var nextWake: Date? { timeline.withLock { $0.sleepers.values.map(\.until).min() } }

    /// Every wait asked for so far, in order.
    public var sleeps: [Double] { timeline.withLock { $0.requested } }
}

/// Waits until `condition` holds, looking every few milliseconds of real time; after `timeout` real
/// seconds it throws, saying what it waited for and what it saw last.
///
/// A correctness wait, not a timing assertion: work on other tasks (a poll, a child process) ends when
/// it ends, and the deadline only stops a broken test from hanging.
public func waitUntil<Seen>(
    _ what: String, timeout: TimeInterval = 10, isolation: isolated (any Actor)? = #isolation,
    seen: () async -> Seen, _ condition: (Seen) -> Bool
) async throws -> Seen {
    let deadline = Date().addingTimeInterval(timeout)
    var last = await seen()
    while !condition(last) {
        guard Date() < deadline else { throw WaitTimedOut(description: "timed out after \(timeout)s waiting until \(what); last seen: \(last)") }
        try await Task.sleep(for: .milliseconds(2))
        last = await seen()
    }
    return last
}

/// What `waitUntil` throws at its deadline.
public struct WaitTimedOut: Error, CustomStringConvertible {
    public let description: String
}
