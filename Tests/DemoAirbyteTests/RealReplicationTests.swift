@testable import EltopDemoAirbyte
import EltopReplication
import EltopTestSupport
import Foundation
import XCTest

/// The server with the real replication engine against a real cluster: a sync started over HTTP moves the
/// source's rows into `raw`, the next one carries an insert, an update and a delete, a dropped slot
/// fails the job with Airbyte's failure summary, and a reset snapshots again.
final class RealReplicationTests: XCTestCase {
    private struct Databases {
        let pg: TestPostgres
        let source: String
        let warehouse: String

        func source(_ sql: String) throws -> String { try pg.psql(sql, database: source) }
        func raw(_ sql: String) throws -> String { try pg.psql(sql, database: warehouse) }

        var replication: SyncConnection {
            SyncConnection(connectionId: "", sourceConninfo: pg.url(database: source), warehouseConninfo: pg.url(database: warehouse))
        }

        /// `actor` and `rental` ids as the source and `raw` hold them, for a row-by-row comparison.
        func assertRawMatchesSource(file: StaticString = #filePath, line: UInt = #line) throws {
            for (table, columns) in [("actor", "actor_id, first_name, last_name"), ("rental", "rental_id, inventory_id, return_date")] {
                let query = "SELECT string_agg(concat_ws('|', \(columns)), ',' ORDER BY 1) FROM (SELECT \(columns) FROM %@ ORDER BY 1) t"
                XCTAssertEqual(
                    try raw(query.replacingOccurrences(of: "%@", with: "raw.\(table)")),
                    try source(query.replacingOccurrences(of: "%@", with: "public.\(table)")), table, file: file, line: line)
            }
        }
    }

    private func databases() throws -> Databases {
        let pg = try TestPostgres.shared()
        let source = try pg.createDatabase(prefix: "abapi_src")
        let warehouse = try pg.createDatabase(prefix: "abapi_wh")
        try pg.psql("""
            CREATE TABLE actor (actor_id serial PRIMARY KEY, first_name varchar(45) NOT NULL, last_name varchar(45) NOT NULL,
                                last_update timestamp NOT NULL DEFAULT now());
            CREATE TABLE rental (rental_id serial PRIMARY KEY, rental_date timestamp NOT NULL, inventory_id integer NOT NULL,
                                 return_date timestamp, last_update timestamp NOT NULL DEFAULT now());
            INSERT INTO actor (first_name, last_name) SELECT 'First' || g, 'Last' || g FROM generate_series(1, 200) g;
            INSERT INTO rental (rental_date, inventory_id) SELECT '2005-05-24'::timestamp + g * interval '1 hour', g FROM generate_series(1, 500) g;
            CREATE PUBLICATION airbyte_publication FOR TABLE actor, rental;
            """, database: source)
        _ = try pg.psql("SELECT pg_create_logical_replication_slot('\(slotName(source))', 'pgoutput')", database: source)
        return Databases(pg: pg, source: source, warehouse: warehouse)
    }

    /// One slot per test database: slots are per cluster, and the tests share one.
    private func slotName(_ source: String) -> String { "slot_" + source }

    private func start(_ db: Databases) async throws -> DemoHarness {
        var replication = db.replication
        replication.slotName = slotName(db.source)
        return try await DemoHarness.start(auth: .defaultBasic, realEngine: PostgresSyncEngine()) { config in
            config.replication = replication
        }
    }

    private let basic = [(name: "Authorization", value: "Basic " + Data("airbyte:password".utf8).base64EncodedString())]

    private func sync(_ h: DemoHarness) async throws -> [String: Any] {
        let started = try h.object(try await h.send("POST", "/v1/jobs", json: #"{"connectionId":"\#(h.connectionID)","jobType":"sync"}"#, headers: basic))
        XCTAssertEqual(started["status"] as? String, "running")
        let id = try XCTUnwrap((started["jobId"] as? NSNumber)?.int64Value)
        await h.server.waitForJob(id)
        return try h.object(try await h.send("POST", "/api/v1/jobs/get", json: #"{"id":\#(id)}"#, headers: basic))
    }

    private func status(_ info: [String: Any]) -> String? { (info["job"] as? [String: Any])?["status"] as? String }

    func testSyncsOverHTTPReplicateIntoRawAndAResetSnapshotsAgain() async throws {
        let db = try databases()
        let h = try await start(db)
        let first = try await sync(h)
        XCTAssertEqual(status(first), "succeeded", "\(first)")
        XCTAssertEqual(((first["job"] as? [String: Any])?["aggregatedStats"] as? [String: Any])?["recordsCommitted"] as? Int, 700)
        try db.assertRawMatchesSource()

        _ = try db.source("""
            INSERT INTO actor (first_name, last_name) VALUES ('Penelope', 'Guiness');
            UPDATE rental SET return_date = '2005-05-26 10:00' WHERE rental_id = 3;
            DELETE FROM rental WHERE rental_id = 4;
            """)
        let second = try await sync(h)
        XCTAssertEqual(status(second), "succeeded", "\(second)")
        try db.assertRawMatchesSource()
        let attempt = try XCTUnwrap((second["attempts"] as? [[String: Any]])?.first?["attempt"] as? [String: Any])
        XCTAssertEqual(attempt["recordsSynced"] as? Int, 3, "the second sync carried only the three changes")
        XCTAssertEqual(try db.source("SELECT active FROM pg_replication_slots WHERE slot_name = '\(slotName(db.source))'"), "f")

        let reset = try h.object(try await h.send("POST", "/api/v1/connections/reset", json: #"{"connectionId":"\#(h.connectionID)"}"#, headers: basic))
        await h.server.waitForJob(try XCTUnwrap(((reset["job"] as? [String: Any])?["id"] as? NSNumber)?.int64Value))
        let afterReset = try await sync(h)
        XCTAssertEqual(status(afterReset), "succeeded", "\(afterReset)")
        XCTAssertEqual(((afterReset["job"] as? [String: Any])?["aggregatedStats"] as? [String: Any])?["recordsCommitted"] as? Int, 700, "a reset snapshots every table again")
        try db.assertRawMatchesSource()
        await h.stop()
    }

    func testADroppedSlotFailsTheJobWithAirbytesFailureSummary() async throws {
        let db = try databases()
        _ = try db.source("SELECT pg_drop_replication_slot('\(slotName(db.source))')")
        let h = try await start(db)
        let info = try await sync(h)
        XCTAssertEqual(status(info), "failed", "\(info)")
        let attempts = try XCTUnwrap(info["attempts"] as? [[String: Any]])
        XCTAssertEqual(attempts.count, 1, "a missing slot is a config error: not retried")
        let failure = try XCTUnwrap((((attempts[0]["attempt"] as? [String: Any])?["failureSummary"] as? [String: Any])?["failures"] as? [[String: Any]])?.first)
        XCTAssertEqual(failure["failureOrigin"] as? String, "source")
        XCTAssertEqual(failure["failureType"] as? String, "config_error")
        XCTAssertTrue((failure["externalMessage"] as? String ?? "").contains(slotName(db.source)), "\(failure)")
        await h.stop()
    }
}
