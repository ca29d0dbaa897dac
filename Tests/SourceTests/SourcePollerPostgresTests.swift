import EltopCore
import EltopPollers
import EltopPostgres
import EltopTestSupport
import XCTest

/// The source poller against a real PostgreSQL with `wal_level=logical`: every figure checked against an
/// independent query through `psql`, measured at the LSN the poller reported so concurrent WAL cannot
/// make the comparison flaky.
final class SourcePollerPostgresTests: XCTestCase {
    /// A database with a table, a publication of it and a pgoutput slot, plus some WAL behind the slot.
    private func prepare(_ pg: TestPostgres) throws -> (db: String, slot: String) {
        let db = try pg.createDatabase(prefix: "src")
        let slot = "slot_\(db.suffix(8))"
        // Separate psql calls: a slot cannot be created in a transaction that has written.
        try pg.psql("CREATE TABLE actor (id serial PRIMARY KEY, name text)", database: db)
        try pg.psql("CREATE PUBLICATION pub_\(slot) FOR TABLE actor", database: db)
        try pg.psql("SELECT pg_create_logical_replication_slot('\(slot)', 'pgoutput')", database: db)
        // A synchronous commit flushes the WAL, so SQL-level decoding (which reads flushed WAL only) sees it.
        try pg.psql("SET synchronous_commit = on; INSERT INTO actor (name) SELECT 'actor ' || g FROM generate_series(1, 2000) g", database: db)
        return (db, slot)
    }

    private func poll(_ pg: TestPostgres, db: String, user: String = "postgres", slots: [String]?) async throws -> SourceReading {
        let poller = SourcePoller(connection: PGConnection(conninfo: pg.url(database: db, user: user)), slotNames: slots)
        guard case .source(let reading) = try await poller.poll() else { throw SourceTestError("not a source reading") }
        return reading
    }

    private func psqlInt(_ pg: TestPostgres, _ sql: String, db: String) throws -> Int64 {
        let text = try pg.psql(sql, database: db)
        guard let value = Int64(text) else { throw SourceTestError("not a number: \(text)") }
        return value
    }

    func testEveryFigureMatchesAnIndependentQuery() async throws {
        let pg = try TestPostgres.shared()
        let (db, slot) = try prepare(pg)
        let reading = try await poll(pg, db: db, slots: [slot])
        XCTAssertEqual(reading.slots.count, 1)
        let s = try XCTUnwrap(reading.slots.first)
        let lsn = try XCTUnwrap(reading.currentLSN)
        let row = "FROM pg_replication_slots WHERE slot_name = '\(slot)'"
        XCTAssertEqual(s.name, slot)
        XCTAssertEqual(s.plugin, "pgoutput")
        XCTAssertEqual(s.database, db)
        XCTAssertFalse(s.active)
        XCTAssertEqual(s.lagBytes, try psqlInt(pg, "SELECT pg_wal_lsn_diff('\(lsn)', confirmed_flush_lsn)::bigint \(row)", db: db))
        XCTAssertEqual(s.retainedBytes, try psqlInt(pg, "SELECT pg_wal_lsn_diff('\(lsn)', restart_lsn)::bigint \(row)", db: db))
        XCTAssertGreaterThan(s.lagBytes ?? 0, 100_000, "2000 inserts are well over 100 kB of WAL")
        XCTAssertEqual(s.walStatus?.rawValue, try pg.psql("SELECT wal_status \(row)", database: db))
        XCTAssertNil(s.safeWalSizeBytes, "max_slot_wal_keep_size is unset")
        XCTAssertEqual(s.confirmedFlushLSN, try pg.psql("SELECT confirmed_flush_lsn \(row)", database: db))
        XCTAssertEqual(s.restartLSN, try pg.psql("SELECT restart_lsn \(row)", database: db))
        XCTAssertEqual(reading.serverVersion, try pg.psql("SHOW server_version"))
        XCTAssertEqual(reading.serverVersionNumber, Int(try pg.psql("SHOW server_version_num")))
        XCTAssertEqual(reading.settings.walLevel, "logical")
        XCTAssertEqual(reading.settings.maxSlotWalKeepSize, try pg.psql("SHOW max_slot_wal_keep_size"))
        XCTAssertEqual(reading.settings.walKeepSize, try pg.psql("SHOW wal_keep_size"))
        XCTAssertEqual(reading.publications, [Publication(name: "pub_\(slot)", allTables: false, tables: ["public.actor"])])
        XCTAssertEqual(reading.connectedDatabase, db)
        XCTAssertNotNil(s.stats, "PostgreSQL 14+ has pg_stat_replication_slots")
        XCTAssertNil(s.sender)
        XCTAssertEqual(reading.missingGrants, [])
        // Table counters are flushed to the stats system with a delay; compare with what psql sees now.
        let writes = try psqlInt(pg, "SELECT sum(n_tup_ins + n_tup_upd + n_tup_del)::bigint FROM pg_stat_user_tables WHERE relname = 'actor'", db: db)
        let again = try await poll(pg, db: db, slots: [slot])
        XCTAssertEqual(again.publishedTableWrites, writes)
    }

    func testOnlyTheConfiguredSlotsAndOnlyLogicalOnes() async throws {
        let pg = try TestPostgres.shared()
        let (db, slot) = try prepare(pg)
        try pg.psql("SELECT pg_create_physical_replication_slot('phys_\(slot)')", database: db)
        defer { _ = try? pg.psql("SELECT pg_drop_replication_slot('phys_\(slot)')") }
        let all = try await poll(pg, db: db, slots: nil)
        XCTAssertTrue(all.slots.contains { $0.name == slot })
        XCTAssertFalse(all.slots.contains { $0.name == "phys_\(slot)" })
        let none = try await poll(pg, db: db, slots: ["no_such_slot"])
        XCTAssertEqual(none.slots, [])
    }

