import EltopSpawn
import EltopTestSupport
import Foundation
import XCTest

/// `eltop sync --wait` and `eltop run` as cron or an ECS task meets them: the real binary against the
/// fake Airbyte on loopback (the test moves each job through its states) and the real dbt from
/// `<repo>/.venv` on a database of its own. What the server received is read from the fake.
final class PipelineCommandTests: XCTestCase {
    private var server: AirbyteTestServer?
    private var project: DbtFixtureProject?
    private var process: EltopProcess?
    private let connectionID = "3f1b2c4d-0000-4000-8000-0000000000a1"

    override func tearDown() async throws {
        process?.kill()
        process = nil
        await server?.stop()
        server = nil
        project?.remove()
        project = nil
    }

    /// The fake with one connection (and a running job when `runningJob`), and a config file for it.
    private func start(_ arguments: [String], runningJob: Bool = false, dbt: String? = nil) async throws -> (EltopProcess, AirbyteFake) {
        let server = try AirbyteTestServer()
        self.server = server
        await server.fake.addConnection(id: connectionID, name: "orders_cdc")
        if runningJob {
            let id = await server.fake.createJob(connectionID: connectionID, status: "pending")
            await server.fake.start(id)
        }
        try await server.start()
        var yaml = """
            airbyte:
              server: \(server.baseURL)
              connection_ids: [\(connectionID)]
              poll_interval: 0.25
            """
        if let dbt {
            let project = try DbtFixtureProject.make(prefix: "pipeline")
            self.project = project
            yaml += """

                dbt:
                  project_dir: \(project.directory.path)
                  profiles_dir: \(project.directory.path)
                  command: \(try DbtFixtureProject.dbtExecutable()) \(dbt)
                """
        }
        let process = try EltopProcess(arguments, config: yaml)
        self.process = process
        return (process, server.fake)
    }

    /// The job the command's sync request created (or the one already there).
    private func job(_ fake: AirbyteFake, count: Int = 1, _ process: EltopProcess) async throws -> Int64 {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let jobs = await fake.jobs(of: connectionID)
            if jobs.count >= count, let id = jobs.last { return id }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw E2EError("no sync request reached the fake in 15s; eltop wrote:\n\(process.output)")
    }

    /// dbt's processes under `eltop` once it has printed `started` (the transform step's first line), within
    /// `seconds`; fails when there are none, as then no test of how eltop stops dbt means anything.
    private func dbtRunning(
        under eltop: EltopProcess, after started: String = "transform: running `", seconds: Double = 30, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> [pid_t] {
        try await eltop.waitForOutput(started, seconds: seconds)
        let dbt = eltop.descendants()
        XCTAssertFalse(dbt.isEmpty, "no dbt child under eltop", file: file, line: line)
        return dbt
    }

    /// eltop exits within `seconds` with `status`, its output saying `said`, and none of `dbt` outlives it.
    private func assertExits(
        _ eltop: EltopProcess, with status: Int32, saying said: String, within seconds: Double = 30, leaving dbt: [pid_t],
        outlived: String = "dbt outlived eltop", file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let exit = try await eltop.waitForExit(seconds: seconds)
        XCTAssertEqual(exit, status, eltop.output, file: file, line: line)
        XCTAssertTrue(eltop.output.contains(said), eltop.output, file: file, line: line)
        XCTAssertEqual(dbt.filter { EltopProcess.isAlive($0) }, [], outlived, file: file, line: line)
    }

    func testSyncWaitExitsZeroWhenTheJobSucceeds() async throws {
        let (eltop, fake) = try await start(["sync", "--wait"])
        let id = try await job(fake, eltop)
        await fake.start(id)
        await fake.flush(id, streams: [AirbyteFakeStream(name: "orders", recordsEmitted: 120, recordsCommitted: 120, bytesEmitted: 9_000, bytesCommitted: 9_000)])
        try await eltop.waitForOutput("job \(id) running")
        await fake.finish(id, status: "succeeded")
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 0, eltop.output)
        XCTAssertTrue(eltop.output.contains("wait: ok job \(id) succeeded"), eltop.output)
        XCTAssertTrue(eltop.output.contains("sync finished after"), eltop.output)
        let requests = await fake.syncRequests
        XCTAssertEqual(requests, 1)
    }

