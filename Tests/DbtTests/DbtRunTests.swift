import EltopConfig
import EltopCore
import EltopPollers
import EltopTestSupport
import EltopUI
import XCTest

/// One real `dbt build` of the fixture project with a broken model, its child and a failing test,
/// shared by the tests below (each dbt invocation costs ~4 s).
private enum FailingBuild {
    struct Run {
        let project: DbtTestProject
        let recorder: EventRecorder
        let reading: DbtReading
    }

    nonisolated(unsafe) private static var cached: Run?

    static func run() async throws -> Run {
        if let cached { return cached }
        let project = try DbtTestProject.make()
        let invoker = DbtInvoker(config: try project.config())
        let recorder = try await runToEnd(invoker, .build)
        let poller = DbtArtifactPoller(projectDir: project.directory.path, targetDir: project.directory.appendingPathComponent("target").path)
        guard case .dbt(let reading) = try await poller.poll() else { throw DbtTestError("not a dbt reading") }
        let run = Run(project: project, recorder: recorder, reading: reading)
        cached = run
        return run
    }
}

final class DbtRunTests: XCTestCase {
    func testTheLiveLogShowsEachNodeFinishWithItsStatusRowsAndError() async throws {
        let run = try await FailingBuild.run()
        let events = run.recorder.events
        guard case .runStarted(.build, let commandLine, true, _)? = events.first else { return XCTFail("first event: \(String(describing: events.first))") }
        XCTAssertEqual(commandLine, "dbt build --exclude tag:slow", "without the profiles directory eltop adds")
        guard case .runEnded(let code, let signalled, _)? = events.last else { return XCTFail("last event: \(String(describing: events.last))") }
        XCTAssertEqual(code, 1, "a failed model makes dbt exit 1")
        XCTAssertFalse(signalled)

        let state = run.recorder.state()
        let invocation = try XCTUnwrap(state.dbt.invocation)
        XCTAssertEqual(invocation.outcome, .exited(code: 1))
        XCTAssertEqual(invocation.total, 8)
        XCTAssertEqual(invocation.finishedCount, 8)
        let live = invocation.nodes
        XCTAssertEqual(live["seed.eltop_fixture.raw_orders"]?.status, .success)
        XCTAssertEqual(live["seed.eltop_fixture.raw_orders"]?.rowsAffected, 3)
        XCTAssertEqual(live["model.eltop_fixture.fct_orders"]?.status, .success)
        XCTAssertEqual(live["model.eltop_fixture.fct_orders"]?.rowsAffected, 2)
        XCTAssertEqual(live["model.eltop_fixture.fct_orders"]?.materialized, "table")
        XCTAssertGreaterThan(live["model.eltop_fixture.fct_orders"]?.executionTime ?? 0, 0)
        XCTAssertEqual(live["model.eltop_fixture.broken_report"]?.status, .error)
        XCTAssertTrue(live["model.eltop_fixture.broken_report"]?.message?.contains("no_such_column") ?? false)
        XCTAssertEqual(
            live["model.eltop_fixture.broken_report"]?.compiledPath, "target/compiled/eltop_fixture/models/reports/broken_report.sql")
        XCTAssertEqual(live["model.eltop_fixture.broken_child"]?.status, .skipped)
        XCTAssertEqual(live["test.eltop_fixture.big_orders_exist"]?.status, .fail)
        XCTAssertEqual(live["test.eltop_fixture.big_orders_exist"]?.failures, 2)
        XCTAssertFalse(live["model.eltop_fixture.broken_report"]?.logLines.isEmpty ?? true)
        XCTAssertTrue(invocation.log.contains { $0.text.contains("Completed with 2 errors") || $0.level == "error" })
        XCTAssertNil(live["model.eltop_fixture.slow_report"], "excluded by the selector")
    }

    func testTheArtifactsOfTheRunGiveStatusLayerAndTimingPerNode() async throws {
        let run = try await FailingBuild.run()
        let reading = run.reading
        XCTAssertEqual(reading.project, "eltop_fixture")
        let byName = Dictionary(uniqueKeysWithValues: reading.nodes.map { ($0.name, $0) })
        XCTAssertEqual(byName["stg_orders"]?.layer, "staging")
        XCTAssertEqual(byName["stg_orders"]?.materialized, "view")
        XCTAssertNil(byName["stg_orders"]?.rowsAffected, "a view reports -1 rows, shown as unknown")
        XCTAssertEqual(byName["fct_orders"]?.layer, "marts")
        XCTAssertEqual(byName["fct_orders"]?.rowsAffected, 2)
        XCTAssertEqual(byName["broken_report"]?.layer, "reports")
        XCTAssertEqual(byName["broken_report"]?.status, .error)
        XCTAssertTrue(byName["broken_report"]?.message?.contains("no_such_column") ?? false)
        XCTAssertEqual(byName["broken_child"]?.status, .skipped)
        XCTAssertEqual(byName["big_orders_exist"]?.status, .fail)
        XCTAssertEqual(byName["big_orders_exist"]?.failures, 2)
        XCTAssertNil(byName["slow_report"]?.status, "not part of this run")
        XCTAssertEqual(reading.statusCounts, [.success: 3, .pass: 2, .error: 1, .fail: 1, .skipped: 1])
        let lastRun = try XCTUnwrap(reading.lastRun)
        XCTAssertGreaterThan(lastRun.elapsedSeconds ?? 0, 0)
        let started = try XCTUnwrap(lastRun.startedAt), ended = try XCTUnwrap(lastRun.endedAt)
        XCTAssertLessThan(started, ended)
        XCTAssertTrue(reading.nodes.prefix(2).allSatisfy(\.failed), "problems sort first")
    }

