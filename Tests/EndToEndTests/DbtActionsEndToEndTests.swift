import EltopTestSupport
import Foundation
import XCTest

/// `t` (run dbt) and `x` (cancel it) as a user meets them: the real eltop in tmux starting the real dbt
/// from `<repo>/.venv` against a database of its own on the test PostgreSQL.
final class DbtActionsEndToEndTests: XCTestCase {
    private var terminal: TmuxEltop?
    private var project: URL?
    /// The process group of the dbt child a test saw, killed in tearDown if it outlived the test.
    private var dbtGroup: pid_t?

    override func tearDown() {
        terminal?.stop()
        terminal = nil
        if let group = dbtGroup, !processes(inGroup: group).isEmpty { kill(-group, SIGKILL) }
        dbtGroup = nil
        if let project { try? FileManager.default.removeItem(at: project) }
        project = nil
    }

    func testRunShowsTheFinishedNodesWithTheDeliberateErrorAndWritesTheArtifacts() throws {
        let (terminal, directory, _, _) = try startEltop(dbtArguments: "build --exclude tag:slow")
        let startedAt = Date()

        try terminal.press("4", "t")
        terminal.waitFor(text: "Run `dbt build --exclude tag:slow")
        try terminal.press("y")
        // build exits 1: broken_report fails on purpose, the rest succeeds.
        guard terminal.waitFor(text: "exited with 1 after", seconds: 45) else { return }
        terminal.waitFor("broken_report shown as error") { screen in
            screen.split(separator: "\n").contains { $0.contains("broken_report") && $0.contains("error") }
        }
        terminal.waitFor("stg_orders shown as success") { screen in
            screen.split(separator: "\n").contains { $0.contains("stg_orders") && $0.contains("success") }
        }

        let results = directory.appendingPathComponent("target/run_results.json")
        let written = try FileManager.default.attributesOfItem(atPath: results.path)[.modificationDate] as? Date
        XCTAssertGreaterThan(written ?? .distantPast, startedAt.addingTimeInterval(-1), "run_results.json is older than the run")
        let json = try String(contentsOf: results, encoding: .utf8)
        XCTAssertTrue(json.contains("model.eltop_fixture.broken_report"), "run_results.json does not have broken_report")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("target/manifest.json").path))
    }

    func testRetryAfterTheFailedRunRerunsOnlyTheFailedAndSkippedNodes() throws {
        let (terminal, directory, _, _) = try startEltop(dbtArguments: "build --exclude tag:slow")
        let results = directory.appendingPathComponent("target/run_results.json")

        try terminal.press("4", "t")
        terminal.waitFor(text: "Run `dbt build --exclude tag:slow")
        try terminal.press("y")
        guard terminal.waitFor(text: "exited with 1 after", seconds: 45) else { return }
        let first = try runResults(results)
        XCTAssertTrue(first.nodes.contains("model.eltop_fixture.stg_orders"), "the build did not run stg_orders: \(first.nodes)")

        try terminal.press("R")
        terminal.waitFor(text: "Re-run what failed in the last dbt run (`dbt retry`)?")
        try terminal.press("y")
        terminal.waitFor(text: "started dbt retry")
        // broken_report fails again, so the retry exits 1 too.
        guard terminal.waitFor("the retry to end", seconds: 45, { screen in
            screen.split(separator: "\n").contains { $0.contains("dbt retry") && $0.contains("exited with 1 after") }
        }) else { return }

        let second = try runResults(results)
        // retry copies the build's args into run_results.json, so a new invocation id is what shows it was rewritten.
        XCTAssertNotNil(second.invocation)
        XCTAssertNotEqual(second.invocation, first.invocation, "run_results.json was not rewritten by dbt retry")
        XCTAssertTrue(second.nodes.contains("model.eltop_fixture.broken_report"), "the retry did not re-run broken_report: \(second.nodes)")
        XCTAssertFalse(second.nodes.contains("model.eltop_fixture.stg_orders"), "the retry re-ran stg_orders, which had succeeded: \(second.nodes)")
        XCTAssertLessThan(second.nodes.count, first.nodes.count, "the retry ran as much as the build")
    }

    func testCancelStopsTheSlowRunAndLeavesNoDbtProcess() throws {
        let (terminal, _, postgres, database) = try startEltop(dbtArguments: "run --select tag:slow")
        let eltop = try XCTUnwrap(terminal.eltopPID)

        try terminal.press("4", "t")
        terminal.waitFor(text: "Run `dbt run --select tag:slow")
        try terminal.press("y")
        let sleeping = "select count(*) from pg_stat_activity where datname = '\(database)' and query like '%pg_sleep%' and state = 'active'"
        guard try waitUntil(seconds: 40, { try postgres.psql(sleeping) == "1" }) else {
            return XCTFail("slow_report's pg_sleep never reached the server; the screen shows:\n\(terminal.screen())")
        }
        terminal.waitFor("slow_report shown as running") { screen in
            screen.split(separator: "\n").contains { $0.contains("slow_report") && $0.contains("running") }
        }
        let child = try XCTUnwrap(children(of: eltop).first, "eltop has no child while dbt runs")
        let group = try XCTUnwrap(processGroup(of: child))
        dbtGroup = group
        XCTAssertNotEqual(group, processGroup(of: eltop), "dbt shares eltop's process group")

        try terminal.press("x")
        terminal.waitFor(text: "Cancel the running `")
        try terminal.press("y")
        guard terminal.waitFor(text: "cancelled after", seconds: 30) else { return }
        XCTAssertTrue(try waitUntil(seconds: 5) { processes(inGroup: group).isEmpty }, "dbt's group still has \(processes(inGroup: group))")
        XCTAssertTrue(try waitUntil(seconds: 5) { try postgres.psql(sleeping) == "0" }, "pg_sleep still runs on the server")
        XCTAssertTrue(children(of: eltop).isEmpty, "eltop still has children: \(children(of: eltop))")
    }

    // MARK: - Setup

    /// A copy of the fixture project with a profiles.yml for a fresh database, and eltop running
    /// `<repo>/.venv/bin/dbt ARGUMENTS` on `t`.
    private func startEltop(dbtArguments: String) throws -> (TmuxEltop, URL, TestPostgres, String) {
        let dbt = try DbtFixtureProject.dbtExecutable()
        let fixture = try DbtFixtureProject.make(prefix: "e2e")
        let (directory, postgres, database) = (fixture.directory, fixture.postgres, fixture.database)
        project = directory
        let terminal = try TmuxEltop(environment: [
            "ELTOP_DBT_PROJECT_DIR": directory.path, "ELTOP_DBT_PROFILES_DIR": directory.path,
            "ELTOP_DBT_COMMAND": "\(dbt) \(dbtArguments)",
        ])
        self.terminal = terminal
        guard terminal.waitFor(text: "4 dbt") else { throw E2EError("the dashboard never appeared") }
        return (terminal, directory, postgres, database)
    }

    /// The dbt invocation that wrote run_results.json (`metadata.invocation_id`) and the unique ids of the nodes it ran.
    private func runResults(_ file: URL) throws -> (invocation: String?, nodes: Set<String>) {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        let invocation = (object?["metadata"] as? [String: Any])?["invocation_id"] as? String
        let nodes = (object?["results"] as? [[String: Any]] ?? []).compactMap { $0["unique_id"] as? String }
        return (invocation, Set(nodes))
    }

    // MARK: - Processes, by pid and process group (never by name)

    /// (ppid, pgrp) of a live process from /proc/PID/stat; nil when it is gone or a zombie.
    private func parentAndGroup(of pid: pid_t) -> (parent: pid_t, group: pid_t)? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 3, fields[0] != "Z", let parent = pid_t(fields[1]), let group = pid_t(fields[2]) else { return nil }
        return (parent, group)
    }

    private func processGroup(of pid: pid_t) -> pid_t? { parentAndGroup(of: pid)?.group }

    private func allPIDs() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
    }

    private func children(of parent: pid_t) -> [pid_t] { allPIDs().filter { parentAndGroup(of: $0)?.parent == parent } }

    private func processes(inGroup group: pid_t) -> [pid_t] { allPIDs().filter { parentAndGroup(of: $0)?.group == group } }

    private func waitUntil(seconds: Double, _ condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }
}
