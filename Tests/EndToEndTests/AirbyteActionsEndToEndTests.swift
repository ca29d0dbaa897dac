import EltopTestSupport
import Foundation
import XCTest

/// `s` (sync) as a user meets it: the real eltop in tmux against the fake Airbyte on loopback. What the
/// server received is read from the fake, so "no request was sent" is a fact, not what the screen claims.
final class AirbyteActionsEndToEndTests: XCTestCase {
    private var server: AirbyteTestServer?
    private var terminal: TmuxEltop?
    private let connectionName = "orders_cdc_e2e"
    private let connectionID = "3f1b2c4d-0000-4000-8000-00000000e2e0"

    override func tearDown() async throws {
        terminal?.stop()
        terminal = nil
        await server?.stop()
        server = nil
    }

    /// The fake with one manual connection (no job yet, or one job already running when `runningJob`),
    /// and eltop watching it, the Airbyte pane focused.
    private func startEltop(arguments: [String] = [], runningJob: Bool = false) async throws -> (TmuxEltop, AirbyteFake) {
        let server = try AirbyteTestServer()
        self.server = server
        await server.fake.addConnection(id: connectionID, name: connectionName)
        if runningJob { await server.fake.createJob(connectionID: connectionID, status: "running") }
        try await server.start()
        let terminal = try TmuxEltop(
            arguments: arguments, environment: ["AIRBYTE_SERVER_NAME": server.baseURL, "AIRBYTE_CONNECTION_ID": connectionID])
        self.terminal = terminal
        guard terminal.waitFor(text: connectionName) else { throw E2EError("the connection row never appeared") }
        try terminal.press("2")
        return (terminal, server.fake)
    }

    func testSyncAsksNamingTheConnectionSendsNothingOnNoAndExactlyOneRequestOnYes() async throws {
        let (terminal, fake) = try await startEltop()

        try terminal.press("s")
        terminal.waitFor(text: "Start a sync of \(connectionName)?")
        try terminal.press("n")
        terminal.waitFor("the prompt to close") { !$0.contains("Start a sync of") }
        // Give a wrongly sent request time to arrive before saying none did.
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let afterNo = await fake.syncRequests
        XCTAssertEqual(afterNo, 0, "answering n still sent a sync request")

        try terminal.press("s")
        terminal.waitFor(text: "Start a sync of \(connectionName)?")
        try terminal.press("y")
        let jobID = try await waitForJob(fake)
        terminal.waitFor(text: "sync of \(connectionName) started: job \(jobID)")
        terminal.waitFor(text: "\(connectionName): sync requested, job \(jobID)")
        let requests = await fake.syncRequests
        XCTAssertEqual(requests, 1, "one confirmed s must send exactly one sync request")
        let posted = await fake.exchanges.filter { $0.method == "POST" && $0.path.hasSuffix("/jobs") }
        XCTAssertEqual(posted.count, 1)
        XCTAssertTrue(posted.first?.requestBody?.contains(connectionID) ?? false, "\(posted)")
    }

    func testCancelAsksNamingTheJobSendsNothingOnNoAndExactlyOneDeleteOnYes() async throws {
        let (terminal, fake) = try await startEltop(runningJob: true)
        let seeded = await fake.jobs(of: connectionID).last
        let jobID = try XCTUnwrap(seeded)
        let question = "Cancel job \(jobID) of \(connectionName)?"
        let deletes = { await fake.exchanges.filter { $0.method == "DELETE" && $0.path.hasSuffix("/jobs/\(jobID)") }.count }
        let allDeletes = { await fake.exchanges.filter { $0.method == "DELETE" }.count }

        try terminal.press("c")
        terminal.waitFor(text: question)
        try terminal.press("n")
        terminal.waitFor("the prompt to close") { !$0.contains(question) }
        // Give a wrongly sent request time to arrive before saying none did.
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let afterNo = await allDeletes()
        XCTAssertEqual(afterNo, 0, "answering n still sent a cancel request")
        let stillRunning = await fake.job(jobID)?.status
        XCTAssertEqual(stillRunning, "running")

        try terminal.press("c")
        terminal.waitFor(text: question)
        try terminal.press("y")
        terminal.waitFor(text: "job \(jobID): cancel accepted")
        // The refresh after the answer reads the job back as cancelled: the transition reaches the timeline.
        terminal.waitFor(text: "\(connectionName): job \(jobID) cancelled", seconds: 30)
        let afterYes = await deletes(), anyDeletes = await allDeletes()
        XCTAssertEqual(afterYes, 1, "one confirmed c must send exactly one cancel request for job \(jobID)")
        XCTAssertEqual(anyDeletes, 1, "a cancel request went to another job")
        let status = await fake.job(jobID)?.status
        XCTAssertEqual(status, "cancelled")
    }

    func testReadOnlyRefusesSyncWithoutARequestAndHelpDoesNotOfferIt() async throws {
        let (terminal, fake) = try await startEltop(arguments: ["--read-only"])

        try terminal.press("s")
        terminal.waitFor(text: "disabled by --read-only")
        XCTAssertFalse(terminal.screen().contains("Start a sync of"), "read-only still asked to sync")
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let requests = await fake.syncRequests
        XCTAssertEqual(requests, 0, "--read-only still sent a sync request")

        try terminal.press("?")
        terminal.waitFor(text: "Help · Esc closes")
        let help = terminal.screen()
        XCTAssertFalse(help.contains("sync the connection"), "help lists s under --read-only:\n\(help)")
        XCTAssertTrue(help.contains("focus the next pane"), "help shows no bindings at all:\n\(help)")
    }

    func testHelpListsSyncWhenNotReadOnly() async throws {
        let (terminal, _) = try await startEltop()
        try terminal.press("?")
        terminal.waitFor(text: "Help · Esc closes")
        terminal.waitFor(text: "sync the connection")
    }

    /// The id of the job the sync request created, once the fake has it.
    private func waitForJob(_ fake: AirbyteFake) async throws -> Int64 {
        for _ in 0..<100 {
            if let id = await fake.jobs(of: connectionID).last { return id }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw E2EError("no job was created within 10 s; sync requests seen: \(await fake.syncRequests)")
    }
}
