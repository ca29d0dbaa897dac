import EltopCore
import XCTest

/// The dbt keys and the run's events, through the reducer alone.
final class DbtReducerTests: XCTestCase {
    private let now = DbtStates.now

    func testRunAsksFirstAndStartsOnlyOnYes() {
        var state = DbtStates.base()
        state.dbt.commandLine = "dbt build --select tag:nightly"
        XCTAssertEqual(reduce(&state, .actionRequested(.runDbt)), [])
        XCTAssertEqual(state.ui.prompt?.question, "Run `dbt build --select tag:nightly` now?")
        XCTAssertEqual(reduce(&state, .actionRequested(.confirmYes)), [.runDbt(.build)])
        XCTAssertNil(state.ui.prompt)

        _ = reduce(&state, .actionRequested(.retryDbt))
        XCTAssertEqual(reduce(&state, .actionRequested(.confirmNo)), [])
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "re-run failed dbt nodes: declined" })
        _ = reduce(&state, .actionRequested(.retryDbt))
        XCTAssertEqual(reduce(&state, .actionRequested(.confirmYes)), [.runDbt(.retry)])
    }

    func testReadOnlyRefusesRunRetryAndCancel() {
        var state = DbtStates.base()
        state.ui.readOnly = true
        for action in [Action.runDbt, .retryDbt] {
            XCTAssertEqual(reduce(&state, .actionRequested(action)), [])
            XCTAssertNil(state.ui.prompt)
            XCTAssertTrue(state.ui.notice?.hasSuffix("is disabled by --read-only") ?? false, state.ui.notice ?? "")
        }
        XCTAssertTrue(KeyMap.standard.bindings(for: .normal, readOnly: true).allSatisfy { ![.runDbt, .retryDbt, .cancelDbt].contains($0.action) })
        XCTAssertEqual(KeyMap.standard.action(for: .character("t"), mode: .normal, readOnly: false), .runDbt)
        XCTAssertEqual(KeyMap.standard.action(for: .character("R"), mode: .normal, readOnly: false), .retryDbt)
        XCTAssertEqual(KeyMap.standard.action(for: .character("x"), mode: .normal, readOnly: false), .cancelDbt)
        XCTAssertNil(KeyMap.standard.action(for: .character("t"), mode: .normal, readOnly: true))
    }

    func testOneRunAtATimeAndCancelOnlyWhileRunning() {
        var state = DbtStates.base()
        _ = reduce(&state, .actionRequested(.cancelDbt))
        XCTAssertEqual(state.ui.notice, "no dbt run to cancel")
        XCTAssertNil(state.ui.prompt)

        _ = reduce(&state, .dbt(.runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: now)))
        XCTAssertTrue(state.dbt.running)
        _ = reduce(&state, .actionRequested(.runDbt))
        XCTAssertEqual(state.ui.notice, "dbt is already running (x cancels it)")
        XCTAssertNil(state.ui.prompt)
        _ = reduce(&state, .actionRequested(.cancelDbt))
        XCTAssertEqual(state.ui.prompt?.question, "Cancel the running `dbt build`?")
        XCTAssertEqual(reduce(&state, .actionRequested(.confirmYes)), [.cancelDbt])
    }

    func testNodesGoQueuedThenRunningWithTickingTimeThenDone() {
        var state = DbtStates.withReading(DbtReading(project: "p", nodes: [node("a"), node("b")], lastRun: nil))
        _ = reduce(&state, .dbt(.runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: now)))
        XCTAssertEqual(state.dbt.displayNodes.map(\.status), [.queued, .queued])
        _ = reduce(&state, .dbt(.logged(record("LogStartLine", "a", status: "started", at: now.addingTimeInterval(1)))))
        _ = reduce(&state, .clockTicked(now.addingTimeInterval(4)))
        let a = state.dbt.displayNodes[0]
        XCTAssertEqual(a.status, .running)
        XCTAssertEqual(a.startedAt, now.addingTimeInterval(1))
        var finished = record("LogModelResult", "a", status: "success", at: now.addingTimeInterval(5))
        finished.executionTime = 3.9
        _ = reduce(&state, .dbt(.logged(finished)))
        var rows = record("NodeFinished", "a", status: "success", at: now.addingTimeInterval(5))
        rows.rowsAffected = 42
        _ = reduce(&state, .dbt(.logged(rows)))
        XCTAssertEqual(state.dbt.displayNodes.map(\.status), [.success, .queued])
        XCTAssertEqual(state.dbt.displayNodes[0].rowsAffected, 42)
        XCTAssertEqual(state.dbt.invocation?.finishedCount, 1)

        let effects = reduce(&state, .dbt(.runEnded(exitCode: 0, signalled: false, at: now.addingTimeInterval(6))))
        XCTAssertEqual(effects, [.refresh([.dbt])], "fresh artifacts are read at once")
        XCTAssertEqual(state.dbt.displayNodes.map(\.status), [.success, nil], "b did not run: back to what the artifacts say")
    }

    func testACancelledRunEndsCancelledWhateverTheExitCode() {
        var state = DbtStates.base()
        _ = reduce(&state, .dbt(.runStarted(.build, commandLine: "dbt run", selectsEverything: false, at: now)))
        _ = reduce(&state, .dbt(.logged(record("LogStartLine", "slow", status: "started", at: now))))
        _ = reduce(&state, .dbt(.cancelSignalled(at: now.addingTimeInterval(2))))
        _ = reduce(&state, .dbt(.runEnded(exitCode: 1, signalled: false, at: now.addingTimeInterval(3))))
        XCTAssertEqual(state.dbt.invocation?.outcome, .cancelled)
        XCTAssertEqual(state.dbt.invocation?.nodes["model.p.slow"]?.status, .cancelled)
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "dbt run cancelled after 3s" })
    }

    private func node(_ name: String) -> DbtNode {
        DbtNode(
            uniqueId: "model.p.\(name)", name: name, resourceType: "model", layer: "marts", materialized: "table", status: nil,
            executionTime: nil, rowsAffected: nil, message: nil)
    }

    private func record(_ event: String, _ name: String, status: String, at: Date) -> DbtLogRecord {
        var record = DbtLogRecord(at: at, name: event, level: "info", message: "\(event) \(name)")
        record.uniqueId = "model.p.\(name)"
        record.nodeName = name
        record.resourceType = "model"
        record.nodeStatus = status
        return record
    }
}
