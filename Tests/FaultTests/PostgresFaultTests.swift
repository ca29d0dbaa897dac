import EltopCore
import EltopPostgres
import EltopTestSupport
import XCTest

/// The source database failing in each way a CDC source does, on real clusters, while Airbyte and dbt
/// keep being polled beside it.
final class PostgresFaultTests: XCTestCase {
    func testStoppedThenStartedAgain() async throws {
        let pg = try TestPostgres.start()
        let rig = try await FaultRig(pg: pg)
        try pg.psql("SELECT pg_create_logical_replication_slot('cdc', 'pgoutput')")
        try await rig.run(.source, says: "connection to server", inject: { try pg.stopServer() }, clear: { try pg.startServer() })
        XCTAssertTrue(rig.screen.contains("cdc"), "the slot is back on screen:\n\(rig.screen)")
        await rig.stop()
    }

    /// A restart between two polls breaks eltop's kept connection: the next poll reconnects and reads,
    /// so no error is ever shown.
    func testRestartedBetweenPollsIsInvisible() async throws {
        let pg = try TestPostgres.start()
        let rig = try await FaultRig(pg: pg)
        await rig.pollAll()
        rig.assertAllWorking("before the restart")
        try pg.stopServer()
        try pg.startServer()
        await rig.pollAll()
        rig.assertAllWorking("after the restart")
        await rig.stop()
    }

    /// The poll's statement sleeps past eltop's statement timeout: the server cancels it, the pane
    /// says so. The sleep comes from a function the role's search_path finds before pg_catalog's.
    func testSlowStatementIsCancelledByTheTimeout() async throws {
        let pg = try TestPostgres.shared()
        let (database, role, slowFunction) = try slowSource(pg, prefix: "slow", sleepSeconds: 2)
        let rig = try await FaultRig(
            sourceConninfo: pg.url(database: database, user: role),
            sourceSettings: PGConnection.SessionSettings(statementTimeoutMilliseconds: 300))
        try await rig.run(
            .source, says: "statement timeout",
            inject: { try pg.psql(slowFunction, database: database) },
            clear: { try pg.psql("DROP FUNCTION public.pg_current_wal_lsn()", database: database) })
        await rig.stop()
    }

    /// The poll's statement sleeps past the poll's own time limit, shorter than the statement timeout:
    /// eltop gives up at the limit and says so, and the feed reads again once the sleep is gone (the
    /// server-side cancel is EltopPostgresTests' PGConnectionDeadlineTests).
    func testSlowStatementPastThePollsTimeLimit() async throws {
        let pg = try TestPostgres.shared()
        let (database, role, slowFunction) = try slowSource(pg, prefix: "limit", sleepSeconds: 30)
        let rig = try await FaultRig(sourceConninfo: pg.url(database: database, user: role), sourcePollTimeout: 1)
        try await rig.run(
            .source, says: "no answer within 1s",
            inject: { try pg.psql(slowFunction, database: database) },
            clear: { try pg.psql("DROP FUNCTION public.pg_current_wal_lsn()", database: database) })
        await rig.stop()
    }

    func testPermissionDeniedThenGranted() async throws {
        let pg = try TestPostgres.shared()
        let database = try pg.createDatabase(prefix: "perm")
        let role = "perm_\(UUID().uuidString.prefix(6).lowercased())"
        try pg.psql("CREATE ROLE \(role) LOGIN")
        let rig = try await FaultRig(sourceConninfo: pg.url(database: database, user: role))
        try await rig.run(
            .source, says: "permission denied",
            inject: {
                try pg.psql("REVOKE CONNECT ON DATABASE \(database) FROM PUBLIC")
                // The revoke stops new sessions; end eltop's open one as an administrator would.
                try pg.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '\(role)'")
            },
            clear: { try pg.psql("GRANT CONNECT ON DATABASE \(database) TO PUBLIC") })
        await rig.stop()
    }

