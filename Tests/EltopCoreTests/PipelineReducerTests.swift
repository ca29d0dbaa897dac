import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// The pipeline state machine from sequences of events, as the runtime would deliver them: the
/// effects it asks for, the steps' states and timings, and the timeline.
final class PipelineReducerTests: XCTestCase {
    private let t0 = StateFixtures.now
    private let connection = "c0ffee00-0000-4000-8000-000000000000"
    private let connectionName = "dvdrental → snowflake"

    private func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// Everything configured, Airbyte's connection with one old succeeded job (900).
    private func state() -> DashboardState {
        var state = StateFixtures.ok(connections: 1)
        state.timeline = Timeline()
        return state
    }

    private func reading(_ jobs: [AirbyteJob], at seconds: Double = 2) -> Event {
        var reading = StateFixtures.airbyteReading(connections: 1)
        reading.connections[0].jobs = jobs + reading.connections[0].jobs
        return .pollSucceeded(.airbyte(reading), at: at(seconds))
    }

    private func job(_ id: Int64, _ status: JobStatus, attempt: Int = 1, failure: String? = nil) -> AirbyteJob {
        var job = AirbyteJob(id: id, status: status, jobType: "sync", startedAt: at(1), durationSeconds: nil, rowsSynced: 42, bytesSynced: 4_200, attempt: attempt)
        if let failure { job.failures = [AirbyteFailure(attempt: attempt, origin: "source", message: failure)] }
        return job
    }

    private func start(_ state: inout DashboardState, steps: [PipelineStep] = PipelineStep.allCases, timeout: Double? = nil, cancelOnTimeout: Bool = false) -> [Effect] {
        reduce(&state, .pipeline(.start(PipelineRequest(steps: steps, connectionID: connection, connectionName: connectionName, timeoutSeconds: timeout, cancelOnTimeout: cancelOnTimeout), at: at(0))))
    }

