import EltopCore
import EltopSnowflake
import EltopUI
import Foundation
import XCTest

@testable import EltopPollers

/// The fault suite's Snowflake cases (the fake lives here, with the contract tests): the warehouse feed
/// behind a real `PollRunner` and the real reducer, polled once healthy, once under the fault and once
/// after it clears — the shape of `FaultRig`'s cases. The other feeds' independence is the rig's to
/// show; what this adds is the SQL API's own failures reaching the pane.
final class SnowflakeFaultTests: XCTestCase {
    private var api: FakeSQLAPI!
    private var keyPath: String!
    private var runner: PollRunner!
    private var state: DashboardState!

    override func setUp() async throws {
        (api, keyPath) = try await FakeSQLAPI.startedWithKeyFile(named: "eltop-sf-fault")
        // Raw arrives in three pages, so every poll fetches partitions 2 and 3.
        api.script(
            "SHOW TABLES IN SCHEMA ANALYTICS.raw",
            .result(.showTables([("RAW", "ORDERS", 1200, 4096), ("RAW", "CUSTOMERS", 17, 512), ("RAW", "PAYMENTS", 90, 1024)]), partitions: 3))
        api.script("SHOW TABLES IN SCHEMA ANALYTICS.staging", .result(.showTables([("STAGING", "STG_ORDERS", 1200, 4096)])))

        let jwt = try KeyPairJWT(account: "myorg.myaccount", user: "eltop_monitor", privateKeyPath: keyPath)
        var options = SnowflakeClient.Options()
        options.firstPauseSeconds = 0.05
        let client = SnowflakeClient(baseURL: api.baseURL, credential: .keyPair(jwt), options: options)
        let warehouse = SnowflakeWarehouse(client: client, database: "ANALYTICS", virtualWarehouse: nil, role: nil)
        let poller = WarehousePoller(warehouse: warehouse, layout: WarehouseLayout(), freshnessIntervalSeconds: nil)
        runner = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 2, timeoutSeconds: 4), random: { 0.5 }, sink: { _ in })
        func off() -> FeedHealth { FeedHealth(configured: false, configureHint: "not configured", pollInterval: 2) }
        state = DashboardState(
            now: Date(), source: SourceState(health: off()), airbyte: AirbyteState(health: off()),
            warehouse: WarehouseState(health: FeedHealth(configured: true, configureHint: "", pollInterval: 2)), dbt: DbtState(health: off()))
    }

    override func tearDown() async throws {
        await api.stop()
        try? FileManager.default.removeItem(atPath: keyPath)
    }

    private func poll() async {
        let event = await runner.pollOnce()
        _ = reduce(&state, event)
        if case .pollSucceeded(_, let at) = event { _ = reduce(&state, .clockTicked(max(at, state.now))) }
        if case .pollFailed(_, _, let at, _) = event { _ = reduce(&state, .clockTicked(max(at, state.now))) }
    }

    private var screen: String {
        GoldenText.render(render(state, size: Size(cols: 160, rows: 48), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!))
    }

    private func check(_ fault: FakeSQLAPI.Fault, says expected: String, file: StaticString = #filePath, line: UInt = #line) async {
        await poll()
        XCTAssertNil(state.warehouse.health.lastError, "before the fault: \(state.warehouse.health.lastError ?? "")", file: file, line: line)
        XCTAssertEqual(state.warehouse.reading?.tables.count, 4, "every page of raw and staging", file: file, line: line)

        api.inject(fault)
        await poll()
        XCTAssertEqual(state.status(.warehouse), .error, file: file, line: line)
        let message = state.warehouse.health.lastError ?? "nothing"
        XCTAssertTrue(message.contains(expected), "the pane says: \(message), not \(expected)", file: file, line: line)
        XCTAssertFalse(message.contains("<html"), "no markup on screen: \(message)", file: file, line: line)
        XCTAssertEqual(state.warehouse.reading?.tables.count, 4, "the last good tables stay", file: file, line: line)
        XCTAssertNotNil(state.warehouse.health.age(now: state.now), file: file, line: line)
        let screen = self.screen
        XCTAssertTrue(screen.contains("Showing data as of"), "the pane tells the data's age:\n\(screen)", file: file, line: line)

        api.inject(nil)
        await poll()
        XCTAssertNil(state.warehouse.health.lastError, "recovered in one poll: \(state.warehouse.health.lastError ?? "")", file: file, line: line)
        XCTAssertNotEqual(state.status(.warehouse), .error, file: file, line: line)
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "recovered" }, "the timeline says it recovered", file: file, line: line)
    }

    func testA408StatementTimeout() async {
        await check(.statementTimedOut, says: "Snowflake timed the statement out (408): Statement reached its statement or warehouse timeout")
    }

    /// Partial rows are never shown as the whole table list: one failed page fails the poll.
    func testAFailingPartitionFetch() async {
        await check(
            .partitionFetchFails(status: 502),
            says: "fetching result page 2 of 3 failed: Snowflake answered HTTP 502: an HTML page instead of JSON: a proxy or gateway answered, not Snowflake")
    }

    /// A row count past Int64 (NUMBER(38) allows it) or not a number is no count, not a trap.
    func testARowCountBeyondInt64IsNoCount() async {
        api.script(
            "SHOW TABLES IN SCHEMA ANALYTICS.raw",
            .result(SQLAPIFixture(
                rowType: #"[{"name":"schema_name","type":"text","nullable":false},{"name":"name","type":"text","nullable":false},{"name":"rows","type":"fixed","scale":0,"nullable":true}]"#,
                rows: [["RAW", "HUGE", "123456789012345678901234567890"], ["RAW", "ODD", "1e300"], ["RAW", "FRACTION", "12.7"]])))
        await poll()
        XCTAssertNil(state.warehouse.health.lastError)
        XCTAssertEqual(state.warehouse.reading?.tables.filter { $0.schema == "RAW" }.map(\.rows), [nil, nil, 12])
    }
}
