import EltopCore
@testable import EltopPollers
import EltopTestSupport
import Foundation
import Synchronization
import XCTest

/// The poll loop: interval, capped exponential backoff, recovery, timeout, refresh-now and cancellation,
/// on a manual clock: time moves only when the test advances it to the runner's next wake.
final class PollRunnerTests: XCTestCase {
    /// A poller whose answers are scripted: each call takes the next outcome (the last one repeats).
    final class ScriptedPoller: Poller, Sendable {
        enum Outcome: Sendable { case ok, fail(String), hang }
        let feed = Feed.source
        private let script: Mutex<[Outcome]>

        init(_ script: [Outcome]) { self.script = Mutex(script) }

        func poll() async throws -> Reading {
            let outcome = script.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }
            switch outcome {
            case .ok: return .source(SourceReading(serverVersion: "15", slots: []))
            case .fail(let message): throw PGLikeError(message: message)
            case .hang:
                try await Task.sleep(for: .seconds(60))
                return .source(SourceReading(serverVersion: "15", slots: []))
            }
        }
    }

    struct PGLikeError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// The events a runner reported, in order.
    final class Collector: Sendable {
        private let received = Mutex<[Event]>([])
        func add(_ e: Event) { received.withLock { $0.append(e) } }
        var events: [Event] { received.withLock { $0 } }
    }

    /// Runs `poller` until `count` events arrived, advancing the clock to each wait between polls (never to
    /// a poll's timeout, which every schedule here sets far beyond its waits).
    private func run(_ poller: Poller, schedule: PollSchedule, clock: ManualClock, until count: Int, random: Double = 0.5) async throws -> [Event] {
        let collector = Collector()
        let runner = PollRunner(poller: poller, schedule: schedule, clock: clock, random: { random }, sink: { collector.add($0) })
        let task = Task { await runner.run() }
        defer { task.cancel() }
        for reported in 1...count {
            _ = try await waitUntil("poll \(reported) reports", seen: { collector.events.count }) { $0 >= reported }
            if reported == count { break }
            let wake = try await waitUntil("the runner waits after poll \(reported)", seen: { clock.pauseWake(before: schedule.timeoutSeconds) }) { $0 != nil }
            clock.advance(by: wake!.timeIntervalSince(clock.now()))
        }
        task.cancel()
        await task.value
        return collector.events
    }

    func testHealthyFeedPollsAtTheInterval() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let events = try await run(ScriptedPoller([.ok]), schedule: PollSchedule(intervalSeconds: 5, timeoutSeconds: 100, jitterFraction: 0.1), clock: clock, until: 3)
        XCTAssertEqual(events.count, 3)
        XCTAssertTrue(events.allSatisfy { if case .pollSucceeded = $0 { return true } else { return false } }, "\(events)")
        XCTAssertEqual(clock.sleeps.filter { $0 != 100 }.prefix(2), [5, 5], "random 0.5 means no jitter")
        XCTAssertEqual(clock.now().timeIntervalSince(start), 10, "two waits of 5 s between three polls")
    }

    func testFailuresBackOffExponentiallyToTheCapAndRecoveryResets() async throws {
        let clock = ManualClock()
        let poller = ScriptedPoller([.fail("down"), .fail("down"), .fail("down"), .fail("down"), .fail("down"), .ok])
        let schedule = PollSchedule(intervalSeconds: 5, timeoutSeconds: 1000, jitterFraction: 0.1, backoffCapSeconds: 30)
        let events = try await run(poller, schedule: schedule, clock: clock, until: 7)
        let waits = clock.sleeps.filter { $0 != 1000 }
        XCTAssertEqual(Array(waits.prefix(6)), [5, 10, 20, 30, 30, 5])
        guard case .pollFailed(let feed, let message, let at, let next) = events[1] else { return XCTFail("expected a failure, got \(events[1])") }
        XCTAssertEqual(feed, .source)
        XCTAssertEqual(message, "down")
        XCTAssertEqual(next!.timeIntervalSince(at), 10, accuracy: 0.001, "the event says when the retry comes")
        guard case .pollSucceeded = events[5] else { return XCTFail("expected recovery, got \(events[5])") }
    }

    func testJitterStretchesOrShrinksTheWaitWithinItsFraction() async {
        let poller = ScriptedPoller([.ok])
        let low = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 10, jitterFraction: 0.2), random: { 0 }, sink: { _ in })
        let high = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 10, jitterFraction: 0.2), random: { 0.999999 }, sink: { _ in })
        let lowDelay = await low.nextDelay(), highDelay = await high.nextDelay()
        XCTAssertEqual(lowDelay, 8, accuracy: 0.001)
        XCTAssertEqual(highDelay, 12, accuracy: 0.001)
    }

    func testAPollThatHangsTimesOut() async throws {
        let clock = ManualClock()
        let runner = PollRunner(poller: ScriptedPoller([.hang]), schedule: PollSchedule(intervalSeconds: 5, timeoutSeconds: 3), clock: clock, sink: { _ in })
        let poll = Task { await runner.pollOnce() }
        _ = try await waitUntil("the timeout's timer waits", seen: { clock.nextWake }) { $0 != nil }
        clock.advance(by: 3)
        let event = await poll.value
        guard case .pollFailed(_, let message, _, _) = event else { return XCTFail("expected a timeout, got \(event)") }
        XCTAssertEqual(message, "no answer within 3s")
    }

    /// A poller that keeps the time limit itself: told the schedule's timeout, it answers or throws
    /// `PollTimeout`; it is not raced against an alarm on the runner's clock (none is set).
    final class DeadlineKeepingPoller: DeadlinePoller, Sendable {
        let feed = Feed.source
        private let limits = Mutex<[Double]>([])
        var limitsSeen: [Double] { limits.withLock { $0 } }

        func poll() async throws -> Reading {
            XCTFail("a runner asks a DeadlinePoller for a poll within its timeout")
            return .source(SourceReading(serverVersion: "15", slots: []))
        }

        func poll(within seconds: Double) async throws -> Reading {
            let count = limits.withLock { $0.append(seconds); return $0.count }
            if count == 1 { throw PollTimeout(seconds: seconds) }
            return .source(SourceReading(serverVersion: "15", slots: []))
        }
    }

    func testADeadlinePollerKeepsTheTimeoutItself() async throws {
        let clock = ManualClock()
        let poller = DeadlineKeepingPoller()
        let runner = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 5, timeoutSeconds: 3), clock: clock, sink: { _ in })
        let timedOut = await runner.pollOnce()
        guard case .pollFailed(_, let message, _, _) = timedOut else { return XCTFail("expected its timeout, got \(timedOut)") }
        XCTAssertEqual(message, "no answer within 3s")
        let answered = await runner.pollOnce()
        guard case .pollSucceeded = answered else { return XCTFail("expected its answer, got \(answered)") }
        XCTAssertEqual(poller.limitsSeen, [3, 3])
        XCTAssertEqual(clock.sleeps, [], "no alarm on the runner's clock")
    }

    func testPollNowCutsTheWaitShort() async throws {
        let clock = ManualClock()
        let collector = Collector()
        let runner = PollRunner(poller: ScriptedPoller([.ok]), schedule: PollSchedule(intervalSeconds: 600, timeoutSeconds: 5), clock: clock, random: { 0.5 }, sink: { collector.add($0) })
        let task = Task { await runner.run() }
        _ = try await waitUntil("the first poll reports", seen: { collector.events.count }) { $0 >= 1 }
        _ = try await waitUntil("the runner waits its 600 s", seen: { clock.pauseWake(before: 5 + 1) }) { $0 == nil && clock.sleeperCount > 0 }
        await runner.pollNow()
        let seen = try await waitUntil("refresh-now polls again", seen: { collector.events.count }) { $0 >= 2 }
        XCTAssertEqual(seen, 2)
        XCTAssertEqual(clock.sleeps.first { $0 == 600 }, 600, "the runner was in its 600 s wait, which the clock never reached")
        task.cancel()
        await task.value
    }

    func testCancellationEndsTheLoop() async throws {
        let clock = ManualClock()
        let collector = Collector()
        let runner = PollRunner(poller: ScriptedPoller([.ok]), schedule: PollSchedule(intervalSeconds: 600), clock: clock, sink: { collector.add($0) })
        let task = Task { await runner.run() }
        _ = try await waitUntil("the first poll reports", seen: { collector.events.count }) { $0 >= 1 }
        task.cancel()
        await task.value  // returns: the loop noticed, though the clock never reached the next poll
        XCTAssertEqual(collector.events.count, 1)
    }

    func testBackoffFormula() {
        let backoff = Backoff(baseSeconds: 2, capSeconds: 60)
        XCTAssertEqual((1...7).map { backoff.delay(afterFailures: $0) }, [2, 4, 8, 16, 32, 60, 60])
        XCTAssertEqual(backoff.delay(afterFailures: 500), 60)
    }
}

/// Errors reach panes and the timeline as one line.
final class ErrorTextTests: XCTestCase {
    struct MultiLine: Error, CustomStringConvertible {
        var description: String { "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n" }
    }

    func testWhiteSpaceRunsBecomeOneSpace() {
        XCTAssertEqual(
            ErrorText.describe(MultiLine()),
            "server closed the connection unexpectedly This probably means the server terminated abnormally")
    }
}

extension ManualClock {
    /// The earliest wake that ends sooner than `limit` seconds from now: a wait between polls, never
    /// a poll's own timeout.
    func pauseWake(before limit: Double) -> Date? {
        guard let wake = nextWake, wake.timeIntervalSince(now()) < limit else { return nil }
        return wake
    }
}
