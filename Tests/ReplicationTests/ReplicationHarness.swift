import EltopReplication
import EltopTestSupport
import Foundation
import XCTest

/// A source database with the fixture schema, its own slot and publication, and a warehouse database,
/// on the shared test cluster. Comparisons go through `psql`, independent of eltop's own code.
struct ReplicationHarness {
    let pg: TestPostgres
    let source: String
    let warehouse: String
    let slot: String

    static let schema = """
        CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
        CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
        CREATE TABLE film (film_id serial PRIMARY KEY, title varchar(255) NOT NULL, description text, release_year year,
            rental_rate numeric(4,2) NOT NULL DEFAULT 4.99, rating mpaa_rating DEFAULT 'G', special_features text[],
            fulltext tsvector, last_update timestamp NOT NULL DEFAULT now());
        ALTER TABLE film ALTER COLUMN description SET STORAGE EXTERNAL;
        CREATE TABLE film_actor (actor_id smallint NOT NULL, film_id smallint NOT NULL, last_update timestamp NOT NULL DEFAULT now(),
            PRIMARY KEY (actor_id, film_id));
        CREATE TABLE rental (rental_id serial PRIMARY KEY, rental_date timestamp NOT NULL, inventory_id integer NOT NULL,
            customer_id smallint NOT NULL, return_date timestamp, staff_id smallint NOT NULL, last_update timestamp NOT NULL DEFAULT now());
        CREATE PUBLICATION airbyte_publication FOR TABLE film, film_actor, rental;
        """

    init() throws {
        pg = try TestPostgres.shared()
        source = try pg.createDatabase(prefix: "src")
        warehouse = try pg.createDatabase(prefix: "wh")
        slot = "slot_\(source.suffix(8))"
        try pg.psql(Self.schema, database: source)
        try pg.psql("SELECT pg_create_logical_replication_slot('\(slot)', 'pgoutput')", database: source)
    }

    func connection(lsnCommit: LSNCommitMode = .afterLoadingDestination, deletes: DeletionMode = .hard) -> SyncConnection {
        SyncConnection(
            connectionId: "conn-\(source)", sourceConninfo: pg.url(database: source), slotName: slot, publicationName: "airbyte_publication",
            warehouseConninfo: pg.url(database: warehouse), lsnCommit: lsnCommit, deletes: deletes)
    }

    @discardableResult
    func sql(_ text: String) throws -> String { try pg.psql(text, database: source) }
    @discardableResult
    func raw(_ text: String) throws -> String { try pg.psql(text, database: warehouse) }

    /// `n` rentals inserted in `transactions` transactions (explicit, since psql runs one `-c` as one).
    func insertRentals(_ n: Int, transactions: Int = 1) throws {
        let per = max(1, n / transactions)
        var statements: [String] = []
        for t in 0..<transactions {
            statements.append("""
                BEGIN;
                INSERT INTO rental (rental_date, inventory_id, customer_id, return_date, staff_id, last_update)
                SELECT timestamp '2005-05-24 22:53:30' + g * interval '1 minute', g % 4581 + 1, g % 599 + 1,
                       CASE WHEN g % 7 = 0 THEN NULL ELSE timestamp '2005-05-28' + g * interval '1 minute' END, g % 2 + 1, timestamp '2006-02-15 21:30:53'
                FROM generate_series(\(t * per + 1), \((t + 1) * per)) AS g;
                COMMIT;
                """)
        }
        try sql(statements.joined(separator: "\n"))
    }

    func slotState() throws -> (confirmed: String, active: Bool) {
        let row = try pg.psql("SELECT confirmed_flush_lsn, active FROM pg_replication_slots WHERE slot_name = '\(slot)'").split(separator: "|")
        return (String(row[0]), row[1] == "t")
    }

    /// Waits (20 s at the most) until no walsender holds the slot, as after a sync that was stopped;
    /// fails with the slot's last state.
    func waitUntilTheSlotIsReleased() async throws {
        _ = try await waitUntil("the slot to be released", timeout: 20, seen: { () -> String in
            try? await Task.sleep(for: .milliseconds(50))
            return (try? slotState()).map { "confirmed \($0.confirmed), active \($0.active)" } ?? "no slot row"
        }) { $0.hasSuffix("active false") }
    }

    /// Asserts that `raw` holds exactly the source's live rows, row by row, for every table.
    func assertRawMatchesSource(file: StaticString = #filePath, line: UInt = #line) throws {
        let queries: [(String, String)] = [
            ("SELECT rental_id, rental_date, inventory_id, customer_id, return_date, staff_id, last_update FROM rental ORDER BY rental_id",
             "SELECT rental_id, rental_date, inventory_id, customer_id, return_date, staff_id, last_update FROM raw.rental ORDER BY rental_id"),
            ("SELECT actor_id, film_id, last_update FROM film_actor ORDER BY 1, 2", "SELECT actor_id, film_id, last_update FROM raw.film_actor ORDER BY 1, 2"),
            ("SELECT film_id, title, md5(description), release_year, rental_rate, rating, to_jsonb(special_features), fulltext::text, last_update FROM film ORDER BY 1",
             "SELECT film_id, title, md5(description), release_year, rental_rate, rating, special_features, fulltext, last_update FROM raw.film ORDER BY 1"),
        ]
        for (sourceQuery, rawQuery) in queries {
            let expected = try sql(sourceQuery).split(separator: "\n")
            let actual = try raw(rawQuery).split(separator: "\n")
            XCTAssertEqual(actual.count, expected.count, "row count: \(rawQuery)", file: file, line: line)
            for (a, e) in zip(actual, expected) where a != e {
                XCTFail("raw differs from the source:\n  source: \(e)\n  raw:    \(a)", file: file, line: line)
                break
            }
        }
    }
}

/// Collects progress reports from the engine's task.
/// `@unchecked Sendable`: its mutable fields change only under `lock`.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [SyncProgress] = []

    func record(_ progress: SyncProgress) {
        lock.lock()
        reports.append(progress)
        lock.unlock()
    }

    var last: SyncProgress? {
        lock.lock()
        defer { lock.unlock() }
        return reports.last
    }
}

/// Lets a task's own callback cancel it.
/// `@unchecked Sendable`: its mutable fields change only under `lock`.
final class TaskHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<SyncOutcome, any Error>?
    private var cancelled = false

    func set(_ task: Task<SyncOutcome, any Error>) {
        lock.lock()
        self.task = task
        let cancelNow = cancelled
        lock.unlock()
        if cancelNow { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}
