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

    func testTimelineIsBoundedNewestFirst() {
        var timeline = Timeline(capacity: 3)
        for i in 0..<5 { timeline.add(TimelineEntry(at: Date(timeIntervalSince1970: Double(i)), origin: .app, severity: .ok, message: "\(i)")) }
        XCTAssertEqual(timeline.entries.map(\.message), ["4", "3", "2"])
    }
}

