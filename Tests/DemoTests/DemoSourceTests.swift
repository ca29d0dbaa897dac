import EltopDemo
import EltopPostgres
import EltopSpawn
import EltopTestSupport
import Foundation
import Testing

/// The generated source against the sample: sizes, keys, types, triggers and the CDC setup, each read
/// by an independent query through psql.
@Suite("Demo source") struct DemoSourceTests {
    @Test func everyTableHasTheSampleSize() async throws {
        let demo = try await SharedDemoStack.get()
        for table in DVDRentalTable.allCases {
            let count = try Psql.value("SELECT count(*) FROM \(table.rawValue)", url: demo.endpoints.sourceAdminURL)
            #expect(count == String(table.sampleRows), "\(table.rawValue)")
        }
    }

    @Test func keysForeignKeysAndUniqueConstraintsAreThere() async throws {
        let url = try await SharedDemoStack.get().endpoints.sourceAdminURL
        let constraints = try Psql.value(
            "SELECT contype, count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND contype IN ('p','f','u') GROUP BY 1 ORDER BY 1",
            url: url)
        // 15 sample keys + eltop_probe's; 18 foreign keys; rental's natural key and store's manager.
        #expect(constraints == "f|18\np|16\nu|2")
        // The foreign keys hold: every payment's rental exists and belongs to the same customer.
        #expect(try Psql.value("SELECT count(*) FROM payment p JOIN rental r USING (rental_id) WHERE p.customer_id <> r.customer_id", url: url) == "0")
        #expect(try Psql.value("SELECT count(*) FROM (SELECT rental_date, inventory_id, customer_id FROM rental GROUP BY 1,2,3 HAVING count(*) > 1) d", url: url) == "0")
    }

    @Test func specialTypesAndTriggersMatchTheSample() async throws {
        let url = try await SharedDemoStack.get().endpoints.sourceAdminURL
        #expect(try Psql.value("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'mpaa_rating'::regtype", url: url) == "G,PG,PG-13,R,NC-17")
        #expect(try Psql.value("SELECT format_type(typbasetype, NULL) FROM pg_type WHERE typname = 'year' AND typtype = 'd'", url: url) == "integer")
        let types = try Psql.value(
            """
            SELECT string_agg(table_name || '.' || column_name || '=' || data_type, ' ' ORDER BY table_name, column_name) FROM information_schema.columns
            WHERE (table_name, column_name) IN (('film','special_features'),('film','fulltext'),('film','release_year'),('staff','picture'),('language','name'),('rental','rental_date'))
            """, url: url)
        #expect(types == "film.fulltext=tsvector film.release_year=integer film.special_features=ARRAY language.name=character rental.rental_date=timestamp without time zone staff.picture=bytea")
        #expect(try Psql.value("SELECT count(*) FROM language WHERE octet_length(name) = 20 AND name::text = rtrim(name::text)", url: url) == "6")
        #expect(try Psql.value("SELECT count(*) FROM film WHERE fulltext IS NULL OR fulltext = ''::tsvector", url: url) == "0")
        #expect(try Psql.value("SELECT picture IS NOT NULL FROM staff WHERE staff_id = 1", url: url) == "t")
        let triggers = try Psql.value("SELECT count(*) FROM pg_trigger WHERE tgname = 'last_updated' AND NOT tgisinternal", url: url)
        #expect(triggers == "14", "every table but payment has the last_update trigger")
        // The fulltext trigger rebuilds on update, in a transaction that leaves nothing behind.
        let rebuilt = try Psql.session(
            ["BEGIN", "UPDATE film SET title = 'ZEBRA CROSSING' WHERE film_id = 1", "SELECT fulltext @@ to_tsquery('zebra') FROM film WHERE film_id = 1", "ROLLBACK"], url: url)
        #expect(rebuilt == "t")
    }

    @Test func cdcIsSetUpAsTheSeedDoesWithTheProbeAsSixteenthTable() async throws {
        let url = try await SharedDemoStack.get().endpoints.sourceAdminURL
        #expect(try Psql.value("SHOW wal_level", url: url) == "logical")
        #expect(try Psql.value("SELECT plugin || ' ' || slot_type FROM pg_replication_slots WHERE slot_name = 'airbyte_slot'", url: url) == "pgoutput logical")
        let published = try Psql.value("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_publication_tables WHERE pubname = 'airbyte_publication'", url: url)
        #expect(published == (DVDRentalTable.allCases.map(\.rawValue) + ["eltop_probe"]).sorted().joined(separator: ","))
        let identities = try Psql.value(
            "SELECT string_agg(DISTINCT relreplident::text, ',') FROM pg_class WHERE relname IN (\(DVDRentalTable.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",")))",
            url: url)
        #expect(identities == "d")
    }

    @Test func eltopsRoleCanMonitorButNotWrite() async throws {
        let demo = try await SharedDemoStack.get()
        #expect(try Psql.value("SELECT pg_has_role('eltop', 'pg_monitor', 'MEMBER')", url: demo.endpoints.sourceAdminURL) == "t")
        #expect(try Psql.value("SELECT count(*) FROM pg_replication_slots", url: demo.endpoints.sourceURL) == "1")
        #expect(throws: (any Error).self) { try Psql.value("INSERT INTO eltop_probe (note) VALUES ('x')", url: demo.endpoints.sourceURL) }
        #expect(throws: (any Error).self) { try Psql.value("SELECT count(*) FROM customer", url: demo.endpoints.sourceURL) }
    }
}

/// psql, not eltop's own libpq wrapper, for the independent checks.
enum Psql {
    @discardableResult
    static func value(_ sql: String, url: String) throws -> String {
        try session([sql], url: url)
    }

    /// Runs each statement in turn in one session (one `-c` each) and returns what they printed.
    @discardableResult
    static func session(_ statements: [String], url: String) throws -> String {
        let bin = try PostgresServerBinaries.find().psql
        let commands = statements.flatMap { ["-c", $0] }
        let (status, output) = try ChildProcess.run(
            "/bin/sh", ["-c", "cd /tmp && exec \"$@\"", "sh", bin, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url] + commands)
        guard status == 0 else { throw DemoError("psql failed: \(output)") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
