import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

@testable import EltopApp

/// Each verdict end to end: a real PostgreSQL source (a walsender from pg_recvlogical, the publication's
/// write counters, a slot losing its safe WAL) and the Airbyte test server, polled by the real runtime as
/// the dashboard polls them; each verdict is then read where users meet it: the panes, the
/// `snapshot --json` document and `check`'s report.
final class VerdictEndToEndTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try ScratchDirectory.make("eltop-verdicts")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs the runtime on `yaml`, as the dashboard would but without a terminal, while `body` drives
    /// the systems and watches its state; stops it afterwards.
    @MainActor
    private func watching(_ yaml: String, _ body: (Runtime) async throws -> Void) async throws {
        let options = try writeConfigFile(yaml, in: directory)
        let config = try loadConfig(options: options)
        let runtime = Runtime(state: makeInitialState(now: Date(), options: options, config: config), feeds: FeedCatalog(config: config))
        let running = Task { await runtime.run() }
        do {
            try await body(runtime)
        } catch {
            runtime.stop()
            _ = await running.value
            throw error
        }
        runtime.stop()
        _ = await running.value
    }

    /// Waits (the runtime runs meanwhile) until `condition` holds on its state; fails naming `what`.
    @MainActor
    @discardableResult
    private func until(_ runtime: Runtime, _ what: String, seconds: Double = 30, _ condition: (DashboardState) -> Bool) async throws -> DashboardState {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(runtime.state) { return runtime.state }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let verdicts = runtime.state.verdicts.map { "\($0.kind.rawValue): \($0.text)" }
        throw E2EFailure("waited \(Int(seconds))s for \(what); verdicts: \(verdicts)")
    }

    /// The verdict `text` in the snapshot document, `pane` in the rendered panes, and in the check report
    /// at `level` (a verdict that is ok, such as "quiet", is no finding).
    @MainActor
    private func assertShown(
        _ kind: VerdictKind, _ text: String, pane paneText: String, level: CheckLevel, in state: DashboardState,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var focused = state
        focused.ui.focus = .airbyte
        let pane = GoldenText.render(render(focused, size: Size(cols: 200, rows: 60), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!))
        XCTAssertTrue(pane.contains(paneText), "the panes lack \"\(paneText)\":\n\(pane)", file: file, line: line)
        let snapshot = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(SnapshotOutput.text(state, json: true).utf8)) as? [String: Any])
        let verdicts = (snapshot["verdicts"] as? [[String: Any]] ?? []).map { "\($0["kind"] ?? "") \($0["text"] ?? "")" }
        XCTAssertTrue(verdicts.contains { $0.hasPrefix(kind.rawValue + " ") && $0.contains(text) }, "snapshot verdicts: \(verdicts)", file: file, line: line)
        let report = CheckReport(state, feeds: [.source, .airbyte])
        let found = report.findings.filter { $0.text.contains(text) }
        if level == .ok {
            XCTAssertEqual(found, [], "check reports an ok verdict: \(report.text)", file: file, line: line)
        } else {
            XCTAssertEqual(found.map(\.level), [level], "check: \(report.text)", file: file, line: line)
        }
    }

    /// A source at `sourceURL` and the Airbyte `server`, each polled every 0.5 s, then `more` (under
    /// `airbyte:` when indented): the config every verdict here is read through.
    private func config(source sourceURL: String, airbyte server: AirbyteTestServer, _ more: String = "") -> String {
        """
        source:
          url: "\(sourceURL)"
          poll_interval: 0.5
        airbyte:
          server: "\(server.baseURL)"
          poll_interval: 0.5

        """ + more
    }

    /// An empty success after source writes: a previous sync (flushing `previous` when given) succeeds,
    /// then 10 inserts into the published `orders` of `database`, counted by the runtime, then a sync
    /// (flushing `next` when given) succeeds. Returns that sync's job and the state once it is flagged.
    @MainActor
    private func emptySuccess(
        _ runtime: Runtime, _ server: AirbyteTestServer, connection: String, _ pg: TestPostgres, database: String,
        previous: [AirbyteFakeStream]? = nil, next: [AirbyteFakeStream]? = nil
    ) async throws -> (job: Int64, flagged: DashboardState) {
        let previousJob = await server.fake.createJob(connectionID: connection, status: "running")
        try await until(runtime, job: previousJob, is: .running)
        if let previous { await server.fake.flush(previousJob, streams: previous) }
        await server.fake.finish(previousJob, status: "succeeded")
        let before = try await until(runtime, job: previousJob, is: .succeeded).source.reading?.publishedTableWrites ?? 0

        try pg.psql("INSERT INTO orders SELECT generate_series(1, 10)", database: database)
        try await until(runtime, "the inserts counted") { ($0.source.reading?.publishedTableWrites ?? 0) >= before + 10 }
        let job = await server.fake.createJob(connectionID: connection, status: "running")
        try await until(runtime, job: job, is: .running)
        if let next { await server.fake.flush(job, streams: next) }
        await server.fake.finish(job, status: "succeeded")
        return (job, try await until(runtime, "an empty success") { $0.verdicts.contains { $0.kind == .emptySuccess } })
    }

    /// Waits until the runtime's last Airbyte reading shows job `id` with `status`; returns that state.
    @MainActor
    @discardableResult
    private func until(_ runtime: Runtime, job id: Int64, is status: JobStatus) async throws -> DashboardState {
        try await until(runtime, "job \(id) \(status.rawValue)") { state in
            state.airbyte.reading?.connections.first?.jobs.first { $0.id == id }?.status == status
        }
    }

    /// A running job whose counts stand still: "quiet" while the walsender reads WAL (writes to a table
    /// outside the publication), "stalled" once it stops too, nothing ("slow") once the counts move again.
    @MainActor
    func testARunningJobTurnsQuietThenStalledThenSlowFromTheWalsenderAndItsCounts() async throws {
        let pg = try TestPostgres.start(extraSettings: ["autovacuum = off"])
        defer { pg.stop() }
        try pg.psql("CREATE TABLE orders (id int PRIMARY KEY); CREATE TABLE unpublished (id int)")
        try pg.psql("CREATE PUBLICATION pub FOR TABLE orders")
        try pg.psql("SELECT pg_create_logical_replication_slot('cdc', 'pgoutput')")
        let receiver = Process()
        receiver.executableURL = URL(fileURLWithPath: try TestPostgres.findBinDirectory() + "/pg_recvlogical")
        receiver.arguments = ["-d", pg.url(), "--slot", "cdc", "--start", "-f", "/dev/null", "--no-loop", "-o", "proto_version=1", "-o", "publication_names=pub"]
        try receiver.run()
        defer { receiver.terminate(); receiver.waitUntilExit() }

        let server = try AirbyteTestServer()
        let connection = await server.fake.addConnection(name: "pg → warehouse")
        let job = await server.fake.createJob(connectionID: connection, status: "running")
        await server.fake.flush(job, streams: [AirbyteFakeStream(name: "orders", recordsEmitted: 500, recordsCommitted: 400, bytesEmitted: 50_000, bytesCommitted: 40_000)])
        try await server.start()
        let writer = RepeatedWrites.start(pg, "INSERT INTO unpublished SELECT generate_series(1, 100)", pauseMicroseconds: 100_000)
        defer { writer.stop() }
        try await watching(config(source: pg.url(), airbyte: server, "  stall_after: 3\n")) { runtime in
            try await until(runtime, "the slot streamed by pg_recvlogical") { $0.source.reading?.slots.first?.sender?.sentLSN != nil }

            let quiet = try await until(runtime, "a quiet job") { $0.verdicts.contains { $0.kind == .quiet } }
            try assertShown(.quiet, "job \(job) quiet", pane: ": no new records, the walsender still advancing", level: .ok, in: quiet)

            writer.stop()
            let stalled = try await until(runtime, "a stalled job") { $0.verdicts.contains { $0.kind == .stalled } }
            try assertShown(.stalled, "job \(job) stalled", pane: ": no records and no WAL sent", level: .warning, in: stalled)

            let moved = AirbyteFakeStream(name: "orders", recordsEmitted: 900, recordsCommitted: 800, bytesEmitted: 90_000, bytesCommitted: 80_000)
            await server.fake.flush(job, streams: [moved])
            let slow = try await until(runtime, "the job moving again") { state in
                state.airbyte.reading?.connections.first?.runningJob.flatMap(state.pace(of:)) == .slow
            }
            XCTAssertFalse(slow.verdicts.contains { $0.kind == .stalled || $0.kind == .quiet }, "\(slow.verdicts)")
        }
        await server.stop()
    }

    /// A sync that reports records but after which no raw table changed (the warehouse's freshness read
    /// after the job ended), although the published table took 10 inserts: flagged too.
    @MainActor
    func testASuccessWithRecordsButNoRawChangeAfterSourceWritesIsFlagged() async throws {
        let pg = try TestPostgres.shared()
        let source = try pg.createDatabase(prefix: "rawsrc")
        try pg.psql("CREATE TABLE orders (id int PRIMARY KEY); CREATE PUBLICATION pub FOR TABLE orders", database: source)
        let warehouse = try pg.createDatabase(prefix: "rawwh")
        try pg.psql(
            "CREATE SCHEMA raw; CREATE SCHEMA staging; CREATE TABLE raw.orders (id int, _airbyte_extracted_at timestamptz);"
                + " INSERT INTO raw.orders VALUES (1, now() - interval '1 hour')", database: warehouse)
        let server = try AirbyteTestServer()
        let connection = await server.fake.addConnection(name: "pg → warehouse")
        try await server.start()
        let yaml = config(
            source: pg.url(database: source), airbyte: server,
            """
            warehouse:
              url: "\(pg.url(database: warehouse))"
              poll_interval: 0.5
              freshness_interval: 0.5
            """)
        try await watching(yaml) { runtime in
            try await until(runtime, "the first readings") { state in
                state.source.reading?.publishedTableWrites != nil && state.airbyte.reading != nil
                    && state.warehouse.reading?.tables.contains { $0.schema == "raw" && $0.extractedAt != nil } == true
            }
            let loaded = [AirbyteFakeStream(name: "orders", recordsEmitted: 10, recordsCommitted: 10, bytesEmitted: 1_000, bytesCommitted: 1_000)]
            let (unloaded, flagged) = try await emptySuccess(runtime, server, connection: connection, pg, database: source, next: loaded)
            try assertShown(
                .emptySuccess, "job \(unloaded) succeeded but no raw table changed although the published tables had 10 writes",
                pane: "job \(unloaded) succeeded but no raw table changed", level: .warning, in: flagged)
        }
        await server.stop()
    }

    /// An inactive slot whose `safe_wal_size` shrinks under a slow writer, and a daily connection whose
    /// last sync just ran: the slot would be lost hours from now, but before the next sync: CRITICAL.
    @MainActor
    func testASlotLostBeforeTheNextSyncIsCritical() async throws {
        let pg = try TestPostgres.start(extraSettings: ["max_slot_wal_keep_size = '256MB'"])
        defer { pg.stop() }
        try pg.psql("CREATE TABLE t (id int, pad text)")
        try pg.psql("SELECT pg_create_logical_replication_slot('cdc', 'pgoutput')")
        let server = try AirbyteTestServer()
        let connection = await server.fake.addConnection(name: "pg → warehouse", scheduleType: "basic", basicTiming: "Every 24 HOURS")
        let job = await server.fake.createJob(connectionID: connection, status: "running")
        await server.fake.finish(job, status: "succeeded")
        try await server.start()
        // Slowly (some kB/s): hours left, so the slot's own "safe_wal_size used up" concern (under
        // `inactive_warn_seconds`) stays quiet and the pane's footer shows the verdict.
        let writer = RepeatedWrites.start(pg, "INSERT INTO t SELECT g, repeat('x', 100) FROM generate_series(1, 10) g", pauseMicroseconds: 200_000)
        defer { writer.stop() }
        try await watching(config(source: pg.url(), airbyte: server)) { runtime in
            let lost = try await until(runtime, "the slot-loss countdown") { $0.verdicts.contains { $0.kind == .slotLoss && $0.severity == .crit } }
            try assertShown(.slotLoss, "before the next sync in 23h", pane: "CRIT cdc: lost in ", level: .critical, in: lost)
        }
        await server.stop()
    }

    /// A disabled connection warns; the same connection enabled with three failed jobs in a row is failing
    /// repeatedly, CRITICAL, with the last failure's origin, type and message on one line.
    @MainActor
    func testADisabledThenRepeatedlyFailingConnection() async throws {
        let server = try AirbyteTestServer()
        let connection = await server.fake.addConnection(name: "pg → warehouse")
        await server.fake.setStatus(of: connection, to: "inactive")
        try await server.start()
        try await watching("airbyte:\n  server: \"\(server.baseURL)\"\n  poll_interval: 0.5\n") { runtime in
            let disabled = try await until(runtime, "the disabled connection") { $0.verdicts.contains { $0.kind == .connectionTrouble } }
            try assertShown(.connectionTrouble, "connection inactive: no syncs will run", pane: "connection inactive: no syncs will run", level: .warning, in: disabled)

            await server.fake.setStatus(of: connection, to: "active")
            for _ in 0..<3 {
                let job = await server.fake.createJob(connectionID: connection, status: "running")
                await server.fake.finish(job, status: "failed", failureOrigin: "source", failureMessage: "password authentication failed", failureType: "config_error")
            }
            let failing = try await until(runtime, "the failing connection") { $0.verdicts.contains { $0.kind == .connectionTrouble && $0.severity == .crit } }
            let text = "failing repeatedly: 3 failed jobs in a row; last: source · config_error · password authentication failed"
            try assertShown(.connectionTrouble, text, pane: "CRIT pg → warehouse: failing repeatedly: 3 failed jobs in a row; last: source", level: .critical, in: failing)
        }
        await server.stop()
    }

    /// A sync that succeeds with 0 records although the published table took 10 inserts since the
    /// previous sync ended: flagged, not shown green.
    @MainActor
    func testASuccessWithNoRecordsAfterSourceWritesIsFlagged() async throws {
        let pg = try TestPostgres.shared()
        let db = try pg.createDatabase(prefix: "empty")
        try pg.psql("CREATE TABLE orders (id int PRIMARY KEY); CREATE PUBLICATION pub FOR TABLE orders", database: db)
        let server = try AirbyteTestServer()
        let connection = await server.fake.addConnection(name: "pg → warehouse")
        try await server.start()
        try await watching(config(source: pg.url(database: db), airbyte: server)) { runtime in
            try await until(runtime, "the first readings") { $0.source.reading?.publishedTableWrites != nil && $0.airbyte.reading != nil }

            let synced = [AirbyteFakeStream(name: "orders", recordsEmitted: 5, recordsCommitted: 5, bytesEmitted: 500, bytesCommitted: 500)]
            let (empty, flagged) = try await emptySuccess(runtime, server, connection: connection, pg, database: db, previous: synced)
            try assertShown(
                .emptySuccess, "job \(empty) succeeded with 0 records although the published tables had 10 writes since the previous sync",
                pane: "job \(empty) succeeded with 0 records", level: .warning, in: flagged)
        }
        await server.stop()
    }
}

