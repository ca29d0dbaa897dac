import EltopPostgres
import EltopTestSupport
import Foundation
import XCTest

/// A statement or a connect with a deadline, against a real server: given up at the deadline or when
/// its task is cancelled, the statement is cancelled on the server and the same connection answers the
/// next statement; a server that accepts but never answers is given up on by the deadline, or by the
/// session's connect timeout.
final class PGConnectionDeadlineTests: XCTestCase {
    func testAStatementPastItsDeadlineIsCancelledOnTheServerAndTheConnectionKept() async throws {
        let pg = try TestPostgres.shared()
        let db = try pg.createDatabase(prefix: "deadline")
        let connection = PGConnection(conninfo: pg.url(database: db))
        let backend = try await connection.query("SELECT pg_backend_pid()", deadline: .now + .seconds(10)).rows.first?.first ?? nil
        do {
            _ = try await connection.query("SELECT pg_sleep(30)", deadline: .now + .milliseconds(300))
            XCTFail("the statement sleeps past its deadline")
        } catch is PGDeadlinePassed {}
        // The next statement waits for the cancelled one's answer on the same connection, so it answers
        // only once the server has stopped sleeping (else after the session's 5 s statement timeout,
        // an error, or 30 s).
        let after = try await connection.query("SELECT pg_backend_pid()", deadline: .now + .seconds(3)).rows.first?.first ?? nil
        XCTAssertEqual(after, backend, "the same backend: the connection was kept")
        XCTAssertEqual(try pg.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(db)' AND query LIKE '%pg_sleep(30)%' AND state = 'active'"), "0")
    }

    func testACancelledTaskReturnsAtOnceAndTheServerStopsTheStatement() async throws {
        let pg = try TestPostgres.shared()
        let db = try pg.createDatabase(prefix: "cancel")
        let connection = PGConnection(conninfo: pg.url(database: db))
        let sleeping = "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(db)' AND query LIKE '%pg_sleep(30)%' AND state = 'active'"
        let poll = Task { try await connection.query("SELECT pg_sleep(30)", deadline: .now + .seconds(60)) }
        _ = try await waitUntil("the server runs the sleep", seen: { (try? pg.psql(sleeping)) ?? "?" }) { $0 == "1" }
        poll.cancel()
        do {
            _ = try await poll.value
            XCTFail("a cancelled statement has no answer")
        } catch is CancellationError {}
        _ = try await waitUntil("the server stopped the sleep", seen: { (try? pg.psql(sleeping)) ?? "?" }) { $0 == "0" }
        let next = try await connection.query("SELECT 2", deadline: .now + .seconds(10))
        XCTAssertEqual(next.rows, [["2"]])
    }

    func testAServerThatNeverAnswersTheStartupIsGivenUpOnByTheDeadline() async throws {
        let silent = try SilentListener()
        let connection = PGConnection(conninfo: "postgresql://postgres@127.0.0.1:\(silent.port)/postgres")
        do {
            _ = try await connection.query("SELECT 1", deadline: .now + .milliseconds(300))
            XCTFail("nothing answers the startup packet")
        } catch is PGDeadlinePassed {}
    }

    func testAServerThatNeverAnswersTheStartupFailsAtTheConnectTimeout() async throws {
        let silent = try SilentListener()
        let connection = PGConnection(
            conninfo: "postgresql://postgres@127.0.0.1:\(silent.port)/postgres", settings: .init(connectTimeoutSeconds: 1))
        do {
            _ = try await connection.query("SELECT 1", deadline: .now + .seconds(30))
            XCTFail("nothing answers the startup packet")
        } catch let error as PGError {
            XCTAssertEqual(error.kind, .connection)
            XCTAssertTrue(error.message.contains("127.0.0.1") && error.message.contains("timeout expired"), error.message)
        }
    }
}

/// A TCP port on loopback whose connections the kernel completes (the listen backlog) but nobody reads:
/// a server that is up and never answers.
private final class SilentListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard listening else {
            close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(descriptor) }
}