    func testARunSyncsWaitsThroughAnIncompleteAttemptThenTransformsAndTimesEachStep() {
        var s = state()
        XCTAssertEqual(start(&s), [.startAirbyteSync(connectionID: connection, connectionName: connectionName)])
        XCTAssertEqual(s.pipeline?.currentStep, .sync)
        XCTAssertEqual(reduce(&s, .airbyte(.syncStarted(connectionID: connection, jobID: 950, status: .pending, at: at(1)))).contains(.refresh([.airbyte])), true)
        XCTAssertEqual(s.pipeline?.currentStep, .wait)
        XCTAssertEqual(s.pipeline?.jobStartedByRun, true)

        XCTAssertEqual(reduce(&s, reading([job(950, .running)])), [])
        XCTAssertEqual(reduce(&s, reading([job(950, .incomplete, failure: "connection reset")])), [])
        XCTAssertEqual(s.pipeline?.currentStep, .wait, "incomplete is waited through")
        XCTAssertTrue(s.pipeline?.step(.wait)?.detail?.contains("Airbyte retries it: source · connection reset") ?? false, "\(String(describing: s.pipeline?.step(.wait)))")
        XCTAssertEqual(reduce(&s, reading([job(950, .running, attempt: 2)])), [])
        _ = reduce(&s, .clockTicked(at(30)))
        XCTAssertEqual(reduce(&s, reading([job(950, .succeeded, attempt: 2)], at: 30)), [.runDbt(.build)])
        XCTAssertEqual(s.pipeline?.currentStep, .transform)

        _ = reduce(&s, .dbt(.runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: at(31))))
        _ = reduce(&s, .clockTicked(at(40)))
        _ = reduce(&s, .dbt(.runEnded(exitCode: 0, signalled: false, at: at(45))))
        let run = s.pipeline!
        XCTAssertEqual(run.outcome, .succeeded)
        XCTAssertEqual(run.steps.map(\.status), [.succeeded, .succeeded, .succeeded])
        XCTAssertEqual(run.step(.sync)?.duration, 1)
        XCTAssertEqual(run.step(.wait)?.duration, 29)
        XCTAssertEqual(run.step(.transform)?.duration, 15)
        XCTAssertEqual(run.duration, 45)
        let lines = s.timeline.entries.filter { $0.origin == .pipeline }.map(\.message).reversed()
        XCTAssertEqual(lines.filter { $0.hasPrefix("sync:") || $0.hasPrefix("wait: job 950 succeeded") || $0.hasPrefix("transform:") }.count, 3, "\(lines)")
        XCTAssertTrue(lines.last?.hasPrefix("finished in 45s") ?? false, "\(lines)")
    }

    func testASyncAlreadyRunningIsWaitedOnNeverDuplicatedAndACancelLeavesItRunning() {
        var s = state()
        _ = reduce(&s, reading([job(960, .running)]))
        let effects = start(&s)
        XCTAssertFalse(effects.contains { if case .startAirbyteSync = $0 { return true } else { return false } }, "\(effects)")
        XCTAssertEqual(s.pipeline?.jobID, 960)
        XCTAssertEqual(s.pipeline?.jobStartedByRun, false)
        XCTAssertEqual(s.pipeline?.currentStep, .wait)

        XCTAssertEqual(reduce(&s, .pipeline(.cancel(reason: "SIGINT", at: at(5)))), [], "a job this run did not start is not cancelled")
        XCTAssertEqual(s.pipeline?.outcome, .cancelled(step: .wait, reason: "SIGINT"))
        XCTAssertEqual(s.pipeline?.step(.transform)?.status, .skipped)
        XCTAssertTrue(s.timeline.entries.first?.message.contains("job 960 left running") ?? false, "\(s.timeline.entries.first!)")
    }

    func testA409AdoptsTheJobItNames() {
        var s = state()
        _ = start(&s, steps: [.sync, .wait])
        _ = reduce(&s, .airbyte(.syncAlreadyRunning(connectionID: connection, jobID: 961, at: at(1))))
        XCTAssertEqual(s.pipeline?.jobID, 961)
        XCTAssertEqual(s.pipeline?.jobStartedByRun, false)
        _ = reduce(&s, reading([job(961, .succeeded)]))
        XCTAssertEqual(s.pipeline?.outcome, .succeeded)
    }

    func testAFailedJobStopsTheRunAtWaitWithItsReasonAndNoTransform() {
        var s = state()
        _ = start(&s)
        _ = reduce(&s, .airbyte(.syncStarted(connectionID: connection, jobID: 951, status: .running, at: at(1))))
        let effects = reduce(&s, reading([job(951, .failed, attempt: 3, failure: "replication slot airbyte_slot lost")]))
        XCTAssertFalse(effects.contains(.runDbt(.build)))
        XCTAssertEqual(s.pipeline?.outcome, .failed(step: .wait, reason: "job 951 failed: source · replication slot airbyte_slot lost", unreachable: false))
        XCTAssertEqual(s.pipeline?.steps.map(\.status), [.succeeded, .failed("job 951 failed: source · replication slot airbyte_slot lost"), .skipped])
    }

    func testAFailedSyncRequestIsUnreachable() {
        var s = state()
        _ = start(&s)
        _ = reduce(&s, .airbyte(.syncFailed(connectionID: connection, message: "connection refused", at: at(1))))
        XCTAssertEqual(s.pipeline?.outcome, .failed(step: .sync, reason: "the sync request failed: connection refused", unreachable: true))
    }

    func testAFailedModelStopsTheRunAtTransformNamingTheModel() {
        var s = state()
        _ = start(&s, steps: [.transform])
        _ = reduce(&s, .dbt(.runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: at(1))))
        var record = DbtLogRecord(at: at(2), name: "LogModelResult", level: "error", message: "1 of 2 ERROR creating sql view model staging.stg_orders")
        record.uniqueId = "model.shop.stg_orders"
        record.nodeName = "stg_orders"
        record.resourceType = "model"
        record.nodeStatus = "error"
        _ = reduce(&s, .dbt(.logged(record)))
        _ = reduce(&s, .dbt(.runEnded(exitCode: 1, signalled: false, at: at(3))))
        XCTAssertEqual(s.pipeline?.outcome, .failed(step: .transform, reason: "dbt exited with 1: model stg_orders error", unreachable: false))
    }

    /// dbt failing before any node (a bad option, a missing profile, a bad selector) prints why on its
    /// own: the step's reason carries that line, on one line.
    func testADbtFailureWithoutAFailedNodeCarriesDbtsOwnErrorLine() {
        var s = state()
        _ = start(&s, steps: [.transform])
        _ = reduce(&s, .dbt(.runStarted(.build, commandLine: "dbt build --selct x", selectsEverything: false, at: at(1))))
        for line in ["Usage: dbt build [OPTIONS]", "Try 'dbt build -h' for help.", "Error: No such option '--selct'.\n  (Did you mean '--select'?)"] {
            _ = reduce(&s, .dbt(.logged(DbtLogRecord(at: at(2), name: "text", level: "error", message: line))))
        }
        _ = reduce(&s, .dbt(.runEnded(exitCode: 2, signalled: false, at: at(3))))
        XCTAssertEqual(
            s.pipeline?.outcome,
            .failed(step: .transform, reason: "dbt exited with 2: Error: No such option '--selct'. (Did you mean '--select'?)", unreachable: false))
    }

    func testCancelDuringWaitCancelsTheJobItStartedAndEndsWhenTheCancelIsAnswered() {
        var s = state()
        _ = start(&s)
        _ = reduce(&s, .airbyte(.syncStarted(connectionID: connection, jobID: 952, status: .running, at: at(1))))
        XCTAssertEqual(reduce(&s, .pipeline(.cancel(reason: "SIGTERM", at: at(2)))), [.cancelAirbyteJob(jobID: 952, connectionName: connectionName)])
        XCTAssertTrue(s.pipeline?.isActive ?? false, "the run ends only once the cancel is answered")
        _ = reduce(&s, .airbyte(.jobCancelled(jobID: 952, at: at(3))))
        XCTAssertEqual(s.pipeline?.outcome, .cancelled(step: .wait, reason: "SIGTERM"))
    }

    func testCancelWhileTheSyncRequestIsOnItsWayCancelsTheJobOnceItExists() {
        var s = state()
        _ = start(&s)
        XCTAssertEqual(reduce(&s, .pipeline(.cancel(reason: "SIGINT", at: at(0.5)))), [])
        let effects = reduce(&s, .airbyte(.syncStarted(connectionID: connection, jobID: 953, status: .pending, at: at(1))))
        XCTAssertTrue(effects.contains(.cancelAirbyteJob(jobID: 953, connectionName: connectionName)), "\(effects)")
        XCTAssertFalse(effects.contains(.runDbt(.build)))
    }

    func testCancelDuringTransformStopsDbtAndEndsWhenItExits() {
        var s = state()
        _ = start(&s, steps: [.transform])
        _ = reduce(&s, .dbt(.runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: at(1))))
        XCTAssertEqual(reduce(&s, .pipeline(.cancel(reason: "x", at: at(2)))), [.cancelDbt])
        _ = reduce(&s, .dbt(.runEnded(exitCode: 130, signalled: false, at: at(4))))
        XCTAssertEqual(s.pipeline?.outcome, .cancelled(step: .transform, reason: "x"))
    }

    func testTheTimeoutIsADeadlineLeavingTheJobRunningUnlessToldToCancel() {
        var s = state()
        _ = start(&s, steps: [.sync, .wait], timeout: 90)
        _ = reduce(&s, .airbyte(.syncStarted(connectionID: connection, jobID: 954, status: .running, at: at(1))))
        _ = reduce(&s, .clockTicked(at(80)))
        XCTAssertLessThanOrEqual(nextDeadline(s) ?? .distantFuture, at(90))
        XCTAssertEqual(reduce(&s, .clockTicked(at(90))), [])
        XCTAssertEqual(s.pipeline?.outcome, .timedOut(step: .wait))

        var c = state()
        _ = start(&c, steps: [.sync, .wait], timeout: 90, cancelOnTimeout: true)
        _ = reduce(&c, .airbyte(.syncStarted(connectionID: connection, jobID: 955, status: .running, at: at(1))))
        XCTAssertEqual(reduce(&c, .clockTicked(at(91))), [.cancelAirbyteJob(jobID: 955, connectionName: connectionName)])
        _ = reduce(&c, .airbyte(.jobCancelled(jobID: 955, at: at(92))))
        XCTAssertEqual(c.pipeline?.outcome, .timedOut(step: .wait))
    }

    func testPConfirmsThenStartsTheSelectedConnectionsPipelineAndReadOnlyRefusesIt() {
        var s = state()
        _ = reduce(&s, .actionRequested(.runPipeline))
        XCTAssertEqual(s.ui.prompt?.effect, .startPipeline(PipelineRequest(connectionID: connection, connectionName: connectionName)))
        XCTAssertTrue(s.ui.prompt?.question.hasPrefix("Run the pipeline for \(connectionName)") ?? false)
        XCTAssertEqual(reduce(&s, .actionRequested(.confirmYes)), [.startPipeline(PipelineRequest(connectionID: connection, connectionName: connectionName))])

        var r = state()
        r.ui.readOnly = true
        XCTAssertEqual(reduce(&r, .actionRequested(.runPipeline)), [])
        XCTAssertNil(r.ui.prompt)
        XCTAssertNil(KeyMap.standard.action(for: .character("p"), mode: .normal, readOnly: true), "p is hidden under --read-only")
    }

    func testXAndCDuringARunAskToStopTheStepInProgress() {
        var s = state()
        _ = start(&s)
        _ = reduce(&s, .airbyte(.syncStarted(connectionID: connection, jobID: 956, status: .running, at: at(1))))
        _ = reduce(&s, reading([job(956, .running)]))
        for action in [Action.cancelDbt, .cancelJob] {
            _ = reduce(&s, .actionRequested(action))
            XCTAssertEqual(s.ui.prompt?.effect, .cancelPipeline)
            XCTAssertEqual(s.ui.prompt?.question, "Stop the pipeline at wait: cancel job 956?")
            _ = reduce(&s, .actionRequested(.confirmNo))
        }
    }
}