/// Runs one statement over and over on its own thread (psql blocks) until stopped: WAL for a walsender
/// to read, or for a slot's `safe_wal_size` to shrink by.
private final class RepeatedWrites: @unchecked Sendable {  // `running` is guarded by `lock`.
    private let pg: TestPostgres
    private let sql: String
    private let pauseMicroseconds: UInt32
    private let lock = NSLock()
    private var running = false
    private let done = DispatchSemaphore(value: 0)

    init(_ pg: TestPostgres, _ sql: String, pauseMicroseconds: UInt32 = 0) {
        self.pg = pg
        self.sql = sql
        self.pauseMicroseconds = pauseMicroseconds
    }

    /// A writer already writing.
    static func start(_ pg: TestPostgres, _ sql: String, pauseMicroseconds: UInt32 = 0) -> RepeatedWrites {
        let writer = RepeatedWrites(pg, sql, pauseMicroseconds: pauseMicroseconds)
        writer.start()
        return writer
    }

    func start() {
        lock.withLock { running = true }
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                _ = try? pg.psql(sql)
                if pauseMicroseconds > 0 { usleep(pauseMicroseconds) }
            }
            done.signal()
        }
    }

    /// Stops the writes and waits for the last one; a second call does nothing.
    func stop() {
        let wasRunning = lock.withLock { () -> Bool in
            defer { running = false }
            return running
        }
        if wasRunning { done.wait() }
    }
}

private struct E2EFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
