import EltopPostgres
import EltopTestSupport
import XCTest

/// The libpq wrapper against a real server: rows and NULLs, errors with SQLSTATE, read-only sessions,
/// and surviving a server restart.
final class PGConnectionTests: XCTestCase {
    func testQueryReturnsTextRowsAndNulls() async throws {
        let pg = try TestPostgres.shared()
        let connection = PGConnection(conninfo: pg.url())
        let result = try await connection.query("SELECT 1::int AS one, NULL::text AS nothing, $1::text AS echo", ["hé"])
        XCTAssertEqual(result.columns, ["one", "nothing", "echo"])
        XCTAssertEqual(result.rows, [["1", nil, "hé"]])
        XCTAssertEqual(result.records.first?.int64("one"), 1)
        let version = try await connection.serverVersionNumber()
        XCTAssertGreaterThan(version, 100_000)
    }

    func testSessionIsReadOnlyWithApplicationName() async throws {
        let pg = try TestPostgres.shared()
        let db = try pg.createDatabase()
        let connection = PGConnection(conninfo: pg.url(database: db))
        let name = try await connection.query("SELECT current_setting('application_name') AS a, current_setting('statement_timeout') AS t")
        XCTAssertEqual(name.rows.first?[0], "eltop")
        XCTAssertEqual(name.rows.first?[1], "5s")
        do {
            _ = try await connection.query("CREATE TABLE t (id int)")
            XCTFail("a read-only session must refuse writes")
        } catch let error as PGError {
            XCTAssertEqual(error.kind, .query)
            XCTAssertEqual(error.sqlState, "25006")  // read_only_sql_transaction
        }
    }

    func testPermissionDeniedCarriesSQLState() async throws {
        let pg = try TestPostgres.shared()
        let db = try pg.createDatabase()
        try pg.psql("CREATE ROLE nobody_\(db) LOGIN; CREATE TABLE secret (id int); REVOKE ALL ON secret FROM PUBLIC;", database: db)
        let connection = PGConnection(conninfo: pg.url(database: db, user: "nobody_\(db)"))
        do {
            _ = try await connection.query("SELECT * FROM secret")
            XCTFail("expected permission denied")
        } catch let error as PGError {
            XCTAssertTrue(error.isPermissionDenied, error.message)
        }
    }

    func testConnectionFailureThenRecoveryAfterRestart() async throws {
        let pg = try TestPostgres.start()
        defer { pg.stop() }
        let connection = PGConnection(conninfo: pg.url())
        _ = try await connection.query("SELECT 1")
        try pg.stopServer()
        do {
            _ = try await connection.query("SELECT 1")
            XCTFail("a stopped server cannot answer")
        } catch let error as PGError {
            XCTAssertEqual(error.kind, .connection, error.message)
        }
        try pg.startServer()
        let result = try await connection.query("SELECT 2")
        XCTAssertEqual(result.rows, [["2"]])
    }

    func testUnreachableServerFailsWithinConnectTimeout() async throws {
        let connection = PGConnection(conninfo: "postgresql://postgres@127.0.0.1:1/postgres")
        do {
            _ = try await connection.query("SELECT 1")
            XCTFail("nothing listens on port 1")
        } catch let error as PGError {
            XCTAssertEqual(error.kind, .connection)
            XCTAssertTrue(error.message.contains("127.0.0.1"), error.message)
        }
    }
}
