import EltopCore
import EltopTestSupport
import XCTest

/// The Snowflake SQL API misbehaving while the source, Airbyte and dbt feeds go on: the warehouse feed
/// on `FakeSQLAPI` over loopback (real libcurl, a real RS256 key-pair JWT the fake verifies), each fault
/// shown on the Warehouse pane with the data's age and gone with the next poll after it clears.
final class SnowflakeFaultSuiteTests: XCTestCase {
    private func check(_ fault: FakeSQLAPI.Fault, says expected: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let rig = try await FaultRig(withSnowflake: true)
        let api = try XCTUnwrap(rig.snowflake)
        try await rig.run(.warehouse, says: expected, inject: { api.inject(fault) }, clear: { api.inject(nil) }, file: file, line: line)
        XCTAssertEqual(rig.state.warehouse.reading?.tables.count, 4, "every page of raw and staging again", file: file, line: line)
        await rig.stop(file: file, line: line)
    }

    func testA408StatementTimeout() async throws {
        try await check(.statementTimedOut, says: "Snowflake timed the statement out (408): Statement reached its statement or warehouse timeout")
    }

    /// 422 on every statement, as when the monitoring role lost its grants.
    func testA422StatementError() async throws {
        try await check(
            .statementFails(code: "003001", sqlState: "42501", message: "SQL access control error: Insufficient privileges to operate on schema 'RAW'"),
            says: "SQL error (003001, SQLSTATE 42501): SQL access control error: Insufficient privileges to operate on schema 'RAW'")
    }

    /// Partial rows are never shown as the whole table list: one failed page fails the poll, and the
    /// proxy's HTML page is named, not printed.
    func testAFailingPartitionFetch() async throws {
        try await check(
            .partitionFetchFails(status: 502),
            says: "fetching result page 2 of 3 failed: Snowflake answered HTTP 502: an HTML page instead of JSON: a proxy or gateway answered, not Snowflake")
    }

    /// 429 on every request: the client retries the statement twice (the same request id, `retry=true`),
    /// then the poll fails and the runner waits longer after each failing poll; once Snowflake answers
    /// again the next poll reads.
    func testA429IsRetriedThenBackedOff() async throws {
        let rig = try await FaultRig(withSnowflake: true)
        let api = try XCTUnwrap(rig.snowflake)
        await rig.pollAll()
        rig.assertAllWorking("before the fault")

        api.inject(.rateLimited)
        let before = api.requests.count
        let first = await rig.pollAll()[.warehouse]
        rig.assertFault(.warehouse, says: "Snowflake is rate limiting requests (429); backing off")
        let posts = api.requests.dropFirst(before).filter { $0.method == "POST" }
        XCTAssertEqual(posts.map(\.retried), [false, true, true], "the statement and two retries, then the poll gives up")
        let second = await rig.pollAll()[.warehouse]
        guard case .pollFailed(_, _, let at1, let next1?) = first, case .pollFailed(_, _, let at2, let next2?) = second else {
            return XCTFail("two failed polls: \(String(describing: first)), \(String(describing: second))")
        }
        let waits = (next1.timeIntervalSince(at1), next2.timeIntervalSince(at2))
        XCTAssertGreaterThan(waits.1, waits.0, "the wait grows while Snowflake keeps refusing: \(waits)")
        XCTAssertEqual(waits.0, 2, accuracy: 0.01, "the first wait is the interval")

        api.inject(nil)
        await rig.pollAll()
        rig.assertRecovered(.warehouse)
        rig.assertAllWorking("after the fault cleared")
        await rig.stop()
    }

    /// A server clock ten minutes ahead of eltop's, and fifty minutes passing: eltop still trusts its
    /// JWT (nine minutes left by its clock), Snowflake finds it expired. One fresh signature, the poll
    /// reads, no error is ever shown.
    func testAJWTTheServerFindsExpiredIsSignedAnewOnce() async throws {
        let rig = try await FaultRig(withSnowflake: true)
        let api = try XCTUnwrap(rig.snowflake)
        api.setClockOffset(10 * 60)
        await rig.pollAll()
        rig.assertAllWorking("before time passes")
        XCTAssertEqual(api.unauthorizedCount, 0)

        rig.snowflakeClientClock.set(50 * 60)
        api.setClockOffset(60 * 60)
        await rig.pollAll()
        rig.assertAllWorking("after one fresh signature")
        XCTAssertEqual(api.unauthorizedCount, 1, "the old token refused once, then every request with the new one")
        XCTAssertEqual(rig.state.warehouse.reading?.tables.count, 4)
        await rig.stop()
    }

    /// A server clock two hours ahead: every JWT eltop signs has expired on arrival. One fresh
    /// signature, refused too, and the pane says so — no loop; with the clock right the next poll reads.
    func testAJWTExpiredOnArrivalIsReportedAfterOneNewSignature() async throws {
        let rig = try await FaultRig(withSnowflake: true)
        let api = try XCTUnwrap(rig.snowflake)
        try await rig.run(
            .warehouse, says: "Snowflake refused the token (401 390144): JWT token is invalid. [expired]",
            inject: {
                api.setClockOffset(2 * 60 * 60)
                XCTAssertEqual(api.unauthorizedCount, 0)
            },
            clear: {
                XCTAssertEqual(api.unauthorizedCount, 2, "the kept token and one fresh signature, then the poll gives up")
                api.setClockOffset(0)
            })
        XCTAssertEqual(api.unauthorizedCount, 2, "the fresh token is valid again once the clocks agree")
        await rig.stop()
    }

    /// A row count past Int64 (NUMBER(38) allows it) or not a number is no count, not a trap.
    func testARowCountBeyondInt64IsNoCount() async throws {
        let rig = try await FaultRig(withSnowflake: true)
        let api = try XCTUnwrap(rig.snowflake)
        api.script(
            "SHOW TABLES IN SCHEMA ANALYTICS.raw",
            .result(SQLAPIFixture(
                rowType: #"[{"name":"schema_name","type":"text","nullable":false},{"name":"name","type":"text","nullable":false},{"name":"rows","type":"fixed","scale":0,"nullable":true}]"#,
                rows: [["RAW", "HUGE", "123456789012345678901234567890"], ["RAW", "ODD", "1e300"], ["RAW", "FRACTION", "12.7"]])))
        await rig.pollAll()
        rig.assertAllWorking("huge row counts")
        XCTAssertEqual(rig.state.warehouse.reading?.tables.filter { $0.schema == "RAW" }.map(\.rows), [nil, nil, 12])
        await rig.stop()
    }
}
