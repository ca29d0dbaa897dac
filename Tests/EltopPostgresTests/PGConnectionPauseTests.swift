import EltopPostgres
import EltopTestSupport
import Foundation
import Synchronization
import XCTest

/// The pause a paced statement makes on the connection's own thread, against a real server: it waits,
/// a cut ends it and the statement is sent at once, a cut with no pause pending says so, and a cancelled
/// task ends the pause without sending anything.
final class PGConnectionPauseTests: XCTestCase {
    /// What a background statement came to, read by the test while it waits.
    private final class Outcome: Sendable {
        let sent = Atomic(false)
        let answer = Mutex<Result<PGResult, Error>?>(nil)
    }

    private func start(_ connection: PGConnection, pause: Duration, sql: String = "SELECT 1") -> (Task<Void, Never>, Outcome) {
        let outcome = Outcome()
        let task = Task {
            let result: Result<PGResult, Error>
            do {
                result = .success(try await connection.query(sql, after: pause, within: .seconds(10), whenSent: { outcome.sent.store(true, ordering: .relaxed) }))
            } catch {
                result = .failure(error)
            }
            outcome.answer.withLock { $0 = result }
        }
        return (task, outcome)
    }

    func testAShortPauseThenTheStatement() async throws {
        let pg = try TestPostgres.shared()
        let connection = PGConnection(conninfo: pg.url())
        let began = ContinuousClock.now
        let result = try await connection.query("SELECT 41 + 1", after: .milliseconds(200), within: .seconds(10))
        XCTAssertEqual(result.rows, [["42"]])
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - began, .milliseconds(200), "the statement waits for its pause")
        XCTAssertFalse(connection.cutPause(), "no pause is pending once the statement has answered")
    }

    func testACutEndsThePauseAndTheStatementIsSentAtOnce() async throws {
        let pg = try TestPostgres.shared()
        let connection = PGConnection(conninfo: pg.url())
        XCTAssertFalse(connection.cutPause(), "nothing is pausing yet")
        let (task, outcome) = start(connection, pause: .seconds(600))
        defer { task.cancel() }
        _ = try await waitUntil("the pause is pending and cut", seen: { connection.cutPause() }) { $0 }
        let answer = try await waitUntil("the statement answers well before the 600 s pause", seen: { outcome.answer.withLock { $0 } }) { $0 != nil }
        XCTAssertEqual(try answer?.get().rows, [["1"]])
        XCTAssertTrue(outcome.sent.load(ordering: .relaxed))
    }

    func testACancelledTaskEndsThePauseAndSendsNothing() async throws {
        let pg = try TestPostgres.shared()
        let db = try pg.createDatabase(prefix: "pause")
        let connection = PGConnection(conninfo: pg.url(database: db))
        let (task, outcome) = start(connection, pause: .seconds(600), sql: "SELECT 'paused statement'")
        // Most likely the connection's thread is in the pause by now; cancelled before it got there, the
        // pause must end the same way, so nothing below depends on this wait's length.
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let answer = try await waitUntil("the cancelled pause ends", seen: { outcome.answer.withLock { $0 } }) { $0 != nil }
        guard case .failure(let error)? = answer else { return XCTFail("a cancelled pause has no answer: \(String(describing: answer))") }
        XCTAssertTrue(error is CancellationError, "\(error)")
        XCTAssertFalse(outcome.sent.load(ordering: .relaxed), "nothing was sent")
        XCTAssertEqual(try pg.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(db)' AND query LIKE '%paused statement%'"), "0")
        let next = try await connection.query("SELECT 2", deadline: .now + .seconds(10))
        XCTAssertEqual(next.rows, [["2"]], "the connection answers the next statement")
    }
}