    func testConsumingTheSlotMakesTheLagDrop() async throws {
        let pg = try TestPostgres.shared()
        let (db, slot) = try prepare(pg)
        let before = try await poll(pg, db: db, slots: [slot])
        try pg.psql(
            "SELECT count(*) FROM pg_logical_slot_get_binary_changes('\(slot)', NULL, NULL, 'proto_version', '1', 'publication_names', 'pub_\(slot)')",
            database: db)
        let after = try await poll(pg, db: db, slots: [slot])
        let lagBefore = try XCTUnwrap(before.slots.first?.lagBytes), lagAfter = try XCTUnwrap(after.slots.first?.lagBytes)
        XCTAssertLessThan(lagAfter, lagBefore / 10, "consumed: \(lagBefore) → \(lagAfter)")
        let lsn = try XCTUnwrap(after.currentLSN)
        XCTAssertEqual(lagAfter, try psqlInt(pg, "SELECT pg_wal_lsn_diff('\(lsn)', confirmed_flush_lsn)::bigint FROM pg_replication_slots WHERE slot_name = '\(slot)'", db: db))
    }

    /// pg_recvlogical streams the slot (active, with a walsender), then stops (inactive again); a role
    /// without pg_monitor sees the slot but not the walsender's details, and is told which grant is missing.
    func testActiveWhileStreamedInactiveAfterAndHiddenWalsenderForPlainRole() async throws {
        let pg = try TestPostgres.shared()
        let (db, slot) = try prepare(pg)
        try pg.psql("CREATE ROLE plain_\(slot) LOGIN", database: db)
        let recv = try BackgroundProcess(
            try TestPostgres.findBinDirectory() + "/pg_recvlogical",
            ["-d", pg.url(database: db), "--slot", slot, "--start", "-f", "/dev/null", "--no-loop", "-o", "proto_version=1", "-o", "publication_names=pub_\(slot)"])
        var active: SourceReading?
        for _ in 0..<50 {
            let reading = try await poll(pg, db: db, slots: [slot])
            if reading.slots.first?.active == true, reading.slots.first?.sender?.state == "streaming" {
                active = reading
                break
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let streaming = try XCTUnwrap(active?.slots.first, "pg_recvlogical never made the slot active: \(recv.output)")
        let pid = try psqlInt(pg, "SELECT active_pid FROM pg_replication_slots WHERE slot_name = '\(slot)'", db: db)
        XCTAssertEqual(streaming.activePID.map(Int64.init), pid)
        XCTAssertEqual(streaming.sender?.pid.description, pid.description)
        XCTAssertEqual(streaming.sender?.applicationName, "pg_recvlogical")
        XCTAssertNotNil(streaming.sender?.sentLSN)

        let plain = try await poll(pg, db: db, user: "plain_\(slot)", slots: [slot])
        XCTAssertEqual(plain.slots.first?.active, true)
        XCTAssertNil(plain.slots.first?.sender?.state)
        XCTAssertEqual(plain.missingGrants, [MissingGrant(what: "walsender details (pg_stat_replication)", grant: "GRANT pg_monitor TO \"plain_\(slot)\"")])

        var state = SourceFixtures.state()
        state.now = Date()
        _ = reduce(&state, .pollSucceeded(.source(try await poll(pg, db: db, slots: [slot])), at: Date()))
        recv.stop()
        var inactive: SourceReading?
        for _ in 0..<50 {
            let reading = try await poll(pg, db: db, slots: [slot])
            if reading.slots.first?.active == false { inactive = reading; break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let stopped = try XCTUnwrap(inactive)
        XCTAssertNil(stopped.slots.first?.sender)
        let at = Date()
        _ = reduce(&state, .clockTicked(at))
        _ = reduce(&state, .pollSucceeded(.source(stopped), at: at))
        XCTAssertTrue(state.timeline.entries.contains { $0.message.hasPrefix("slot \(slot) went inactive") })
        XCTAssertEqual(state.source.assessment(of: state.source.reading!.slots[0]).inactiveSeconds, 0)
        XCTAssertEqual(state.source.tracks[slot]?.syncEnds.count, 1)
    }

    /// REVOKE on the statistics views in one database: the poller leaves those parts out, still reads the
    /// slots, and names the missing grant.
    func testRefusedViewsAreLeftOutAndTheGrantIsNamed() async throws {
        let pg = try TestPostgres.shared()
        let (db, slot) = try prepare(pg)
        let role = "limited_\(slot)"
        try pg.psql(
            "CREATE ROLE \(role) LOGIN; REVOKE SELECT ON pg_stat_replication_slots FROM PUBLIC; REVOKE SELECT ON pg_stat_replication FROM PUBLIC;",
            database: db)
        let reading = try await poll(pg, db: db, user: role, slots: [slot])
        XCTAssertEqual(reading.slots.map(\.name), [slot])
        XCTAssertNotNil(reading.slots.first?.lagBytes)
        XCTAssertNil(reading.slots.first?.stats)
        XCTAssertEqual(reading.missingGrants.map(\.text), [
            "walsender details (pg_stat_replication) hidden: GRANT pg_monitor TO \"\(role)\"",
            "slot counters (pg_stat_replication_slots) hidden: GRANT pg_monitor TO \"\(role)\"",
        ])
        XCTAssertFalse(reading.publications.isEmpty, "publications are still readable")
    }
}
