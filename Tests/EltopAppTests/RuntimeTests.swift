@testable import EltopApp
import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import Foundation
import XCTest

/// The headless runtime: time by deadlines, one round of polls for `snapshot`, every event published.
@MainActor
final class RuntimeTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_750_000_000)

    /// Records what the runtime publishes, as a recorder will.
    final class Published: RuntimeSubscriber {
        var events: [Event] = []
        func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) { events.append(event) }
    }

    func testTheClockTicksAtTheNextDeadlineAndNotBefore() async throws {
        var state = makeInitialState(now: start, options: AppOptions(), config: Config())
        state.source.health.configured = true
        state.source.health.lastSuccessAt = start.addingTimeInterval(-0.5)
        let clock = ManualClock(now: start)
        let runtime = Runtime(state: state, feeds: FeedCatalog(pollers: []), clock: clock)
        let published = Published()
        runtime.subscribe(published)
        let running = Task { await runtime.run() }
        let wake = try await waitUntil("the runtime sleeps until its deadline", seen: { clock.nextWake }) { $0 != nil }
        XCTAssertEqual(wake!.timeIntervalSince(start), 0.5, accuracy: 0.01, "the age \"0s\" becomes \"1s\" in 0.5 s")
        XCTAssertEqual(published.events, [], "nothing happens before the deadline")
        clock.advance(by: 0.4)
        XCTAssertEqual(published.events, [], "not yet: 0.1 s to go")
        clock.advance(by: wake!.timeIntervalSince(clock.now()))
        let seen = try await waitUntil("the tick arrives", seen: { published.events }) { !$0.isEmpty }
        XCTAssertEqual(seen, [.clockTicked(clock.now())])
        runtime.stop()
        _ = await running.value
    }

    func testNothingConfiguredMeansNoWakeAtAll() async throws {
        let clock = ManualClock(now: start)
        let runtime = Runtime(state: makeInitialState(now: start, options: AppOptions(), config: Config()), feeds: FeedCatalog(pollers: []), clock: clock)
        let running = Task { await runtime.run() }
        runtime.send(.actionRequested(.focusNext))  // a change: the runtime looks for a deadline again
        XCTAssertNil(clock.nextWake, "an unconfigured dashboard has nothing that moves with time")
        runtime.stop()
        _ = await running.value
    }

    func testOneRoundOfPollsStopsAfterEveryFeedAnsweredOnce() async throws {
        var state = makeInitialState(now: start, options: AppOptions(), config: Config())
        state.source.health.configured = true
        state.dbt.health.configured = true
        let source = CountingPoller(feed: .source), dbt = CountingPoller(feed: .dbt)
        let schedules: [Feed: PollSchedule] = [.source: PollSchedule(intervalSeconds: 1, timeoutSeconds: 5), .dbt: PollSchedule(intervalSeconds: 1, timeoutSeconds: 5)]
        let clock = ManualClock(now: start)
        let final = await SnapshotOutput.oneRound(state, feeds: FeedCatalog(pollers: [source, dbt], schedules: schedules), clock: clock)
        XCTAssertEqual(final.source.health.lastError, "poll 1 refused")
        XCTAssertEqual(final.dbt.health.lastError, "poll 1 refused")
        XCTAssertEqual([source.polls, dbt.polls], [1, 1], "one round, no second poll")
    }
}
