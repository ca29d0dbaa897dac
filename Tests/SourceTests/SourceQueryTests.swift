import EltopPollers
import XCTest

/// The statement names only the columns and views the server version has, and leaves out refused parts.
final class SourceQueryTests: XCTestCase {
    func testPostgres12HasNoWalStatusNoSlotCountersAndKeepsSegments() {
        let sql = SourceQuery(serverVersionNumber: 120_015).sql
        XCTAssertFalse(sql.contains("wal_status"))
        XCTAssertFalse(sql.contains("safe_wal_size"))
        XCTAssertFalse(sql.contains("pg_stat_replication_slots"))
        XCTAssertFalse(sql.contains("max_slot_wal_keep_size"))
        XCTAssertTrue(sql.contains("current_setting('wal_keep_segments')"))
        XCTAssertTrue(sql.contains("pg_stat_replication w"))
    }

    func testPostgres13AddsWalStatusAndSafeWalSize() {
        let sql = SourceQuery(serverVersionNumber: 130_000).sql
        XCTAssertTrue(sql.contains("r.wal_status"))
        XCTAssertTrue(sql.contains("r.safe_wal_size"))
        XCTAssertTrue(sql.contains("current_setting('wal_keep_size')"))
        XCTAssertFalse(sql.contains("pg_stat_replication_slots"))
        XCTAssertEqual(SourceQuery(serverVersionNumber: 130_000).parts, [.sender, .publications])
    }

    func testPostgres14AddsSlotCountersButNotConflicting() {
        let sql = SourceQuery(serverVersionNumber: 150_008).sql
        XCTAssertTrue(sql.contains("LEFT JOIN pg_stat_replication_slots st"))
        XCTAssertTrue(sql.contains("st.total_bytes"))
        XCTAssertFalse(sql.contains("conflicting"))
        XCTAssertFalse(sql.contains("inactive_since"))
    }

    func testPostgres16AddsConflictingAnd17InactiveSinceAndInvalidationReason() {
        let v16 = SourceQuery(serverVersionNumber: 160_004).sql
        XCTAssertTrue(v16.contains("r.conflicting"))
        XCTAssertFalse(v16.contains("invalidation_reason"))
        let v17 = SourceQuery(serverVersionNumber: 170_000).sql
        XCTAssertTrue(v17.contains("r.conflicting"))
        XCTAssertTrue(v17.contains("r.inactive_since"))
        XCTAssertTrue(v17.contains("r.invalidation_reason"))
    }

    func testRefusedPartsAreLeftOut() {
        let query = SourceQuery(serverVersionNumber: 170_000, parts: [.publications])
        XCTAssertFalse(query.sql.contains("pg_stat_replication "))
        XCTAssertFalse(query.sql.contains("pg_stat_replication_slots"))
        XCTAssertTrue(query.sql.contains("pg_publication_tables"))
        let bare = SourceQuery(serverVersionNumber: 170_000, parts: []).sql
        XCTAssertFalse(bare.contains("pg_publication"))
        XCTAssertTrue(bare.contains("pg_replication_slots r"))
    }

    func testOneStatementWithoutTransactionOrLocks() {
        let sql = SourceQuery(serverVersionNumber: 170_000).sql.uppercased()
        XCTAssertTrue(sql.hasPrefix("SELECT "))
        XCTAssertFalse(sql.contains(";"))
        for word in ["BEGIN", "LOCK", "FOR UPDATE", "FOR SHARE"] { XCTAssertFalse(sql.contains(word), word) }
    }
}
