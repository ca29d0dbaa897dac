import EltopCore
import EltopTestSupport
import XCTest

/// Data older than twice its poll interval is stale and never shows as ok; failures show as error
/// with the last good data's age kept; recoveries and stale transitions reach the timeline once.
final class StalenessTests: XCTestCase {
    let t0 = StateFixtures.now

    func testFreshDataShowsItsSeverityUntilTwiceTheInterval() {
        var state = StateFixtures.loading()  // source polls every 5 s
        _ = reduce(&state, .pollSucceeded(.source(SourceReading(serverVersion: "15", slots: [])), at: t0))
        _ = reduce(&state, .clockTicked(t0.addingTimeInterval(10)))
        XCTAssertEqual(state.status(.source), .ok)
        _ = reduce(&state, .clockTicked(t0.addingTimeInterval(10.5)))
        XCTAssertEqual(state.status(.source), .stale)
        XCTAssertEqual(state.source.health.age(now: state.now), 10.5)
    }

    func testStalenessIsLoggedOnceAndFreshDataAgainIsLogged() {
        var state = StateFixtures.loading()
        _ = reduce(&state, .pollSucceeded(.source(SourceReading(serverVersion: "15", slots: [])), at: t0))
        _ = reduce(&state, .clockTicked(t0.addingTimeInterval(11)))
        _ = reduce(&state, .clockTicked(t0.addingTimeInterval(12)))
        XCTAssertEqual(state.timeline.entries.map(\.message), ["no new data for 11s: showing stale figures"])
        _ = reduce(&state, .pollSucceeded(.source(SourceReading(serverVersion: "15", slots: [])), at: t0.addingTimeInterval(12)))
        XCTAssertEqual(state.timeline.entries.first?.message, "fresh data again")
        XCTAssertEqual(state.status(.source), .ok)
    }

    func testFailureKeepsLastGoodDataAndItsAge() {
        var state = StateFixtures.loading()
        let reading = SourceReading(serverVersion: "15", slots: [])
        _ = reduce(&state, .pollSucceeded(.source(reading), at: t0))
        _ = reduce(&state, .pollFailed(.source, message: "connection refused", at: t0.addingTimeInterval(5), nextAttemptAt: t0.addingTimeInterval(10)))
        _ = reduce(&state, .clockTicked(t0.addingTimeInterval(6)))
        XCTAssertEqual(state.status(.source), .error)
        XCTAssertEqual(state.source.reading, reading, "the last good data stays")
        XCTAssertEqual(state.source.health.age(now: state.now), 6)
        XCTAssertEqual(state.source.health.consecutiveFailures, 1)
        XCTAssertEqual(state.source.health.nextAttemptAt, t0.addingTimeInterval(10))
    }

    func testRepeatedIdenticalFailuresAreLoggedOnceAndRecoveryOnce() {
        var state = StateFixtures.loading()
        for i in 0..<5 {
            _ = reduce(&state, .pollFailed(.airbyte, message: "HTTP 502", at: t0.addingTimeInterval(Double(i)), nextAttemptAt: nil))
        }
        XCTAssertEqual(state.airbyte.health.consecutiveFailures, 5)
        XCTAssertEqual(state.timeline.entries.count, 1)
        _ = reduce(&state, .pollFailed(.airbyte, message: "HTTP 503", at: t0.addingTimeInterval(6), nextAttemptAt: nil))
        XCTAssertEqual(state.timeline.entries.count, 2, "a different error is news")
        _ = reduce(&state, .pollSucceeded(.airbyte(AirbyteReading(connections: [])), at: t0.addingTimeInterval(7)))
        XCTAssertEqual(state.timeline.entries.first?.message, "recovered")
        XCTAssertEqual(state.airbyte.health.consecutiveFailures, 0)
        XCTAssertNil(state.airbyte.health.lastError)
    }

    func testUnconfiguredAndLoadingStatuses() {
        XCTAssertEqual(StateFixtures.unconfigured().status(.dbt), .unconfigured)
        XCTAssertEqual(StateFixtures.loading().status(.dbt), .stale, "no data yet is never ok")
    }

    func testSeverityFromData() {
        let state = StateFixtures.ok()
        XCTAssertEqual(state.status(.source), .warn, "a slot with wal_status extended")
        XCTAssertEqual(state.status(.airbyte), .crit, "a connection whose last job failed")
        XCTAssertEqual(state.status(.dbt), .crit, "a model in error")
        XCTAssertEqual(state.status(.warehouse), .ok)
    }
}