    func testSyncWaitExitsOneNamingTheFailure() async throws {
        let (eltop, fake) = try await start(["sync", "--wait"])
        let id = try await job(fake, eltop)
        await fake.start(id)
        await fake.finish(id, status: "failed", failureOrigin: "source", failureMessage: "replication slot airbyte_slot is lost")
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 1, eltop.output)
        XCTAssertTrue(eltop.output.contains("eltop: sync failed at wait: job \(id) failed: source · replication slot airbyte_slot is lost"), eltop.output)
    }

    /// A job cancelled by someone else (the Airbyte UI) fails the wait: exit 1, naming the cancel.
    func testSyncWaitExitsOneWhenTheJobIsCancelledElsewhere() async throws {
        let (eltop, fake) = try await start(["sync", "--wait"])
        let id = try await job(fake, eltop)
        await fake.start(id)
        try await eltop.waitForOutput("job \(id) running")
        await fake.finish(id, status: "cancelled")
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 1, eltop.output)
        XCTAssertTrue(eltop.output.contains("eltop: sync failed at wait: job \(id) was cancelled outside this run"), eltop.output)
    }

    func testSyncWaitWaitsThroughAnIncompleteAttempt() async throws {
        let (eltop, fake) = try await start(["sync", "--wait"])
        let id = try await job(fake, eltop)
        await fake.start(id)
        // Between attempts Airbyte reports the job `incomplete`, the failed attempt's summary with it.
        await fake.finish(id, status: "incomplete", failureOrigin: "destination", failureMessage: "warehouse connection reset")
        try await eltop.waitForOutput("Airbyte retries it: destination · warehouse connection reset")
        XCTAssertNil(eltop.exitStatus, "exited on an incomplete attempt:\n\(eltop.output)")
        await fake.start(id)
        await fake.finish(id, status: "succeeded")
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 0, eltop.output)
    }

    func testSyncWaitTimesOutWithExitTwoLeavingTheJobRunningUnlessAskedToCancel() async throws {
        let (eltop, fake) = try await start(["sync", "--wait", "--timeout", "1.5"])
        let id = try await job(fake, eltop)
        await fake.start(id)
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 2, eltop.output)
        XCTAssertTrue(eltop.output.contains("job \(id) left running (--cancel-on-timeout cancels it)"), eltop.output)
        let left = await fake.job(id)?.status
        XCTAssertEqual(left, "running")
        await fake.finish(id, status: "succeeded")

        let cancelling = try EltopProcess(["sync", "--wait", "--timeout", "1.5", "--cancel-on-timeout"], config: eltop.config)
        process = cancelling
        let second = try await job(fake, count: 2, cancelling)
        await fake.start(second)
        let cancelledStatus = try await cancelling.waitForExit()
        XCTAssertEqual(cancelledStatus, 2, cancelling.output)
        let after = await fake.job(second)?.status
        XCTAssertEqual(after, "cancelled", cancelling.output)
    }

    func testASyncAlreadyRunningIsWaitedOnNotDuplicated() async throws {
        let (eltop, fake) = try await start(["sync", "--wait"], runningJob: true)
        try await eltop.waitForOutput("was already running")
        let jobs = await fake.jobs(of: connectionID)
        XCTAssertEqual(jobs.count, 1, "a second job was created")
        await fake.finish(jobs[0], status: "succeeded")
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 0, eltop.output)
    }

    func testRunStopsAtAFailedSyncWithoutRunningDbt() async throws {
        let (eltop, fake) = try await start(["run"], dbt: "build --select stg_orders")
        let id = try await job(fake, eltop)
        await fake.start(id)
        await fake.finish(id, status: "failed", failureOrigin: "source", failureMessage: "slot lost")
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 1, eltop.output)
        XCTAssertTrue(eltop.output.contains("eltop: run failed at wait: job \(id) failed: source · slot lost"), eltop.output)
        XCTAssertTrue(eltop.output.contains("transform skipped"), eltop.output)
        let results = try XCTUnwrap(project).directory.appendingPathComponent("target/run_results.json")
        XCTAssertFalse(FileManager.default.fileExists(atPath: results.path), "dbt ran after a failed sync")
    }

    func testRunStopsAtAFailedModelNamingIt() async throws {
        let (eltop, fake) = try await start(["run"], dbt: "build --select +stg_orders broken_report")
        let id = try await job(fake, eltop)
        await fake.finish(id, status: "succeeded")
        let status = try await eltop.waitForExit(seconds: 90)
        XCTAssertEqual(status, 1, eltop.output)
        XCTAssertTrue(eltop.output.contains("eltop: run failed at transform: dbt exited with 1: model broken_report error"), eltop.output)
        XCTAssertTrue(eltop.output.contains("success  model stg_orders"), eltop.output)
        XCTAssertTrue(eltop.output.contains("dbt: PASS="), eltop.output)
    }

    /// `transform -- ARGS` adds ARGS to the configured command; SIGTERM stops dbt before eltop exits.
    func testSigtermDuringTheTransformStopsDbtAndCtrlCDuringTheWaitCancelsTheJob() async throws {
        let (eltop, fake) = try await start(["transform", "--", "--select", "slow_report"], dbt: "build")
        let dbt = try await dbtRunning(under: eltop, after: "transform: running `dbt build --select slow_report")
        eltop.signal(SIGTERM)
        try await assertExits(eltop, with: 143, saying: "transform cancelled at transform (SIGTERM)", leaving: dbt)

        let interrupted = try EltopProcess(["run"], config: eltop.config)
        process = interrupted
        let second = try await job(fake, interrupted)
        await fake.start(second)
        try await interrupted.waitForOutput("job \(second) running")
        interrupted.signal(SIGINT)
        let interruptedStatus = try await interrupted.waitForExit()
        XCTAssertEqual(interruptedStatus, 130, interrupted.output)
        let after = await fake.job(second)?.status
        XCTAssertEqual(after, "cancelled", "Ctrl-C left the job it started running:\n\(interrupted.output)")
    }

    /// `transform` prints one line per finished node and dbt's summary, and exits with dbt's own status:
    /// 1 when a node failed, 2 when dbt itself failed (here an option dbt does not know).
    func testTransformPrintsEachFinishedNodeAndTheSummaryAndExitsWithDbtsStatus() async throws {
        let (eltop, _) = try await start(["transform", "--", "--select", "+stg_orders", "broken_report"], dbt: "build")
        let status = try await eltop.waitForExit(seconds: 90)
        XCTAssertEqual(status, 1, eltop.output)
        for line in ["  success  seed raw_orders", "  success  model stg_orders", "  error    model broken_report"] {
            XCTAssertTrue(eltop.output.contains(line), "no \"\(line)\" line:\n\(eltop.output)")
        }
        XCTAssertTrue(eltop.output.contains("transform failed at transform after "), eltop.output)
        XCTAssertTrue(eltop.output.contains("dbt: PASS=2 WARN=0 ERROR=1 SKIP=0 TOTAL=3"), eltop.output)
        XCTAssertTrue(eltop.output.contains("eltop: transform failed at transform: dbt exited with 1: model broken_report error"), eltop.output)

        let usage = try EltopProcess(["transform", "--", "--no-such-dbt-option"], config: eltop.config)
        process = usage
        let usageStatus = try await usage.waitForExit(seconds: 90)
        XCTAssertEqual(usageStatus, 2, "dbt's own status for its usage error:\n\(usage.output)")
        XCTAssertTrue(usage.output.contains("eltop: transform failed at transform: dbt exited with 2: Error: No such option '--no-such-dbt-option'"), usage.output)
    }

    /// A whole run off a terminal: plain lines only (no progress line's carriage returns or escapes), each
    /// step's end, the nodes, then the summary with each step's time and dbt's tally.
    func testRunSyncsWaitsAndTransformsThenSummarisesEachStepsTime() async throws {
        let (eltop, fake) = try await start(["run"], dbt: "build --select +stg_orders")
        let id = try await job(fake, eltop)
        await fake.start(id)
        await fake.flush(id, streams: [AirbyteFakeStream(name: "orders", recordsEmitted: 3, recordsCommitted: 3, bytesEmitted: 300, bytesCommitted: 300)])
        try await eltop.waitForOutput("job \(id) running")
        await fake.finish(id, status: "succeeded")
        let status = try await eltop.waitForExit(seconds: 90)
        XCTAssertEqual(status, 0, eltop.output)
        let output = eltop.output
        XCTAssertFalse(output.contains("\r") || output.contains("\u{1B}"), "a progress line off a terminal:\n\(output)")
        XCTAssertTrue(output.contains("sync: ok job \(id) started"), output)
        XCTAssertTrue(output.contains("wait: ok job \(id) succeeded"), output)
        XCTAssertTrue(output.contains("  success  model stg_orders"), output)
        XCTAssertNotNil(
            output.range(of: #"run finished after \d+s: sync \d+s · wait \d+s · transform \d+s"#, options: .regularExpression), output)
        XCTAssertTrue(output.contains("dbt: PASS=2 WARN=0 ERROR=0 SKIP=0 TOTAL=2"), output)
        let requests = await fake.syncRequests
        XCTAssertEqual(requests, 1)
    }

    /// `run --timeout` bounds the whole run: reached during the transform, dbt (eltop's child) is stopped
    /// and the run exits 2 naming the step.
    func testRunTimeoutDuringTheTransformStopsDbtAndExitsTwo() async throws {
        let (eltop, fake) = try await start(["run", "--timeout", "25"], dbt: "build --select slow_report")
        let id = try await job(fake, eltop)
        await fake.finish(id, status: "succeeded")
        let dbt = try await dbtRunning(under: eltop, seconds: 25)
        try await assertExits(
            eltop, with: 2, saying: "eltop: run timed out at transform after ", within: 60, leaving: dbt, outlived: "dbt outlived the timed-out run")
        // The run's time includes stopping dbt, which on a loaded machine takes a second or more past the 25.
        let took = eltop.output.firstMatch(of: /eltop: run timed out at transform after (\d+)s/).flatMap { Int($0.1) }
        XCTAssertGreaterThanOrEqual(took ?? 0, 25, eltop.output)
    }

    /// Ctrl-C while `run` transforms (off a terminal: no question) stops dbt and exits 130, leaving no dbt
    /// process and no running job: the sync had ended, and the wait step's Ctrl-C (above) cancels the job.
    func testCtrlCDuringTheRunsTransformLeavesNoDbtAndNoRunningJob() async throws {
        let (eltop, fake) = try await start(["run"], dbt: "build --select slow_report")
        let id = try await job(fake, eltop)
        await fake.finish(id, status: "succeeded")
        let dbt = try await dbtRunning(under: eltop)
        eltop.signal(SIGINT)
        try await assertExits(eltop, with: 130, saying: "eltop: run cancelled at transform (Ctrl-C)", leaving: dbt)
        for job in await fake.jobs(of: connectionID) {
            let left = await fake.job(job)?.status
            XCTAssertFalse(left == "running" || left == "pending", "job \(job) left \(left ?? "?")")
        }
    }

    /// Ctrl-C during `transform` (off a terminal: no question) stops dbt and exits 130 once it has.
    func testCtrlCDuringTransformStopsDbtAndExits130() async throws {
        let (eltop, _) = try await start(["transform", "--", "--select", "slow_report"], dbt: "build")
        let dbt = try await dbtRunning(under: eltop)
        eltop.signal(SIGINT)
        try await assertExits(eltop, with: 130, saying: "eltop: transform cancelled at transform (Ctrl-C)", leaving: dbt)
    }

    /// `--read-only`, and `ui.read_only` in the config, refuse every command that starts something.
    func testReadOnlyAndUIReadOnlyRefuseSyncTransformAndRunWithExitThree() async throws {
        let (_, fake) = try await start(["--help"], dbt: "build")
        let plain = try XCTUnwrap(process).config
        let readOnly = plain + "\nui:\n  read_only: true\n"
        let commands: [([String], String)] = [
            (["sync", "--wait"], readOnly), (["transform"], readOnly), (["run"], readOnly),
            (["sync", "--read-only"], plain), (["transform", "--read-only"], plain),
        ]
        for (command, config) in commands {
            let eltop = try EltopProcess(command, config: config)
            process = eltop
            let status = try await eltop.waitForExit()
            XCTAssertEqual(status, 3, "\(command): \(eltop.output)")
            XCTAssertTrue(eltop.output.contains("refused: --read-only (or ui.read_only) forbids starting syncs and dbt runs"), eltop.output)
        }
        let requests = await fake.syncRequests
        XCTAssertEqual(requests, 0)
    }

    func testReadOnlyRefusesWithExitThreeAndSendsNothing() async throws {
        let (eltop, fake) = try await start(["run", "--read-only"])
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 3, eltop.output)
        XCTAssertTrue(eltop.output.contains("--read-only"), eltop.output)
        let requests = await fake.syncRequests
        XCTAssertEqual(requests, 0)
    }

    func testSyncWithoutWaitExitsOnceTheJobIsAccepted() async throws {
        let (eltop, fake) = try await start(["sync"])
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 0, eltop.output)
        let jobs = await fake.jobs(of: connectionID)
        XCTAssertEqual(jobs.count, 1, eltop.output)
        XCTAssertTrue(eltop.output.contains("sync: ok job \(jobs[0]) started"), eltop.output)
    }

    func testSeveralConfiguredConnectionsWithoutOneChosenAreListedAndNothingIsSynced() async throws {
        let (_, fake) = try await start(["--help"])
        let config = """
            airbyte:
              server: \(try XCTUnwrap(server).baseURL)
              connection_ids: [\(connectionID), 00000000-0000-4000-8000-0000000000a2]
            """
        let eltop = try EltopProcess(["run"], config: config)
        process = eltop
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 3, eltop.output)
        XCTAssertTrue(eltop.output.contains("pass --connection with one of: \(connectionID), 00000000-0000-4000-8000-0000000000a2"), eltop.output)
        let requests = await fake.syncRequests
        XCTAssertEqual(requests, 0)
    }

    func testAnUnreachableAirbyteExitsThreeSayingSo() async throws {
        // A port nothing listens on: the fake is started and stopped to find one.
        let (_, _) = try await start(["--help"])
        let url = try XCTUnwrap(server).baseURL
        await server?.stop()
        server = nil
        let eltop = try EltopProcess(["sync", "--wait"], config: "airbyte:\n  server: \(url)\n  connection_ids: [\(connectionID)]\n")
        process = eltop
        let status = try await eltop.waitForExit()
        XCTAssertEqual(status, 3, eltop.output)
        XCTAssertTrue(eltop.output.contains("eltop: sync failed at sync: the sync request failed:"), eltop.output)
    }

    /// What `make install` writes: each shell's completion offers the pipeline commands and their options.
    func testCompletionScriptsOfferThePipelineCommands() throws {
        let eltop = try TmuxEltop.eltopBinary()
        for shell in ["bash", "zsh", "fish"] {
            let (status, script) = try ChildProcess.run(eltop, ["--generate-completion-script", shell])
            XCTAssertEqual(status, 0, script)
            for word in ["sync", "transform", "run", "cancel-on-timeout"] {
                XCTAssertTrue(script.contains(word), "\(shell) completion lacks \(word)")
            }
        }
    }
}
