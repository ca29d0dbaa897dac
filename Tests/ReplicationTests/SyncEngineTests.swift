import EltopPostgres
import EltopReplication
import EltopTestSupport
import XCTest

/// The sync engine against a real cluster: snapshot + stream into raw, compared row by row with the source.
final class SyncEngineTests: XCTestCase {
    let engine = PostgresSyncEngine()

    func testInitialSyncThenIncrementalInsertsUpdatesDeletesMatchTheSource() async throws {
        let h = try ReplicationHarness()
        try h.insertRentals(50)
        try h.sql("""
            INSERT INTO film (title, description, release_year, rental_rate, rating, special_features, fulltext)
            VALUES ('Academy Dinosaur', repeat('A Epic Drama ', 400), 2006, 0.99, 'PG', '{"Deleted Scenes","Trailers"}', to_tsvector('academy dinosaur'));
            INSERT INTO film_actor (actor_id, film_id) VALUES (1, 1), (10, 1);
            """)
        let first = try await engine.runSync(connection: h.connection(), syncId: 1) { _ in }
        XCTAssertEqual(Set(first.snapshottedTables), ["public.film", "public.film_actor", "public.rental"])
        try h.assertRawMatchesSource()
        XCTAssertEqual(try h.raw("SELECT _airbyte_meta::text FROM raw.rental LIMIT 1"), #"{"changes": [], "sync_id": 1}"#)

        try h.sql("""
            INSERT INTO rental (rental_date, inventory_id, customer_id, staff_id) VALUES ('2006-01-01 10:00', 5, 6, 1);
            UPDATE rental SET return_date = NULL, staff_id = 2 WHERE rental_id = 3;
            DELETE FROM rental WHERE rental_id = 4;
            UPDATE film SET rating = 'NC-17', rental_rate = 2.99 WHERE film_id = 1;
            UPDATE film_actor SET actor_id = 11 WHERE actor_id = 10;
            """)
        let progress = ProgressLog()
        let second = try await engine.runSync(connection: h.connection(), syncId: 2) { progress.record($0) }
        XCTAssertEqual(second.snapshottedTables, [])
        try h.assertRawMatchesSource()
        // The untouched TOASTed description kept its value through an update that sent it as 'u'.
        XCTAssertEqual(try h.raw("SELECT length(description) FROM raw.film"), "5200")
        XCTAssertEqual(try h.raw("SELECT count(*) FROM raw.rental WHERE _ab_cdc_deleted_at IS NOT NULL"), "0", "hard deletes remove rows")
        XCTAssertEqual(try h.raw("SELECT _airbyte_meta->>'sync_id', _ab_cdc_updated_at IS NOT NULL, _ab_cdc_lsn > 0 FROM raw.rental WHERE rental_id = 3"), "2|t|t")
        let rental = try XCTUnwrap(second.progress.streams.first { $0.name == "rental" })
        XCTAssertEqual(rental.recordsEmitted, 3)
        XCTAssertEqual(rental.recordsCommitted, 3)
        XCTAssertEqual(progress.last?.recordsCommitted, second.progress.recordsCommitted)
        XCTAssertEqual(try h.slotState().active, false, "between syncs the slot is inactive")
    }

    func testSoftDeletesLeaveATombstone() async throws {
        let h = try ReplicationHarness()
        try h.insertRentals(5)
        _ = try await engine.runSync(connection: h.connection(deletes: .soft), syncId: 1) { _ in }
        try h.sql("DELETE FROM rental WHERE rental_id = 2")
        _ = try await engine.runSync(connection: h.connection(deletes: .soft), syncId: 2) { _ in }
        XCTAssertEqual(try h.raw("SELECT rental_id, inventory_id IS NULL, _ab_cdc_deleted_at IS NOT NULL FROM raw.rental WHERE rental_id = 2"), "2|t|t")
        XCTAssertEqual(try h.raw("SELECT count(*) FROM raw.rental WHERE _ab_cdc_deleted_at IS NULL"), "4")
    }

    func testConfirmedLSNMovesAtTheStartOfTheNextSyncByDefault() async throws {
        let h = try ReplicationHarness()
        _ = try await engine.runSync(connection: h.connection(), syncId: 1) { _ in }
        try h.insertRentals(10)
        let before = try h.slotState().confirmed
        let second = try await engine.runSync(connection: h.connection(), syncId: 2) { _ in }
        XCTAssertEqual(try h.slotState().confirmed, before, "the default confirms what a sync committed only when the next one starts")
        XCTAssertNotEqual(second.savedLSN, second.startLSN)
        _ = try await engine.runSync(connection: h.connection(), syncId: 3) { _ in }
        XCTAssertEqual(try h.slotState().confirmed, second.savedLSN)
    }

    func testWhileReadingConfirmsEachCommittedBatch() async throws {
        let h = try ReplicationHarness()
        _ = try await engine.runSync(connection: h.connection(lsnCommit: .whileReading), syncId: 1) { _ in }
        try h.insertRentals(10)
        let second = try await engine.runSync(connection: h.connection(lsnCommit: .whileReading), syncId: 2) { _ in }
        XCTAssertEqual(try h.slotState().confirmed, second.savedLSN)
        try h.assertRawMatchesSource()
    }

    func testInitialSyncWithConcurrentWritesEndsExact() async throws {
        let h = try ReplicationHarness()
        try h.insertRentals(3000, transactions: 3)
        let writer = Task.detached {
            for i in 0..<30 {
                try h.sql("""
                    BEGIN;
                    UPDATE rental SET staff_id = 3 - staff_id, return_date = NULL WHERE rental_id % 30 = \(i);
                    DELETE FROM rental WHERE rental_id = \(i * 7 + 1);
                    INSERT INTO rental (rental_date, inventory_id, customer_id, staff_id) VALUES ('2006-01-01', \(i + 1), 1, 1);
                    COMMIT;
                    """)
            }
        }
        _ = try await engine.runSync(connection: h.connection(), syncId: 1) { _ in }
        try await writer.value
        _ = try await engine.runSync(connection: h.connection(), syncId: 2) { _ in }
        try h.assertRawMatchesSource()
    }

    func testCancelMidStreamLosesAndDuplicatesNothing() async throws {
        let h = try ReplicationHarness()
        _ = try await engine.runSync(connection: h.connection(), syncId: 1) { _ in }
        try h.insertRentals(20000, transactions: 40)
        let small = PostgresSyncEngine(batchRows: 500)
        let connection = h.connection()
        // Cancelled from its own progress report of the first committed batch, so the cancel lands mid-stream.
        let handle = TaskHandle()
        let sync = Task {
            try await small.runSync(connection: connection, syncId: 2) { progress in
                if progress.recordsCommitted > 0 { handle.cancel() }
            }
        }
        handle.set(sync)
        do {
            _ = try await sync.value
            XCTFail("a cancelled sync must not report success")
        } catch is CancellationError {}
        let partial = Int(try h.raw("SELECT count(*) FROM raw.rental"))!
        XCTAssertGreaterThan(partial, 0, "the committed batch stays")
        XCTAssertLessThan(partial, 20000, "cancelled before the end")
        try await h.waitUntilTheSlotIsReleased()
        _ = try await engine.runSync(connection: h.connection(), syncId: 3) { _ in }
        try h.assertRawMatchesSource()
    }

    /// Both of the sync's connections are killed after its first committed batch, as a crash of the host
    /// would leave them; the rest of the stream may already sit in the client's buffers, so the batch
    /// write that follows is what fails.
    func testKilledConnectionsMidSyncFailTransientAndTheNextSyncRecovers() async throws {
        let h = try ReplicationHarness()
        _ = try await engine.runSync(connection: h.connection(), syncId: 1) { _ in }
        try h.insertRentals(20000, transactions: 40)
        let small = PostgresSyncEngine(batchRows: 500)
        let progress = ProgressLog()
        let connection = h.connection()
        let pg = h.pg, slot = h.slot, warehouse = h.warehouse
        // The walsender is killed from the first committed batch's progress report, so it dies mid-stream.
        let sync = Task {
            try await small.runSync(connection: connection, syncId: 2) { report in
                if report.recordsCommitted > 0 && (progress.last?.recordsCommitted ?? 0) == 0 {
                    _ = try? pg.psql("""
                        SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '\(slot)';
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'eltop-sync-destination' AND datname = '\(warehouse)';
                        """)
                }
                progress.record(report)
            }
        }
        do {
            _ = try await sync.value
            XCTFail("a sync whose stream was killed must fail")
        } catch let failure as SyncFailure {
            XCTAssertEqual(failure.type, .transientError, "\(failure)")
        }
        let partial = Int(try h.raw("SELECT count(*) FROM raw.rental"))!
        XCTAssertGreaterThan(partial, 0, "the committed batch stays")
        XCTAssertLessThan(partial, 20000, "killed before the end")
        try await h.waitUntilTheSlotIsReleased()
        _ = try await engine.runSync(connection: h.connection(), syncId: 3) { _ in }
        try h.assertRawMatchesSource()
    }

    func testMissingSlotFailsAsConfigErrorAndRecoversOnceCreated() async throws {
        let h = try ReplicationHarness()
        try h.pg.psql("SELECT pg_drop_replication_slot('\(h.slot)')")
        do {
            _ = try await engine.runSync(connection: h.connection(), syncId: 1) { _ in }
            XCTFail("a missing slot must fail the sync")
        } catch let failure as SyncFailure {
            XCTAssertEqual(failure.origin, .source)
            XCTAssertEqual(failure.type, .configError)
            XCTAssertTrue(failure.externalMessage.contains("does not exist"), failure.externalMessage)
        }
        try h.sql("SELECT pg_create_logical_replication_slot('\(h.slot)', 'pgoutput')")
        _ = try await engine.runSync(connection: h.connection(), syncId: 2) { _ in }
        try h.assertRawMatchesSource()
    }

    func testRecreatedSlotAheadOfTheSavedStateFailsUntilReset() async throws {
        let h = try ReplicationHarness()
        try h.insertRentals(5)
        _ = try await engine.runSync(connection: h.connection(), syncId: 1) { _ in }
        try h.insertRentals(5)
        try h.pg.psql("SELECT pg_drop_replication_slot('\(h.slot)')")
        try h.sql("SELECT pg_create_logical_replication_slot('\(h.slot)', 'pgoutput')")
        do {
            _ = try await engine.runSync(connection: h.connection(), syncId: 2) { _ in }
            XCTFail("a slot ahead of the saved state must fail the sync")
        } catch let failure as SyncFailure {
            XCTAssertTrue(failure.externalMessage.hasPrefix("Saved offset is before replication slot's confirmed lsn"), failure.externalMessage)
        }
        try await engine.reset(connection: h.connection())
        let afterReset = try await engine.runSync(connection: h.connection(), syncId: 3) { _ in }
        XCTAssertEqual(afterReset.snapshottedTables.count, 3)
        try h.assertRawMatchesSource()
    }

    func testUnreachableWarehouseFailsAsDestinationTransient() async throws {
        let h = try ReplicationHarness()
        var connection = h.connection()
        connection.warehouseConninfo = "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2"
        do {
            _ = try await engine.runSync(connection: connection, syncId: 1) { _ in }
            XCTFail("an unreachable warehouse must fail the sync")
        } catch let failure as SyncFailure {
            XCTAssertEqual(failure.origin, .destination)
            XCTAssertEqual(failure.type, .transientError)
        }
    }
}
