import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// Ring buffers stay bounded and ordered; rates come only from real samples inside the window.
final class HistoryTests: XCTestCase {
    func testRingBufferKeepsTheNewestInOrder() {
        var ring = RingBuffer<Int>(capacity: 3)
        XCTAssertTrue(ring.isEmpty)
        for i in 1...5 { ring.append(i) }
        XCTAssertEqual(ring.elements, [3, 4, 5])
        XCTAssertEqual(ring.last, 5)
        XCTAssertEqual(ring.count, 3)
    }

    func testRingBuffersWithTheSameContentAreEqual() {
        var a = RingBuffer<Int>(capacity: 2), b = RingBuffer<Int>(capacity: 2)
        [1, 2, 3].forEach { a.append($0) }
        [2, 3].forEach { b.append($0) }
        XCTAssertEqual(a, b)
    }

    func testRateUsesTheOldestSampleInsideTheWindow() {
        let t0 = Date(timeIntervalSince1970: 0)
        var history = SampleHistory(capacity: 10)
        history.record(0, at: t0)
        history.record(100, at: t0.addingTimeInterval(10))
        history.record(400, at: t0.addingTimeInterval(20))
        XCTAssertEqual(history.ratePerSecond(window: 60), 20)
        XCTAssertEqual(history.ratePerSecond(window: 10), 30)
        XCTAssertNil(history.ratePerSecond(window: 5), "one sample in the window is no rate")
    }

    func testOutOfOrderSamplesAreDropped() {
        let t0 = Date(timeIntervalSince1970: 100)
        var history = SampleHistory(capacity: 10)
        history.record(1, at: t0)
        history.record(2, at: t0)
        history.record(3, at: t0.addingTimeInterval(-1))
        XCTAssertEqual(history.values, [1])
    }

    func testSourceReadingsFeedTheLagHistoryAndForgetDroppedSlots() {
        var state = StateFixtures.loading()
        let t0 = Date(timeIntervalSince1970: 1_000)
        for i in 0..<200 {
            let slot = ReplicationSlot(name: "s", plugin: "pgoutput", database: "d", active: true, lagBytes: Int64(i), retainedBytes: 0, walStatus: nil)
            _ = reduce(&state, .pollSucceeded(.source(SourceReading(serverVersion: "15", slots: [slot])), at: t0.addingTimeInterval(Double(i))))
        }
        XCTAssertEqual(state.source.lagHistory["s"]?.values.count, SampleHistory.defaultCapacity)
        XCTAssertEqual(state.source.lagHistory["s"]?.values.last, 199)
        _ = reduce(&state, .pollSucceeded(.source(SourceReading(serverVersion: "15", slots: [])), at: t0.addingTimeInterval(300)))
        XCTAssertNil(state.source.lagHistory["s"])
    }

    func testAMinuteKeepsItsLargestReadingAndAMinuteWithoutOneHasNoEntry() {
        let t0 = Date(timeIntervalSinceReferenceDate: 6_000)  // a minute's start
        var hour = MinuteHistory()
        for (offset, value) in [(0.0, 5.0), (20, 9), (55, 2), (60, 1), (185, 7), (190, 3)] { hour.record(value, at: t0.addingTimeInterval(offset)) }
        hour.record(100, at: t0.addingTimeInterval(30))  // older than the newest minute: dropped
        XCTAssertEqual(hour.minutes.elements, [
            Sample(at: t0, value: 9), Sample(at: t0.addingTimeInterval(60), value: 1), Sample(at: t0.addingTimeInterval(180), value: 7),
        ])
    }

    func testSourceReadingsFeedAnHourByTheMinuteAndForgetDroppedSlots() {
        var state = StateFixtures.loading()
        let t0 = Date(timeIntervalSinceReferenceDate: 60_000)
        for i in 0..<(90 * 12) {
            let slot = ReplicationSlot(name: "s", plugin: "pgoutput", database: "d", active: true, lagBytes: Int64(i), retainedBytes: Int64(2 * i), walStatus: nil)
            _ = reduce(&state, .pollSucceeded(.source(SourceReading(serverVersion: "15", slots: [slot])), at: t0.addingTimeInterval(Double(i) * 5)))
        }
        XCTAssertEqual(state.source.lagHour["s"]?.minutes.count, MinuteHistory.minutesKept)
        XCTAssertEqual(state.source.lagHour["s"]?.values.last, Double(90 * 12 - 1), "the newest minute holds its largest reading so far")
        XCTAssertEqual(state.source.retainedHour["s"]?.values.first, Double(2 * (29 * 12 + 11)), "the oldest minute kept is 61 back")
        _ = reduce(&state, .pollSucceeded(.source(SourceReading(serverVersion: "15", slots: [])), at: t0.addingTimeInterval(90 * 60)))
        XCTAssertNil(state.source.lagHour["s"])
        XCTAssertNil(state.source.retainedHour["s"])
    }

    func testTimelineIsBoundedNewestFirst() {
        var timeline = Timeline(capacity: 3)
        for i in 0..<5 { timeline.add(TimelineEntry(at: Date(timeIntervalSince1970: Double(i)), origin: .app, severity: .ok, message: "\(i)")) }
        XCTAssertEqual(timeline.entries.map(\.message), ["4", "3", "2"])
    }
}

