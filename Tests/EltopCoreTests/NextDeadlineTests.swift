import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// The runtime wakes exactly when something on screen changes with time, never in between.
final class NextDeadlineTests: XCTestCase {
    private let now = StateFixtures.now

    func testNothingConfiguredMeansNoDeadlineAtAll() {
        XCTAssertNil(nextDeadline(StateFixtures.unconfigured()))
    }

    func testAFreshAgeWakesWhenItsShownSecondChanges() throws {
        var state = StateFixtures.unconfigured()
        state.source.health.configured = true
        state.source.health.pollInterval = 60
        state.source.health.lastSuccessAt = now.addingTimeInterval(-2.4)
        let deadline = try XCTUnwrap(nextDeadline(state))
        XCTAssertEqual(deadline.timeIntervalSince(now), 0.6, accuracy: 0.01, "2.4 s shows \"2s\"; \"3s\" comes 0.6 s later")
    }

    func testLongAgesWakeOnlyWhenTheirCoarserTextChanges() {
        XCTAssertEqual(DurationText.nextChange(after: 59.5), 60)
        XCTAssertEqual(DurationText.nextChange(after: 70.2), 71, "\"1m10s\" moves every second under ten minutes")
        XCTAssertEqual(DurationText.nextChange(after: 700), 720, "\"11m\" moves only at the minute")
        XCTAssertEqual(DurationText.nextChange(after: 90_000), 90_000 + 3_600 - 90_000.truncatingRemainder(dividingBy: 3_600))
        for seconds in [0.0, 5, 59.9, 61, 599, 601, 3_599, 3_661, 86_401] {
            let next = DurationText.nextChange(after: seconds)
            XCTAssertEqual(DurationText.short(seconds), DurationText.short(next - 0.01), "the text changed before \(next) (from \(seconds))")
            XCTAssertNotEqual(DurationText.short(seconds), DurationText.short(next), "nothing changed at \(next) (from \(seconds))")
        }
    }

    func testStalenessAtTwiceTheIntervalComesBeforeTheNextMinute() throws {
        var state = StateFixtures.unconfigured()
        state.warehouse.health.configured = true
        state.warehouse.health.pollInterval = 300
        state.warehouse.health.lastSuccessAt = now.addingTimeInterval(-599.5)
        let deadline = try XCTUnwrap(nextDeadline(state))
        XCTAssertEqual(deadline.timeIntervalSince(now), 0.5, accuracy: 0.01, "\"9m59s\" → \"10m\" and stale at 600 s: both 0.5 s from now")
        var later = state
        later.now = deadline
        XCTAssertEqual(later.status(.warehouse), .stale, "the tick lands where the feed already is stale: \(later.health(.warehouse))")
    }

    func testAFailingFeedCountsDownToItsRetry() throws {
        var state = StateFixtures.unconfigured()
        state.airbyte.health.configured = true
        state.airbyte.health.lastError = "connection refused"
        state.airbyte.health.nextAttemptAt = now.addingTimeInterval(7.3)
        let deadline = try XCTUnwrap(nextDeadline(state))
        XCTAssertEqual(deadline.timeIntervalSince(now), 0.3, accuracy: 0.01, "\"Retry in 7s\" becomes \"6s\" 0.3 s from now")
    }

    func testAfterEachTickTheNextDeadlineIsLater() {
        var state = StateFixtures.ok(secondsAgo: 0.25)
        var previous = state.now
        for _ in 0..<200 {
            guard let next = nextDeadline(state) else { return XCTFail("a configured dashboard always has an age to move") }
            XCTAssertGreaterThan(next, previous, "a deadline that does not move would spin the runtime")
            previous = next
            _ = reduce(&state, .clockTicked(next))
        }
        XCTAssertGreaterThan(state.now.timeIntervalSince(StateFixtures.now), 60, "200 wakes cover more than a minute of ages")
    }
}