    /// A slot dropped and created again under the same name: the timeline says it went and came back,
    /// and the new slot's history does not continue the old one's.
    func testSlotDroppedAndRecreated() async throws {
        let pg = try TestPostgres.start()
        let rig = try await FaultRig(pg: pg)
        try pg.psql("CREATE TABLE t (id int)")
        try pg.psql("SELECT pg_create_logical_replication_slot('cdc', 'pgoutput')")
        await rig.pollAll()
        try pg.psql("INSERT INTO t SELECT generate_series(1, 1000)")
        await rig.pollAll()
        XCTAssertEqual(rig.state.source.lagHistory["cdc"]?.samples.count, 2)

        try pg.psql("SELECT pg_drop_replication_slot('cdc')")
        await rig.pollAll()
        XCTAssertEqual(rig.state.source.reading?.slots.map(\.name), [])
        XCTAssertTrue(rig.state.timeline.entries.contains { $0.message.contains("slot cdc disappeared") }, "\(rig.state.timeline.entries.map(\.message))")
        rig.assertAllWorking("a dropped slot is news, not a failed poll")

        try pg.psql("SELECT pg_create_logical_replication_slot('cdc', 'pgoutput')")
        await rig.pollAll()
        XCTAssertEqual(rig.state.source.reading?.slots.map(\.name), ["cdc"])
        XCTAssertEqual(rig.state.source.lagHistory["cdc"]?.samples.count, 1, "the new slot's history starts over")
        XCTAssertTrue(rig.state.timeline.entries.contains { $0.message.contains("slot cdc appeared") }, "\(rig.state.timeline.entries.map(\.message))")
        await rig.stop()
    }

    /// `max_slot_wal_keep_size` lets the server remove WAL an inactive slot still needs: the slot turns
    /// `lost`, the source pane goes critical and the timeline says why.
    func testMaxSlotWalKeepSizeInvalidatesTheSlot() async throws {
        let pg = try TestPostgres.start(extraSettings: ["max_slot_wal_keep_size = '1MB'", "min_wal_size = '32MB'", "max_wal_size = '32MB'"])
        let rig = try await FaultRig(pg: pg)
        try pg.psql("CREATE TABLE t (id int, pad text)")
        try pg.psql("SELECT pg_create_logical_replication_slot('cdc', 'pgoutput')")
        await rig.pollAll()
        rig.assertAllWorking("before the WAL grows")
        for _ in 0..<4 {
            try pg.psql("INSERT INTO t SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g")
            try pg.psql("SELECT pg_switch_wal()")
        }
        try pg.psql("CHECKPOINT")
        let deadline = Date().addingTimeInterval(20)
        var status: WALStatus?
        repeat {
            await rig.pollAll()
            status = rig.state.source.reading?.slots.first?.walStatus
            if status == .lost { break }
            try pg.psql("SELECT pg_switch_wal()")
            try pg.psql("CHECKPOINT")
        } while Date() < deadline
        XCTAssertEqual(status, .lost, "wal_status seen last: \(String(describing: status))")
        XCTAssertEqual(rig.state.status(.source), .crit)
        XCTAssertTrue(rig.state.timeline.entries.contains { $0.message.contains("wal_status") && $0.message.contains("lost") }, "\(rig.state.timeline.entries.map(\.message))")
        rig.assertAllWorking("a lost slot is shown, the feed still polls")
        await rig.stop()
    }

    /// A database and a role whose search_path finds `public` before `pg_catalog`, and the statement
    /// that makes the source poll's `pg_current_wal_lsn()` sleep `sleepSeconds` first for that role.
    private func slowSource(_ pg: TestPostgres, prefix: String, sleepSeconds: Int) throws -> (database: String, role: String, slowFunction: String) {
        let database = try pg.createDatabase(prefix: prefix)
        let role = "\(prefix)_\(UUID().uuidString.prefix(6).lowercased())"
        try pg.psql("CREATE ROLE \(role) LOGIN")
        try pg.psql("ALTER ROLE \(role) SET search_path = public, pg_catalog", database: database)
        let slowFunction = """
            CREATE FUNCTION public.pg_current_wal_lsn() RETURNS pg_lsn LANGUAGE sql AS \
            $$ SELECT pg_sleep(\(sleepSeconds)); SELECT pg_catalog.pg_current_wal_lsn() $$
            """
        return (database, role, slowFunction)
    }
}
