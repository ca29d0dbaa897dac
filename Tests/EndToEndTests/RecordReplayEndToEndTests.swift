import EltopTestSupport
import Foundation
import XCTest

/// `--record` and `eltop replay` as a user meets them: the real binary in tmux against the fake Airbyte.
/// A confirmed sync is recorded live; the replay shows it happen again on screen while the server, which
/// counts what it receives, gets no second request.
final class RecordReplayEndToEndTests: XCTestCase {
    private var server: AirbyteTestServer?
    private var terminals: [TmuxEltop] = []

    override func tearDown() async throws {
        for terminal in terminals { terminal.stop() }
        terminals = []
        await server?.stop()
        server = nil
    }

    func testAReplayShowsTheRecordedSyncAndSendsNothing() async throws {
        let server = try AirbyteTestServer()
        self.server = server
        let name = "orders_rp", id = "3f1b2c4d-0000-4000-8000-0000000e2e14"
        await server.fake.addConnection(id: id, name: name)
        try await server.start()
        let recording = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("eltop-e2e-\(UUID().uuidString.prefix(8)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: recording) }

        let live = try TmuxEltop(arguments: ["--record", recording], environment: ["AIRBYTE_SERVER_NAME": server.baseURL, "AIRBYTE_CONNECTION_ID": id], cols: 120, rows: 36)
        terminals.append(live)
        guard live.waitFor(text: name) else { throw E2EError("the connection row never appeared") }
        try live.press("2", "s")
        live.waitFor(text: "Start a sync of \(name)?")
        // The prompt stays up a second in the recording, so the replay at 1× shows it long enough to be seen.
        try await Task.sleep(nanoseconds: 1_000_000_000)
        try live.press("y")
        live.waitFor(text: "sync of \(name) started: job")
        try live.press("q")
        let deadline = Date().addingTimeInterval(10)
        while let pid = live.eltopPID, kill(pid, 0) == 0, Date() < deadline { usleep(100_000) }
        let requestsLive = await server.fake.syncRequests
        XCTAssertEqual(requestsLive, 1)

        let replay = try TmuxEltop(arguments: ["replay", recording], environment: [:], cols: 120, rows: 36)
        terminals.append(replay)
        replay.waitFor(text: "REPLAY ")
        replay.waitFor(text: "Start a sync of \(name)?", seconds: 30)
        replay.waitFor(text: "\(name): sync requested, job", seconds: 30)
        replay.waitFor(text: "(following)", seconds: 30)
        // Give a wrongly sent request time to arrive before saying none did.
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let requestsAfterReplay = await server.fake.syncRequests
        XCTAssertEqual(requestsAfterReplay, 1, "the replay sent a sync request")
        try replay.press("[")
        replay.waitFor("the start again") { !$0.contains("\(name): sync requested") }
        try replay.press("q")
    }
}
