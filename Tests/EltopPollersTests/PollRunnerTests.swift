import EltopCore
@testable import EltopPollers
import EltopTestSupport
import Foundation
import XCTest

/// The poll loop: interval, capped exponential backoff, recovery, timeout, refresh-now and cancellation.
final class PollRunnerTests: XCTestCase {
    /// A poller whose answers are scripted: each call takes the next outcome (the last one repeats).
    final class ScriptedPoller: Poller, @unchecked Sendable {
        enum Outcome { case ok, fail(String), hang }
        let feed = Feed.source
        private let lock = NSLock()
        private var script: [Outcome]
        private(set) var calls = 0

        init(_ script: [Outcome]) { self.script = script }

        func poll() async throws -> Reading {
            let outcome: Outcome = lock.withLock {
                calls += 1
                return script.count > 1 ? script.removeFirst() : script[0]
            }
            switch outcome {
            case .ok: return .source(SourceReading(serverVersion: "15", slots: []))
            case .fail(let message): throw PGLikeError(message: message)
            case .hang:
                try await Task.sleep(nanoseconds: 60_000_000_000)
                return .source(SourceReading(serverVersion: "15", slots: []))
            }
        }
    }

    struct PGLikeError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Collects events until `count` arrived, then cancels the runner.
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var events: [Event] = []
        var onEvent: (([Event]) -> Void)?
        func add(_ e: Event) { lock.withLock { events.append(e) }; onEvent?(lock.withLock { events }) }
    }

    private func run(_ poller: Poller, schedule: PollSchedule, clock: ScaledClock, until count: Int, random: Double = 0.5) async -> [Event] {
        let collector = Collector()
        let runner = PollRunner(poller: poller, schedule: schedule, clock: clock, random: { random }, sink: { collector.add($0) })
        let task = Task { await runner.run() }
        collector.onEvent = { if $0.count >= count { task.cancel() } }
        await task.value
        return collector.events
    }

    func testHealthyFeedPollsAtTheInterval() async {
        let clock = ScaledClock()
        let events = await run(ScriptedPoller([.ok]), schedule: PollSchedule(intervalSeconds: 5, timeoutSeconds: 100, jitterFraction: 0.1), clock: clock, until: 3)
        XCTAssertEqual(events.count, 3)
        XCTAssertTrue(events.allSatisfy { if case .pollSucceeded = $0 { return true } else { return false } })
        XCTAssertEqual(clock.sleeps.filter { $0 != 100 }.prefix(2), [5, 5], "random 0.5 means no jitter")
    }

    func testFailuresBackOffExponentiallyToTheCapAndRecoveryResets() async {
        let clock = ScaledClock(scale: 0.001)
        let poller = ScriptedPoller([.fail("down"), .fail("down"), .fail("down"), .fail("down"), .fail("down"), .ok])
        let schedule = PollSchedule(intervalSeconds: 5, timeoutSeconds: 1000, jitterFraction: 0.1, backoffCapSeconds: 30)
        let events = await run(poller, schedule: schedule, clock: clock, until: 7)
        let waits = clock.sleeps.filter { $0 != 1000 }
        XCTAssertEqual(Array(waits.prefix(6)), [5, 10, 20, 30, 30, 5])
        guard case .pollFailed(let feed, let message, let at, let next) = events[1] else { return XCTFail("expected a failure, got \(events[1])") }
        XCTAssertEqual(feed, .source)
        XCTAssertEqual(message, "down")
        XCTAssertEqual(next!.timeIntervalSince(at), 10, accuracy: 0.001, "the event says when the retry comes")
        guard case .pollSucceeded = events[5] else { return XCTFail("expected recovery") }
    }

    func testJitterStretchesOrShrinksTheWaitWithinItsFraction() async {
        let poller = ScriptedPoller([.ok])
        let low = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 10, jitterFraction: 0.2), random: { 0 }, sink: { _ in })
        let high = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 10, jitterFraction: 0.2), random: { 0.999999 }, sink: { _ in })
        let lowDelay = await low.nextDelay(), highDelay = await high.nextDelay()
        XCTAssertEqual(lowDelay, 8, accuracy: 0.001)
        XCTAssertEqual(highDelay, 12, accuracy: 0.001)
    }

    func testAPollThatHangsTimesOut() async {
        let clock = ScaledClock(scale: 0.01)
        let runner = PollRunner(poller: ScriptedPoller([.hang]), schedule: PollSchedule(intervalSeconds: 5, timeoutSeconds: 3), clock: clock, sink: { _ in })
        let started = Date()
        let event = await runner.pollOnce()
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "returns at the (scaled) deadline, not when the poll ends")
        guard case .pollFailed(_, let message, _, _) = event else { return XCTFail("expected a timeout, got \(event)") }
        XCTAssertEqual(message, "no answer within 3s")
    }

    func testPollNowCutsTheWaitShort() async {
        let clock = ScaledClock(scale: 1)  // real time: a 600 s interval would outlast the test
        let poller = ScriptedPoller([.ok])
        let collector = Collector()
        let runner = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 600, timeoutSeconds: 5), clock: clock, random: { 0.5 }, sink: { collector.add($0) })
        let task = Task { await runner.run() }
        while collector.events.count < 1 { try? await Task.sleep(nanoseconds: 5_000_000) }
        await runner.pollNow()
        let deadline = Date().addingTimeInterval(5)
        while collector.events.count < 2 && Date() < deadline { try? await Task.sleep(nanoseconds: 5_000_000) }
        XCTAssertEqual(collector.events.count, 2, "refresh-now polled again without waiting 600 s")
        task.cancel()
        await task.value
    }

    func testCancellationEndsTheLoop() async {
        let clock = ScaledClock(scale: 1)
        let runner = PollRunner(poller: ScriptedPoller([.ok]), schedule: PollSchedule(intervalSeconds: 600), clock: clock, sink: { _ in })
        let task = Task { await runner.run() }
        try? await Task.sleep(nanoseconds: 50_000_000)
        task.cancel()
        await task.value  // returns: the loop noticed
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
