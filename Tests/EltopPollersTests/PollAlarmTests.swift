import Dispatch
@testable import EltopPollers
import EltopTestSupport
import Foundation
import Synchronization
import XCTest

/// The real clock's alarms, as the runtime uses them: the one alarm moved to each new deadline
/// (`PollAlarm.move`) rings at the time it was moved to, once per move, also after it has rung, not at
/// the time it was moved away from, and not once cancelled. Both kinds: a dispatch timer (`alarm`, the
/// polls' timeouts) and a timerfd with its own thread (`movableAlarm`, the runtime's deadline), whose
/// thread ends with it. Order on one serial queue, not sleeps, tells what rang first.
final class PollAlarmTests: XCTestCase {
    private let queue = DispatchQueue(label: "PollAlarmTests")
    private typealias MakeAlarm = (Double, DispatchQueue, @escaping @Sendable () -> Void) -> PollAlarm
    private let kinds: [(String, MakeAlarm)] = [
        ("dispatch timer", { SystemPollClock().alarm(after: $0, on: $1, $2) }),
        ("movable alarm", { SystemPollClock().movableAlarm(after: $0, on: $1, $2) }),
    ]

    func testAnAlarmMovedSoonerRingsAtItsNewTime() {
        for (kind, make) in kinds {
            let rang = expectation(description: "\(kind) rang")
            let alarm = make(3600, queue) { rang.fulfill() }
            XCTAssertTrue(alarm.move(after: 0.01), kind)
            wait(for: [rang], timeout: 10)
            alarm.cancel()
        }
    }

    func testAnAlarmThatRangRingsAgainOnceWhenMoved() {
        for (kind, make) in kinds {
            let rings = Mutex(0)
            let first = expectation(description: "\(kind): first ring")
            let second = expectation(description: "\(kind): second ring")
            let alarm = make(0.01, queue) {
                // A third ring would over-fulfil `second`: XCTest fails the test.
                if rings.withLock({ $0 += 1; return $0 }) == 1 { first.fulfill() } else { second.fulfill() }
            }
            wait(for: [first], timeout: 10)
            XCTAssertTrue(alarm.move(after: 0.01), kind)
            wait(for: [second], timeout: 10)
            // Rung after its move, it is not due again: a later alarm on the same queue comes first.
            let later = expectation(description: "\(kind): a later alarm")
            let marker = SystemPollClock().alarm(after: 0.05, on: queue) { later.fulfill() }
            wait(for: [later], timeout: 10)
            XCTAssertEqual(rings.withLock { $0 }, 2, kind)
            alarm.cancel()
            marker.cancel()
        }
    }

    func testAnAlarmMovedLaterOrCancelledDoesNotRingAtItsOldTime() {
        for (kind, make) in kinds {
            let moved = Mutex(false), cancelled = Mutex(false)
            let movedAlarm = make(0.02, queue) { moved.withLock { $0 = true } }
            XCTAssertTrue(movedAlarm.move(after: 3600), kind)
            let cancelledAlarm = make(0.02, queue) { cancelled.withLock { $0 = true } }
            cancelledAlarm.cancel()
            let past = expectation(description: "\(kind): an alarm past the old time")
            let marker = SystemPollClock().alarm(after: 0.2, on: queue) { past.fulfill() }
            wait(for: [past], timeout: 10)
            XCTAssertFalse(moved.withLock { $0 }, "\(kind): moved an hour on, it did not ring at its old time")
            XCTAssertFalse(cancelled.withLock { $0 }, "\(kind): cancelled, it did not ring")
            movedAlarm.cancel()
            marker.cancel()
        }
    }

    func testAMovableAlarmsThreadEndsWithIt() async throws {
        let threads = { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task"))?.filter { task in
            (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?.hasPrefix("eltop.alarm") == true
        }.count ?? -1 }
        let before = threads()
        var alarm: PollAlarm? = SystemPollClock().movableAlarm(after: 3600, on: queue) {}
        _ = try await waitUntil("the alarm's thread runs", seen: threads) { $0 == before + 1 }
        XCTAssertNotNil(alarm)
        alarm = nil
        _ = try await waitUntil("the released alarm's thread ends", seen: threads) { $0 == before }
    }
}
