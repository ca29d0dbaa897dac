import EltopTestSupport
import Foundation
import XCTest

/// `p` as a user meets it: the real eltop in tmux against the fake Airbyte, with the fixture dbt project
/// configured. The job fails, so the run must stop at the wait step with the failure's reason and never
/// start dbt.
final class PipelineKeyEndToEndTests: XCTestCase {
    private var server: AirbyteTestServer?
    private var terminal: TmuxEltop?
    private var project: URL?
    private let connectionName = "orders_cdc_p"
    private let connectionID = "3f1b2c4d-0000-4000-8000-0000000000b1"

    override func tearDown() async throws {
        terminal?.stop()
        terminal = nil
        await server?.stop()
        server = nil
        if let project { try? FileManager.default.removeItem(at: project) }
    }

    /// The fake Airbyte with the one connection, serving (stopped at tear-down).
    private func startServer() async throws -> AirbyteTestServer {
        let server = try AirbyteTestServer()
        self.server = server
        await server.fake.addConnection(id: connectionID, name: connectionName)
        try await server.start()
        return server
    }

    /// The job eltop's sync request created, once the fake has it (within 10 s); fails saying `noRequest`.
    private func requestedJob(_ fake: AirbyteFake, _ noRequest: String) async throws -> Int64 {
        var jobID: Int64?
        for _ in 0..<200 where jobID == nil {
            jobID = await fake.jobs(of: connectionID).last
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return try XCTUnwrap(jobID, noRequest)
    }

    /// `eltop sync --wait` in tmux against the fake, and the job it asked for.
    private func syncWaitOnATerminal() async throws -> (TmuxEltop, AirbyteFake, Int64) {
        let server = try await startServer()
        let terminal = try TmuxEltop(
            arguments: ["sync", "--wait"], environment: ["AIRBYTE_SERVER_NAME": server.baseURL, "AIRBYTE_CONNECTION_ID": connectionID])
        self.terminal = terminal
        return (terminal, server.fake, try await requestedJob(server.fake, "sync --wait sent no sync request"))
    }

    func testPAsksRunsTheSelectedConnectionAndStopsAtTheFailedSyncWithItsReason() async throws {
        let server = try await startServer()
        let fake = server.fake
        // The fixture project, copied: dbt must be configured for `p`, and must never run here.
        let project = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("eltop-p-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: DbtFixtureProject.fixtures.appendingPathComponent("project"), to: project)
        self.project = project
        let terminal = try TmuxEltop(environment: [
            "AIRBYTE_SERVER_NAME": server.baseURL, "AIRBYTE_CONNECTION_ID": connectionID,
            "ELTOP_DBT_PROJECT_DIR": project.path, "ELTOP_DBT_COMMAND": "\(try DbtFixtureProject.dbtExecutable()) build",
        ])
        self.terminal = terminal
        guard terminal.waitFor(text: connectionName) else { throw E2EError("the connection row never appeared") }

        try terminal.press("p")
        guard terminal.waitFor(text: "Run the pipeline for \(connectionName): sync it, wait for the job, then `") else { return }
        try terminal.press("y")
        let id = try await requestedJob(fake, "p sent no sync request")
        terminal.waitFor(text: "sync: job \(id) started")
        await fake.start(id)
        await fake.finish(id, status: "failed", failureOrigin: "source", failureMessage: "slot lost")
        terminal.waitFor(text: "stopped at wait after", seconds: 30)
        terminal.waitFor(text: "job \(id) failed: source · slot lost")
        let requests = await fake.syncRequests
        XCTAssertEqual(requests, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.appendingPathComponent("target/run_results.json").path), "dbt ran after the failed sync")
    }

    /// `sync --wait` on a terminal: the progress line rewritten in place, then Ctrl-C asks before it
    /// cancels the job it started, and the command exits 130.
    func testSyncWaitOnATerminalShowsProgressAndCtrlCAsksBeforeCancellingTheJob() async throws {
        let (terminal, fake, id) = try await syncWaitOnATerminal()
        await fake.start(id)
        await fake.flush(id, streams: [AirbyteFakeStream(name: "orders", recordsEmitted: 1_234, recordsCommitted: 1_000, bytesEmitted: 90_000, bytesCommitted: 80_000)])
        guard terminal.waitFor(text: "wait: job \(id) running · 1234 records", seconds: 30) else { return }
        // A second flush gives a rate; the line keeps its place (rewritten, not a new line per poll).
        await fake.flush(id, streams: [AirbyteFakeStream(name: "orders", recordsEmitted: 2_468, recordsCommitted: 2_000, bytesEmitted: 180_000, bytesCommitted: 160_000)])
        let progress = #"wait: job \d+ running · 2468 records · \d+/s · \d+s"#
        guard terminal.waitFor("the progress line with records, rate and elapsed time", seconds: 30, { $0.range(of: progress, options: .regularExpression) != nil })
        else { return }
        XCTAssertEqual(terminal.screen().components(separatedBy: "wait: job").count - 1, 1, "more than one progress line:\n\(terminal.screen())")

        try terminal.press("C-c")
        guard terminal.waitFor(text: "cancel job \(id) and exit? [y/N]") else { return }
        let stillRunning = await fake.job(id)?.status
        XCTAssertEqual(stillRunning, "running", "the job was cancelled before the answer")
        try terminal.press("y", "Enter")
        terminal.waitFor(text: "sync cancelled at wait (Ctrl-C)")
        XCTAssertEqual(terminal.exitStatus(), 130, "eltop did not exit with 130 after Ctrl-C; the screen shows:\n\(terminal.screen())")
        let after = await fake.job(id)?.status
        XCTAssertEqual(after, "cancelled")
    }

    /// SIGTERM on a terminal (a container being stopped with a TTY attached) does not ask: it cancels the
    /// job this command started and exits 143.
    func testSigtermOnATerminalCancelsTheJobWithoutAsking() async throws {
        let (terminal, fake, id) = try await syncWaitOnATerminal()
        await fake.start(id)
        guard terminal.waitFor(text: "wait: job \(id) running", seconds: 30), let pid = terminal.eltopPID else { return }
        kill(pid, SIGTERM)
        XCTAssertEqual(terminal.exitStatus(within: 30), 143, "eltop did not exit with 143 after SIGTERM; the screen shows:\n\(terminal.screen())")
        let screen = terminal.screen()
        XCTAssertTrue(screen.contains("sync cancelled at wait (SIGTERM)"), screen)
        XCTAssertFalse(screen.contains("[y/N]"), "SIGTERM asked:\n\(screen)")
        let after = await fake.job(id)?.status
        XCTAssertEqual(after, "cancelled")
    }
}
