import EltopSpawn
import EltopTestSupport
import Foundation
import XCTest

/// `eltop demo` as a new user meets it, on one stack for the whole walk (CI time): the real binary in
/// tmux brings the stack up and opens the dashboard with live panes; in the Airbyte pane `s` + `y` runs
/// the local Airbyte's first sync (the initial snapshot through the real replication), an insert, an
/// update and a delete arrive with the next sync, the slot's confirmed LSN moves at the start of the
/// sync after, `t` + `y` builds staging from raw; `check`, `sync --wait`, `transform` and `run` work on the
/// same stack; `q` quits, `eltop demo --down` stops the clusters,
/// and then nothing of the demo runs. Every count is read from the servers by independent queries.
final class DemoEndToEndTests: XCTestCase {
    private var terminal: TmuxEltop?
    private var dataHome: String?
    private let connectionName = "dvdrental → raw"

    override func tearDown() {
        terminal?.stop()
        terminal = nil
        if let dataHome {
            _ = try? Self.eltop(["demo", "--down"], dataHome: dataHome)
            try? FileManager.default.removeItem(atPath: dataHome)
        }
        dataHome = nil
    }

    func testDemoSyncsThroughItsAirbyteBuildsStagingAndLeavesNothingRunning() async throws {
        let dataHome = "/tmp/eltop-e2e-demo-\(getpid())-\(UUID().uuidString.prefix(6))"
        self.dataHome = dataHome
        try FileManager.default.createDirectory(atPath: dataHome, withIntermediateDirectories: true)
        // No traffic: the counts compared below must be exact. 240 columns: the Timeline shares its row with
        // the Tracer and must still show the dbt command line's end ("… finished in 24s").
        let terminal = try TmuxEltop(arguments: ["demo"], environment: ["XDG_DATA_HOME": dataHome], cols: 240, rows: 48)
        self.terminal = terminal

        // Setup (two initdb, the generator) then the first polls; the Airbyte pane is live.
        guard terminal.waitFor(text: "airbyte_slot", seconds: 240) else { return }
        terminal.waitFor(text: connectionName)
        terminal.waitFor("the dbt pane lists the bundled project's models") { $0.contains("fct_rental") }
        let demo = try DemoSite(dataHome: dataHome)
        XCTAssertEqual(try demo.warehouse("SELECT count(*) FROM pg_tables WHERE schemaname = 'raw'"), "0", "raw must wait for the first sync")

        // s + y: the first sync, its live counts, the slot streamed while it reads, inactive after.
        let slotLog = try SlotReadLog(demo)
        try terminal.press("2", "s")
        terminal.waitFor(text: "Start a sync of \(connectionName)?")
        try terminal.press("y")
        terminal.waitFor("the running job's live counts", seconds: 60) { $0.contains(" running") && $0.range(of: #"[0-9.]+[kMG]?/[0-9.]+[kMG]? rec"#, options: .regularExpression) != nil }
        let first = try demo.waitForJob(1, seconds: 120)
        XCTAssertEqual(first["status"] as? String, "succeeded", "\(first)")
        terminal.waitFor(text: "\(connectionName): job 1 succeeded")
        XCTAssertFalse(try slotLog.slotReads().isEmpty, "the first sync never streamed the slot")
        XCTAssertEqual(try demo.slotActive, "f")
        let counts = try demo.rowCounts()
        for count in counts { XCTAssertEqual(count.raw, count.source, "raw.\(count.table) after the first sync") }
        let total = counts.reduce(0) { $0 + (Int($1.source) ?? 0) }
        XCTAssertEqual(first["rowsSynced"] as? Int, total, "the job's committed rows")
        XCTAssertEqual(
            try demo.warehouse("SELECT count(*) FROM raw.rental WHERE _airbyte_raw_id IS NOT NULL AND _airbyte_meta->>'sync_id' = '1' AND _ab_cdc_lsn > 0 AND _ab_cdc_deleted_at IS NULL"),
            try demo.source("SELECT count(*) FROM rental"), "every raw.rental row carries the Airbyte columns of sync 1")

        // An insert, an update and a delete in the source arrive with the next sync (hard delete: gone).
        let paymentID = try demo.source("SELECT min(payment_id) FROM payment")
        let beforeWrites = try demo.source("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")
        try demo.source("INSERT INTO actor (actor_id, first_name, last_name) VALUES (9001, 'GRACE', 'HOPPER')")
        try demo.source("UPDATE customer SET email = 'mary.smith@example.org' WHERE customer_id = 1")
        try demo.source("DELETE FROM payment WHERE payment_id = \(paymentID)")
        let confirmedBefore = try demo.slotConfirmed
        try syncAndWait(demo, job: 2)
        XCTAssertEqual(try demo.warehouse("SELECT first_name || ' ' || last_name FROM raw.actor WHERE actor_id = 9001"), "GRACE HOPPER")
        XCTAssertEqual(try demo.warehouse("SELECT email FROM raw.customer WHERE customer_id = 1"), "mary.smith@example.org")
        XCTAssertEqual(try demo.warehouse("SELECT count(*) FROM raw.payment WHERE payment_id = \(paymentID)"), "0")
        for count in try demo.rowCounts() { XCTAssertEqual(count.raw, count.source, "raw.\(count.table) after the incremental sync") }
        // After loading data in the destination: the slot moves at the start of a sync to what the
        // previous one committed, so sync 2 confirmed only sync 1's position, and sync 3 confirms the writes.
        let confirmedAfterSecond = try demo.slotConfirmed
        XCTAssertGreaterThanOrEqual(Decimal(string: confirmedAfterSecond) ?? 0, Decimal(string: confirmedBefore) ?? 0)
        XCTAssertLessThanOrEqual(Decimal(string: confirmedAfterSecond) ?? 0, Decimal(string: beforeWrites) ?? 0, "sync 2 must not confirm its own changes")
        try syncAndWait(demo, job: 3)
        XCTAssertGreaterThan(Decimal(string: try demo.slotConfirmed) ?? 0, Decimal(string: beforeWrites) ?? 0, "sync 3 confirms what sync 2 committed")

        // t + y builds every model from raw; staging holds the source's live rows per table.
        try terminal.press("4", "t")
        terminal.waitFor(text: "Run `dbt build")
        try terminal.press("y")
        // The dbt pane's run line: "dbt build … exited 0 after 6s" (the Timeline's "finished in" line can be
        // pushed out of view by the staging tables the next warehouse poll finds).
        terminal.waitFor("dbt build to end", seconds: 300) { $0.range(of: #"exited [0-9]+ after"#, options: .regularExpression) != nil }
        XCTAssertTrue(terminal.screen().contains("exited 0 after"), "dbt build failed:\n\(terminal.screen())")
        for table in DemoSite.tables {
            XCTAssertEqual(try demo.warehouse("SELECT count(*) FROM staging.stg_\(table)"), try demo.source("SELECT count(*) FROM public.\(table)"), "staging.stg_\(table)")
        }

        try await headlessCommands(demo, nextJob: 4)

        let eltopPID = try XCTUnwrap(terminal.eltopPID)
        try terminal.press("q")
        try Self.waitUntil("eltop to exit after q", seconds: 20) { kill(eltopPID, 0) != 0 || Self.isZombie(eltopPID) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: demo.directory + "/airbyte.url"), "the Airbyte's URL outlived it")
        XCTAssertNotEqual(try ChildProcess.run("/usr/bin/curl", ["-sS", "--max-time", "2", demo.airbyteURL + "/health"], errors: .discarded).status, 0,
                          "the demo's Airbyte still answers after q")
        XCTAssertTrue(FileManager.default.fileExists(atPath: demo.directory + "/airbyte-jobs.json"), "the job history lives in the demo's data dir")

        // The servers name their data directories (…/eltop/demo/source, …/warehouse) on their command lines.
        let demoDirectory = dataHome + "/eltop/demo/"
        let clusters = Self.processes(mentioning: demoDirectory)
        XCTAssertFalse(clusters.isEmpty, "the clusters should still run after q (they stop with --down)")
        let down = try Self.eltop(["demo", "--down"], dataHome: dataHome)
        XCTAssertTrue(down.contains("stopped the demo's source and warehouse"), down)
        _ = try await EltopTestSupport.waitUntil("every process of the demo to end", timeout: 20, seen: { () -> [pid_t] in
            try? await Task.sleep(for: .milliseconds(100))
            return Self.processes(mentioning: demoDirectory)
        }) { $0.isEmpty }
    }

    /// `check`, `sync --wait`, `transform` and `run` on the same stack, as cron would run them beside the
    /// dashboard: each exits 0 and says what it did; the row written before the sync reaches raw.
    private func headlessCommands(_ demo: DemoSite, nextJob: Int) async throws {
        let config = """
            source:
              url: "\(demo.sourceURL)"
            airbyte:
              server: "\(demo.airbyteURL)"
              username: airbyte
              password: password
              connection_ids: [\(demo.connectionID)]
              poll_interval: 1
            warehouse:
              url: "\(demo.warehouseURL)"
            dbt:
              project_dir: \(demo.directory)/dbt/warehouse
              profiles_dir: \(demo.directory)/dbt
              command: \(try DbtFixtureProject.dbtExecutable()) build --select stg_actor
            """
        func run(_ arguments: [String], seconds: Double = 30) async throws -> String {
            let eltop = try EltopProcess(arguments, config: config)
            defer { eltop.kill() }
            let status = try await eltop.waitForExit(seconds: seconds)
            XCTAssertEqual(status, 0, "eltop \(arguments.joined(separator: " ")):\n\(eltop.output)")
            return eltop.output
        }
        let check = try await run(["check"])
        XCTAssertTrue(check.hasPrefix("ELTOP OK - source ok, airbyte ok, warehouse ok, dbt ok | airbyte_slot_lag="), check)

        try demo.source("INSERT INTO actor (actor_id, first_name, last_name) VALUES (9002, 'ADA', 'LOVELACE')")
        let sync = try await run(["sync", "--wait"])
        XCTAssertTrue(sync.contains("wait: ok job \(nextJob) succeeded"), sync)
        XCTAssertEqual(try demo.warehouse("SELECT last_name FROM raw.actor WHERE actor_id = 9002"), "LOVELACE")

        let transform = try await run(["transform", "--", "--exclude", "test_name:relationships"], seconds: 180)
        XCTAssertTrue(transform.contains("  success  model stg_actor"), transform)
        XCTAssertTrue(transform.contains("transform finished after "), transform)
        XCTAssertFalse(transform.contains("relationships_"), "the arguments after -- were not added:\n\(transform)")
        XCTAssertEqual(try demo.warehouse("SELECT last_name FROM staging.stg_actor WHERE actor_id = 9002"), "LOVELACE")

        let pipeline = try await run(["run"], seconds: 180)
        XCTAssertTrue(pipeline.contains("wait: ok job \(nextJob + 1) succeeded"), pipeline)
        XCTAssertTrue(pipeline.contains("  pass     test relationships_"), "the configured command, without the arguments transform added:\n\(pipeline)")
        XCTAssertNotNil(
            pipeline.range(of: #"run finished after \d+s: sync \d+s · wait \d+s · transform \d+s"#, options: .regularExpression), pipeline)
    }

    /// `s` + `y` in the (focused) Airbyte pane, then waits for that job to succeed.
    private func syncAndWait(_ demo: DemoSite, job: Int) throws {
        let terminal = try XCTUnwrap(terminal)
        try terminal.press("s")
        terminal.waitFor(text: "Start a sync of \(connectionName)?")
        try terminal.press("y")
        let ended = try demo.waitForJob(job, seconds: 60)
        XCTAssertEqual(ended["status"] as? String, "succeeded", "\(ended)")
        // The dashboard learns it at its next poll; until then `s` rightly says the job is still running.
        terminal.waitFor(text: "\(connectionName): job \(job) succeeded")
    }

    /// Runs the built eltop to the end with only HOME, PATH and XDG_DATA_HOME set.
    static func eltop(_ arguments: [String], dataHome: String) throws -> String {
        let binary = try TmuxEltop.eltopBinary()
        let (_, output) = try ChildProcess.run(
            "/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", "HOME=\(dataHome)", "XDG_DATA_HOME=\(dataHome)", binary] + arguments)
        return output
    }

    /// Pids whose command line mentions `text` (a postgres server names its data directory with -D).
    static func processes(mentioning text: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), pid != getpid(), !isZombie(pid),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return line.contains(text) ? pid : nil
        }
    }

    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    static func waitUntil(_ what: String, seconds: Double, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { throw E2EError("waited \(Int(seconds)) s for \(what)") }
            usleep(100_000)
        }
    }
}
