import Dispatch
@testable import EltopPollers
import Synchronization
import XCTest

/// The real clock's alarm, as the runtime uses it: one dispatch timer moved to each new deadline
/// (`PollAlarm.move`) rings at the time it was moved to, once per move, also after it has rung, and
/// not at the time it was moved away from. Order on one serial queue, not sleeps, tells what rang first.
final class DispatchAlarmTests: XCTestCase {
    private let queue = DispatchQueue(label: "DispatchAlarmTests")

    func testAnAlarmMovedSoonerRingsAtItsNewTime() {
        let rang = expectation(description: "rang")
        let alarm = SystemPollClock().alarm(after: 3600, on: queue) { rang.fulfill() }
        XCTAssertTrue(alarm.move(after: 0.01))
        wait(for: [rang], timeout: 10)
        alarm.cancel()
    }

    func testAnAlarmThatRangRingsAgainOnceWhenMoved() {
        let rings = Mutex(0)
        let first = expectation(description: "first ring")
        let second = expectation(description: "second ring")
        let alarm = SystemPollClock().alarm(after: 0.01, on: queue) {
            // A third ring would over-fulfil `second`: XCTest fails the test.
            if rings.withLock({ $0 += 1; return $0 }) == 1 { first.fulfill() } else { second.fulfill() }
        }
        wait(for: [first], timeout: 10)
        XCTAssertTrue(alarm.move(after: 0.01))
        wait(for: [second], timeout: 10)
        // Rung after its move, it is not due again: a later alarm on the same queue comes first.
        let later = expectation(description: "a later alarm")
        let marker = SystemPollClock().alarm(after: 0.05, on: queue) { later.fulfill() }
        wait(for: [later], timeout: 10)
        XCTAssertEqual(rings.withLock { $0 }, 2)
        alarm.cancel()
        marker.cancel()
    }

    func testAnAlarmMovedLaterDoesNotRingAtItsOldTime() {
        let moved = Mutex(false)
        let alarm = SystemPollClock().alarm(after: 0.02, on: queue) { moved.withLock { $0 = true } }
        XCTAssertTrue(alarm.move(after: 3600))
        let past = expectation(description: "an alarm past the old time")
        let marker = SystemPollClock().alarm(after: 0.2, on: queue) { past.fulfill() }
        wait(for: [past], timeout: 10)
        XCTAssertFalse(moved.withLock { $0 }, "moved an hour on, it did not ring at its old time")
        alarm.cancel()
        marker.cancel()
    }
}
