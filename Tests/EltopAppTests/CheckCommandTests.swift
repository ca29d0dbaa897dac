import EltopCore
import EltopPollers
import EltopTestSupport
import Foundation
import XCTest

@testable import EltopApp

/// `eltop check` against real systems: exit codes from a real slot (fine, lagging, lost; beside an
/// unreachable Airbyte), an unreachable source, a failed dbt model, and a repeatedly failing and a
/// disabled Airbyte connection end to end.
final class CheckCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try ScratchDirectory.make("eltop-check")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `eltop check` with `yaml` as the config file, as the command does.
    @MainActor
    private func check(_ yaml: String, only: String, json: Bool = false) async throws -> (text: String, status: Int32) {
        let options = try writeConfigFile(yaml, in: directory)
        return await CheckCommand.output(options: options, try CheckCommand.Arguments(only: only, timeout: 15), json: json)
    }

    func testUsageErrorsNameWhatIsValid() {
        XCTAssertThrowsError(try CheckCommand.Arguments(only: "source,snowflake", timeout: nil)) { error in
            XCTAssertEqual("\(error)", "--only: unknown area \"snowflake\"; valid: source, airbyte, warehouse, dbt")
        }
        XCTAssertThrowsError(try CheckCommand.Arguments(only: "source", timeout: 2)) { error in
            XCTAssertTrue("\(error)".contains("shorter than the 3s WAL-growth sample; give at least 4s"), "\(error)")
        }
        XCTAssertEqual(try CheckCommand.Arguments(only: "airbyte", timeout: 2).timeout, 2, "no sample without the source")
        XCTAssertEqual(try CheckCommand.Arguments(only: " dbt , source ", timeout: 60).areas, [.source, .dbt])
        XCTAssertEqual(try CheckCommand.Arguments(only: nil, timeout: nil).timeout, CheckCommand.defaultTimeoutSeconds)
    }

    /// OK, then WARNING once the slot lags, then CRITICAL once `max_slot_wal_keep_size` has cost it its WAL.
    @MainActor
    func testExitCodesFromARealSlotOkLaggingAndLost() async throws {
        let pg = try TestPostgres.start(extraSettings: ["max_slot_wal_keep_size = '1MB'", "min_wal_size = '32MB'", "max_wal_size = '32MB'"])
        defer { pg.stop() }
        try pg.psql("CREATE TABLE t (id int, pad text)")
        try pg.psql("SELECT pg_create_logical_replication_slot('cdc', 'pgoutput')")
        let yaml = "source:\n  url: \"\(pg.url())\"\n  lag_warn_bytes: 65536\n"

        let fine = try await check(yaml, only: "source")
        XCTAssertEqual(fine.status, 0, fine.text)
        XCTAssertTrue(fine.text.hasPrefix("ELTOP OK - source ok | cdc_lag="), fine.text)
        XCTAssertTrue(fine.text.contains("note: WAL growth sampled over 3."), fine.text)

        try pg.psql("INSERT INTO t SELECT g, repeat('x', 100) FROM generate_series(1, 2000) g")
        let lagging = try await check(yaml, only: "source")
        XCTAssertEqual(lagging.status, 1, lagging.text)
        XCTAssertTrue(lagging.text.hasPrefix("ELTOP WARNING - source: slot cdc lag ≥ 64 KiB"), lagging.text)
        let tight = yaml + "  retained_warn_bytes: 65536\n  inactive_warn_seconds: 1\n"
        let retainedAndInactive = try await check(tight, only: "source")
        XCTAssertEqual(retainedAndInactive.status, 1, retainedAndInactive.text)
        XCTAssertTrue(retainedAndInactive.text.contains("\n[WARNING] source: slot cdc retained WAL ≥ 64 KiB"), retainedAndInactive.text)
        XCTAssertNotNil(
            retainedAndInactive.text.range(of: #"\n\[WARNING\] source: slot cdc inactive \d+s ≥ 1s"#, options: .regularExpression), retainedAndInactive.text)
        // An Airbyte nothing listens for: UNKNOWN outranks the lag's WARNING ...
        let unreachableAirbyte = yaml + "airbyte:\n  server: \"http://127.0.0.1:1\"\n"
        let laggingUnknown = try await check(unreachableAirbyte, only: "source,airbyte")
        XCTAssertEqual(laggingUnknown.status, 3, laggingUnknown.text)
        XCTAssertTrue(laggingUnknown.text.hasPrefix("ELTOP UNKNOWN - airbyte: unreachable: "), laggingUnknown.text)
        XCTAssertTrue(laggingUnknown.text.contains("\n[WARNING] source: slot cdc lag ≥ 64 KiB"), laggingUnknown.text)

        let deadline = Date().addingTimeInterval(30)
        var status = ""
        repeat {
            try pg.psql("INSERT INTO t SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g")
            try pg.psql("SELECT pg_switch_wal()")
            try pg.psql("CHECKPOINT")
            status = try pg.psql("SELECT wal_status FROM pg_replication_slots WHERE slot_name = 'cdc'").trimmingCharacters(in: .whitespacesAndNewlines)
        } while status != "lost" && Date() < deadline
        XCTAssertEqual(status, "lost")
        let lost = try await check(yaml, only: "source", json: true)
        XCTAssertEqual(lost.status, 2, lost.text)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lost.text.utf8)) as? [String: Any])
        XCTAssertEqual(object["status"] as? String, "CRITICAL")
        XCTAssertTrue((object["summary"] as? String)?.contains("source: slot cdc WAL lost: the connection needs a reset") ?? false, lost.text)
        // ... and the lost slot's CRITICAL outranks the unreachable Airbyte.
        let lostUnknown = try await check(unreachableAirbyte, only: "source,airbyte")
        XCTAssertEqual(lostUnknown.status, 2, lostUnknown.text)
        XCTAssertTrue(lostUnknown.text.hasPrefix("ELTOP CRITICAL - source: slot cdc WAL lost"), lostUnknown.text)
        XCTAssertTrue(lostUnknown.text.contains("\n[UNKNOWN] airbyte: unreachable: "), lostUnknown.text)
    }

    @MainActor
    func testAnUnreachableSourceIsUnknownAndAFailedModelCritical() async throws {
        let unreachable = try await check("source:\n  url: \"postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=3\"\n", only: "source")
        XCTAssertEqual(unreachable.status, 3, unreachable.text)
        XCTAssertTrue(unreachable.text.hasPrefix("ELTOP UNKNOWN - source: unreachable: "), unreachable.text)

        let fixtures = DbtFixtureProject.fixtures
        let dbt = "dbt:\n  project_dir: \"\(fixtures.appendingPathComponent("project").path)\"\n  target_dir: \"\(fixtures.appendingPathComponent("artifacts").path)\"\n"
        let failed = try await check(dbt, only: "dbt")
        XCTAssertEqual(failed.status, 2, failed.text)
        XCTAssertTrue(failed.text.hasPrefix("ELTOP CRITICAL - dbt: "), failed.text)
        XCTAssertEqual(failed.text.components(separatedBy: "\n").first, "ELTOP CRITICAL - dbt: 2 nodes failed: broken_report, big_orders_exist | dbt_failed=2;;1", "a failed model and a failed test")

        let bad = try await check("source:\n  poll_interval: -1\n", only: "source")
        XCTAssertEqual(bad.status, 3, "a bad config is UNKNOWN: \(bad.text)")
        XCTAssertTrue(bad.text.hasPrefix("ELTOP UNKNOWN - bad config: "), bad.text)
    }

    /// The warehouse's findings from a real PostgreSQL warehouse: a raw table and its staging model 2,000
    /// rows apart, and a raw table whose newest row is an hour old with `raw_stale_after` at 10 minutes.
    @MainActor
    func testAWarehouseDriftingAndStaleWarns() async throws {
        let pg = try TestPostgres.shared()
        let db = try pg.createDatabase(prefix: "drift")
        try pg.psql(
            """
            CREATE SCHEMA raw; CREATE SCHEMA staging;
            CREATE TABLE raw.orders (id int, _airbyte_extracted_at timestamptz);
            INSERT INTO raw.orders SELECT g, now() FROM generate_series(1, 2000) g;
            CREATE TABLE staging.stg_orders (id int);
            CREATE TABLE raw.films (id int, _airbyte_extracted_at timestamptz);
            INSERT INTO raw.films VALUES (1, now() - interval '1 hour');
            CREATE TABLE staging.stg_films AS SELECT id FROM raw.films;
            ANALYZE;
            """, database: db)
        let result = try await check("warehouse:\n  url: \"\(pg.url(database: db))\"\n  raw_stale_after: 600\n", only: "warehouse")
        XCTAssertEqual(result.status, 1, result.text)
        XCTAssertTrue(result.text.hasPrefix("ELTOP WARNING - warehouse: raw.orders → staging.stg_orders: 2,000 rows apart (warn 1,000)"), result.text)
        XCTAssertNotNil(
            result.text.range(of: #"\n\[WARNING\] warehouse: raw\.films: newest row 1h(0m)? ago \(stale after 10m\)"#, options: .regularExpression), result.text)
        XCTAssertTrue(result.text.contains(" | drift_rows=2000;1000;"), result.text)
    }

    /// A check is bounded by `--timeout`: an Airbyte that has not answered by then is UNKNOWN, and the
    /// report says where it stopped.
    @MainActor
    func testAnAreaThatHasNotAnsweredByTheTimeoutIsUnknown() async throws {
        let server = try AirbyteTestServer()
        await server.fake.addConnection(name: "pg → warehouse")
        await server.fake.inject(AirbyteFakeFault(.delay(seconds: 8), on: "/connections", times: 5))
        try await server.start()
        let options = try writeConfigFile("airbyte:\n  server: \"\(server.baseURL)\"\n", in: directory)
        let started = Date()
        let result = await CheckCommand.output(options: options, try CheckCommand.Arguments(only: "airbyte", timeout: 2), json: false)
        let took = Date().timeIntervalSince(started)
        await server.stop()
        XCTAssertEqual(result.status, 3, result.text)
        XCTAssertTrue(result.text.hasPrefix("ELTOP UNKNOWN - airbyte: no answer before the timeout"), result.text)
        XCTAssertTrue(result.text.contains("\nnote: stopped at the --timeout of 2s"), result.text)
        XCTAssertLessThan(took, 7, "the check waited for the answer, not the timeout")
    }

    /// The connection-trouble verdict end to end: three failed jobs on a real HTTP server, read by the
    /// real Airbyte client, judged by the reducer, printed by `check` and in `snapshot --json`.
    @MainActor
    func testARepeatedlyFailingConnectionIsCriticalEndToEnd() async throws {
        let server = try AirbyteTestServer()
        let id = await server.fake.addConnection(name: "pg → warehouse", scheduleType: "basic", basicTiming: "Every 24 HOURS")
        for _ in 0..<3 {
            let job = await server.fake.createJob(connectionID: id, status: "running")
            await server.fake.finish(job, status: "failed", failureOrigin: "source", failureMessage: "password authentication failed", failureType: "config_error")
        }
        let paused = await server.fake.addConnection(name: "paused")
        await server.fake.setStatus(of: paused, to: "inactive")
        try await server.start()
        let yaml = "airbyte:\n  server: \"\(server.baseURL)\"\n"
        let result = try await check(yaml, only: "airbyte", json: true)
        let options = AppOptions(configPath: directory.appendingPathComponent("eltop.yaml").path)
        let config = try loadConfig(options: options)
        let snapshotState = try SnapshotOutput.text(
            await SnapshotOutput.oneRound(makeInitialState(now: Date(), options: options, config: config), feeds: FeedCatalog(config: config)), json: true)
        await server.stop()
        XCTAssertEqual(result.status, 2, result.text)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.text.utf8)) as? [String: Any])
        let verdict = try XCTUnwrap((object["verdicts"] as? [[String: Any]])?.first, result.text)
        XCTAssertEqual(verdict["kind"] as? String, "connection_trouble")
        XCTAssertEqual(verdict["severity"] as? String, "crit")
        XCTAssertEqual(
            verdict["text"] as? String, "failing repeatedly: 3 failed jobs in a row; last: source · config_error · password authentication failed")
        XCTAssertTrue((object["summary"] as? String)?.contains("'pg → warehouse_failed_jobs'=3;;3") ?? false, result.text)
        let findings = (object["findings"] as? [[String: Any]] ?? []).map { "\($0["level"] ?? "") \($0["text"] ?? "")" }
        XCTAssertTrue(findings.contains("WARNING paused: connection inactive: no syncs will run"), "\(findings)")
        let snapshot = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(snapshotState.utf8)) as? [String: Any])
        XCTAssertEqual((snapshot["verdicts"] as? [[String: Any]])?.first?["text"] as? String, verdict["text"] as? String)
    }

    /// The slot-loss verdict end to end: a real slot whose `safe_wal_size` shrinks while `check` samples
    /// (a writer runs meanwhile), and a connection on the Airbyte test server whose next sync is a day
    /// away: the slot would be lost first, so CRITICAL.
    @MainActor
    func testASlotLostBeforeTheNextSyncIsCriticalEndToEnd() async throws {
        let pg = try TestPostgres.start(extraSettings: ["max_slot_wal_keep_size = '256MB'"])
        defer { pg.stop() }
        try pg.psql("CREATE TABLE t (id int, pad text)")
        try pg.psql("SELECT pg_create_logical_replication_slot('cdc', 'pgoutput')")
        let server = try AirbyteTestServer()
        let id = await server.fake.addConnection(name: "pg → warehouse", scheduleType: "basic", basicTiming: "Every 24 HOURS")
        let job = await server.fake.createJob(connectionID: id, status: "running")
        await server.fake.finish(job, status: "succeeded")
        try await server.start()
        let writer = BackgroundWriter(pg)
        writer.start()
        let result = try await check("source:\n  url: \"\(pg.url())\"\nairbyte:\n  server: \"\(server.baseURL)\"\n", only: "source,airbyte")
        writer.stop()
        await server.stop()
        XCTAssertEqual(result.status, 2, result.text)
        XCTAssertTrue(result.text.hasPrefix("ELTOP CRITICAL - "), result.text)
        XCTAssertTrue(result.text.contains("[CRITICAL] source: slot cdc lost in "), result.text)
        XCTAssertTrue(result.text.contains("[CRITICAL] source: slot cdc safe_wal_size used up in "), result.text)
        XCTAssertTrue(result.text.contains("at this rate, before the next sync in 23h"), result.text)
        XCTAssertTrue(result.text.contains("cdc_safe_wal="), result.text)
    }
}

/// Writes WAL on its own thread (psql blocks) until stopped, so a slot's `safe_wal_size` shrinks.
/// `@unchecked Sendable`: `running` changes only under `lock`; the rest is immutable or thread-safe.
private final class BackgroundWriter: @unchecked Sendable {
    private let pg: TestPostgres
    private let lock = NSLock()
    private var running = true
    private let done = DispatchSemaphore(value: 0)

    init(_ pg: TestPostgres) { self.pg = pg }

    func start() {
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                _ = try? pg.psql("INSERT INTO t SELECT g, repeat('x', 200) FROM generate_series(1, 5000) g")
            }
            done.signal()
        }
    }

    func stop() {
        lock.withLock { running = false }
        done.wait()
    }
}
