import EltopCore
import EltopPollers
import EltopPostgres
import EltopTestSupport
import Foundation
import Synchronization
import XCTest

/// The source feed as the dashboard runs it (`PollRunner` on the wall clock, `SourcePoller` pacing
/// itself on its connection's thread), against a real server: the first poll at once, the interval's
/// wait made by the connection, a refresh that ends that wait, and the poll's own time counted without it.
final class SourcePacedPollTests: XCTestCase {
    /// What the runner reported: its events and, per poll, the time the observer was told.
    private final class Reports: Sendable {
        private let events = Mutex<[Event]>([])
        private let seconds = Mutex<[Double]>([])
        func add(_ event: Event) { events.withLock { $0.append(event) } }
        func observe(_ poll: Double) { seconds.withLock { $0.append(poll) } }
        var received: [Event] { events.withLock { $0 } }
        var pollSeconds: [Double] { seconds.withLock { $0 } }
    }

    func testARefreshEndsTheIntervalsWaitOnTheConnection() async throws {
        let pg = try TestPostgres.shared()
        let db = try pg.createDatabase(prefix: "paced")
        let slot = "paced_\(db.suffix(8))"
        try pg.psql("SELECT pg_create_logical_replication_slot('\(slot)', 'pgoutput')", database: db)
        // The shared server holds other tests' slots too: this poller watches its own.
        let poller = SourcePoller(connection: PGConnection(conninfo: pg.url(database: db)), slotNames: [slot])
        let reports = Reports()
        // Ten minutes between polls: any poll after the first within this test is a refresh's.
        let runner = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 600, timeoutSeconds: 10), observer: { _, seconds, _ in reports.observe(seconds) }, sink: { reports.add($0) })
        let task = Task { await runner.run() }
        defer { task.cancel() }

        _ = try await waitUntil("the first poll reports", seen: { reports.received.count }) { $0 >= 1 }
        // The runner is now in the interval's wait, which the connection makes: a cut finds it there.
        _ = try await waitUntil("the connection pauses for the interval", seen: { poller.cutWait() }) { $0 }
        _ = try await waitUntil("the cut wait's poll reports", seen: { reports.received.count }) { $0 >= 2 }
        await runner.pollNow()
        _ = try await waitUntil("a refresh's poll reports", seen: { reports.received.count }) { $0 >= 3 }

        for event in reports.received {
            guard case .pollSucceeded(.source(let reading), _) = event else { return XCTFail("\(event)") }
            XCTAssertEqual(reading.slots.map(\.name), [slot])
        }
        // The pauses (ten minutes each, cut) are not the polls' time: each took well under their timeout.
        XCTAssertEqual(reports.pollSeconds.count, 3)
        XCTAssertTrue(reports.pollSeconds.allSatisfy { $0 < 10 }, "\(reports.pollSeconds)")
        task.cancel()
        await task.value
        XCTAssertFalse(poller.cutWait(), "a cancelled runner leaves no pause behind")
    }
}