    func testOnceTheArtifactsAreNewerTheyWinOverTheLiveView() async throws {
        let run = try await FailingBuild.run()
        var state = run.recorder.state()
        _ = reduce(&state, .pollSucceeded(.dbt(run.reading), at: state.now))
        XCTAssertEqual(state.dbt.displayNodes, run.reading.nodes)
        XCTAssertFalse(state.dbt.running)
        XCTAssertEqual(state.dbt.severity, .crit)
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "model broken_report error" })
    }

    func testSnapshotJSONNamesTheRunAndEveryNode() async throws {
        let run = try await FailingBuild.run()
        var state = DbtStates.base()
        _ = reduce(&state, .pollSucceeded(.dbt(run.reading), at: state.now))
        let json = try JSONSerialization.jsonObject(with: Data(try SnapshotDocument(state).jsonText().utf8)) as? [String: Any]
        let dbt = try XCTUnwrap(json?["dbt"] as? [String: Any])
        XCTAssertEqual(dbt["project"] as? String, "eltop_fixture")
        XCTAssertEqual(dbt["running"] as? Bool, false)
        let lastRun = try XCTUnwrap(dbt["last_run"] as? [String: Any])
        XCTAssertNotNil(lastRun["started_at"] as? String)
        XCTAssertGreaterThan(lastRun["elapsed_seconds"] as? Double ?? 0, 0)
        XCTAssertEqual(lastRun["status_counts"] as? [String: Int], ["success": 3, "pass": 2, "error": 1, "fail": 1, "skipped": 1])
        let nodes = try XCTUnwrap(dbt["nodes"] as? [[String: Any]])
        XCTAssertEqual(nodes.count, 9)
        let broken = try XCTUnwrap(nodes.first { $0["name"] as? String == "broken_report" })
        XCTAssertEqual(
            Set(broken.keys),
            ["unique_id", "name", "resource_type", "layer", "materialized", "status", "execution_time", "rows_affected", "message"])
        XCTAssertEqual(broken["unique_id"] as? String, "model.eltop_fixture.broken_report")
        XCTAssertEqual(broken["resource_type"] as? String, "model")
        XCTAssertEqual(broken["layer"] as? String, "reports")
        XCTAssertEqual(broken["materialized"] as? String, "table")
        XCTAssertEqual(broken["status"] as? String, "error")
        XCTAssertTrue(broken["rows_affected"] is NSNull)
        XCTAssertTrue((broken["message"] as? String)?.contains("no_such_column") ?? false)
    }

    func testAPassingProjectExitsZeroWithEveryNodeGreen() async throws {
        let project = try DbtTestProject.make()
        defer { project.remove() }
        let invoker = DbtInvoker(config: try project.config(arguments: "build --exclude tag:slow tag:broken"))
        let recorder = try await runToEnd(invoker, .build)
        let state = recorder.state()
        XCTAssertEqual(state.dbt.invocation?.outcome, .exited(code: 0))
        let statuses = Set(state.dbt.invocation?.nodes.values.map(\.status) ?? [])
        XCTAssertEqual(statuses, [.success, .pass])
        XCTAssertEqual(state.dbt.invocation?.nodes.count, 5)
        let poller = DbtArtifactPoller(projectDir: project.directory.path, targetDir: project.directory.appendingPathComponent("target").path)
        guard case .dbt(let reading) = try await poller.poll() else { return XCTFail("not a dbt reading") }
        XCTAssertEqual(reading.statusCounts, [.success: 3, .pass: 2])
        XCTAssertEqual(DbtStates.withReading(reading).dbt.severity, .ok)
    }

    func testRetryReRunsOnlyWhatFailed() async throws {
        let run = try await FailingBuild.run()
        let invoker = DbtInvoker(config: try run.project.config())
        let recorder = try await runToEnd(invoker, .retry)
        guard case .runStarted(.retry, let commandLine, false, _)? = recorder.events.first else { return XCTFail("\(recorder.events.prefix(2))") }
        XCTAssertEqual(commandLine, "dbt retry")
        let state = recorder.state()
        XCTAssertEqual(state.dbt.invocation?.outcome, .exited(code: 1), "the broken model is still broken")
        let rerun = Set(state.dbt.invocation?.nodes.values.map(\.name) ?? [])
        XCTAssertTrue(rerun.isSuperset(of: ["broken_report", "big_orders_exist"]), "\(rerun)")
        XCTAssertFalse(rerun.contains("fct_orders"), "a node that passed is not run again: \(rerun)")
    }
}
