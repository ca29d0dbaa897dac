import EltopCore
import EltopPollers
import EltopPostgres
import EltopTestSupport
import EltopUI
import XCTest

/// A private cluster with `max_slot_wal_keep_size`: safe_wal_size is reported, and stopping the server
/// mid-run turns the pane to error with the data's age, then a restart brings it back; all through the
/// real `PollRunner` and reducer.
final class SourceRestartTests: XCTestCase {
    func testSafeWalSizeThenErrorWithDataAgeThenRecovery() async throws {
        let pg = try TestPostgres.start(extraSettings: ["max_slot_wal_keep_size = '64MB'"])
        defer { pg.stop() }
        try pg.psql("CREATE TABLE t (id int)")
        try pg.psql("SELECT pg_create_logical_replication_slot('keep_slot', 'pgoutput')")
        try pg.psql("INSERT INTO t SELECT generate_series(1, 1000)")
        let poller = SourcePoller(connection: PGConnection(conninfo: pg.url()), slotNames: nil)
        let runner = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 5), sink: { _ in })
        var state = SourceFixtures.state()

        let first = await runner.pollOnce()
        guard case .pollSucceeded(.source(let reading), let at) = first else { return XCTFail("\(first)") }
        _ = reduce(&state, .clockTicked(at))
        _ = reduce(&state, first)
        let slot = try XCTUnwrap(reading.slots.first)
        XCTAssertEqual(reading.settings.maxSlotWalKeepSize, "64MB")
        let safe = try XCTUnwrap(slot.safeWalSizeBytes)
        // safe_wal_size moves with every WAL byte; psql's value is read a moment later, so at most a little smaller.
        let independent = Int64(try pg.psql("SELECT safe_wal_size FROM pg_replication_slots WHERE slot_name = 'keep_slot'"))!
        XCTAssertLessThanOrEqual(independent, safe)
        XCTAssertLessThan(safe - independent, 1 << 20)
        XCTAssertGreaterThan(safe, 32 << 20)
        XCTAssertEqual(state.status(.source), .ok)

        try pg.stopServer()
        let failed = await runner.pollOnce()
        guard case .pollFailed(.source, let message, let failedAt, let retry) = failed else { return XCTFail("\(failed)") }
        XCTAssertNotNil(retry)
        _ = reduce(&state, .clockTicked(failedAt.addingTimeInterval(3)))
        _ = reduce(&state, failed)
        XCTAssertEqual(state.status(.source), .error)
        XCTAssertNotNil(state.source.reading, "the last good data stays")
        let screen = render(state, size: Size(cols: 160, rows: 48), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!).lines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("error"), screen)
        XCTAssertTrue(screen.contains("Showing data as of"), screen)
        XCTAssertTrue(screen.contains("keep_slot"), screen)
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "poll failed: \(message)" })

        try pg.startServer()
        let recovered = await runner.pollOnce()
        guard case .pollSucceeded(.source, let again) = recovered else { return XCTFail("\(recovered)") }
        _ = reduce(&state, .clockTicked(again))
        _ = reduce(&state, recovered)
        // Not asserted ok: the restart's own checkpoint WAL over a few seconds may make the safe_wal_size estimate short.
        XCTAssertNotEqual(state.status(.source), .error)
        XCTAssertNil(state.source.health.lastError)
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "recovered" })
    }
}
