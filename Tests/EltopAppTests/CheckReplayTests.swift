@testable import EltopApp
import EltopCore
import EltopPollers
import EltopTestSupport
import Foundation
import XCTest

/// `eltop check --replay FILE --at TIME` on a recording made by the real runtime and flight recorder:
/// a slot losing safe WAL before the next sync, then its consumer back. The check at each time gives
/// the verdict the recorded state had then, with the current config's thresholds or the recording's.
@MainActor
final class CheckReplayTests: XCTestCase {
    private let start = StateFixtures.now
    private var work: URL!

    override func setUp() async throws {
        work = try ScratchDirectory.make("eltop-checkrep")
    }

    override func tearDown() async throws {
        try? FileManager.default.removeItem(at: work)
    }

    final class Applied: RuntimeSubscriber {
        var count = 0
        func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) { count += 1 }
    }

    private func slotReading(active: Bool, safe: Int64) -> SourceReading {
        let slot = ReplicationSlot(
            name: "airbyte_slot", plugin: "pgoutput", database: "app", active: active, lagBytes: 5_000_000, retainedBytes: 5_000_000, walStatus: .reserved)
        var reading = SourceReading(serverVersion: "16.4", slots: [slot])
        reading.slots[0].safeWalSizeBytes = safe
        return reading
    }

    /// 0 s: a daily schedule and an inactive slot; 100 s: its safe WAL shrank 1 MB/s (lost in 15 min, the
    /// sync in 23 h); 200 s: the consumer is back. Returns the recording's path.
    private func record() async throws -> String {
        let path = work.appendingPathComponent("night.jsonl").path
        var initial = StateFixtures.unconfigured()
        for feed in [Feed.source, .airbyte] { initial.updateHealth(feed) { $0.configured = true; $0.pollInterval = 5 } }
        let clock = ManualClock(now: start)
        let inbox = RuntimeInbox()
        let runtime = Runtime(state: initial, feeds: FeedCatalog(pollers: []), clock: clock, inbox: inbox)
        runtime.subscribe(FlightRecorder(settings: RecorderSettings(
            path: path, terminal: Size(cols: 120, rows: 36), timeZone: TimeZone(identifier: "UTC")!, glyphs: "unicode", theme: "default")))
        let applied = Applied()
        runtime.subscribe(applied)
        let running = Task { await runtime.run() }
        var expected = 0
        func event(_ event: Event) async throws {
            inbox.post(.event(event))
            expected += 1
            _ = try await waitUntil("event \(expected) is applied", seen: { applied.count }) { $0 >= expected }
        }
        func at(_ seconds: Double) async throws {
            clock.advance(by: seconds - clock.now().timeIntervalSince(start))
            try await event(.clockTicked(clock.now()))
        }
        let last = AirbyteJob(id: 1, status: .succeeded, jobType: "sync", startedAt: start.addingTimeInterval(-3600), durationSeconds: 30, rowsSynced: 5, bytesSynced: 0)
        let connection = AirbyteConnection(id: "c1", name: "pg → warehouse", syncStatus: nil, jobs: [last], schedule: "Every 24 HOURS")
        try await event(.pollSucceeded(.airbyte(AirbyteReading(connections: [connection])), at: clock.now()))
        try await event(.pollSucceeded(.source(slotReading(active: false, safe: 1_000_000_000)), at: clock.now()))
        try await at(100)
        try await event(.pollSucceeded(.source(slotReading(active: false, safe: 900_000_000)), at: clock.now()))
        try await at(200)
        try await event(.pollSucceeded(.source(slotReading(active: true, safe: 1_000_000_000)), at: clock.now()))
        try await at(210)
        inbox.post(.signal(SIGTERM))
        _ = await running.value
        return path
    }

    private func config(_ text: String) throws -> String {
        let path = work.appendingPathComponent("eltop.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func check(_ path: String, at: String?, recorded: Bool = false, configPath: String) throws -> CheckReport {
        let arguments = try CheckCommand.Arguments(only: "source,airbyte", timeout: nil)
        let options = AppOptions(configPath: configPath)
        return try CheckCommand.replayReport(options: options, arguments, .init(path: path, at: at, recordedThresholds: recorded))
    }

    func testTheVerdictIsTheOneTheRecordedStateHadAtThatTime() async throws {
        let path = try await record()
        let plain = try config(#"source: { url: "postgresql://eltop@127.0.0.1:1/app" }"#)
        let lost = try check(path, at: "12:01:50", configPath: plain)
        XCTAssertEqual(lost.level, .critical, lost.text)
        XCTAssertEqual(lost.verdicts.filter { $0.kind == .slotLoss }.map(\.severity), [.crit], lost.text)
        XCTAssertTrue(lost.text.contains("before the next sync"), lost.text)
        let back = try check(path, at: RecordingClock.iso(start.addingTimeInterval(205)), configPath: plain)
        XCTAssertEqual(back.verdicts.filter { $0.kind == .slotLoss }, [], back.text)
        XCTAssertNotEqual(back.level, .critical, back.text)
        XCTAssertTrue(back.notes.contains { $0.contains("replayed from \(path)") }, back.text)
    }

    func testCurrentThresholdsByDefaultAndTheRecordedOnesOnRequest() async throws {
        let path = try await record()
        let strict = try config(#"source: { url: "postgresql://eltop@127.0.0.1:1/app", lag_warn_bytes: 1MiB }"#)
        let current = try check(path, at: "12:00:50", configPath: strict)
        XCTAssertTrue(current.findings.contains { $0.level == .warning && $0.text.contains("lag") }, current.text)
        let recorded = try check(path, at: "12:00:50", recorded: true, configPath: strict)
        XCTAssertFalse(recorded.findings.contains { $0.text.contains("lag") }, recorded.text)
    }

    func testATimeOutsideTheRecordingNamesItsSpanAndIsUnknown() async throws {
        let path = try await record()
        let plain = try config(#"source: { url: "postgresql://eltop@127.0.0.1:1/app" }"#)
        let result = CheckCommand.replayOutput(
            options: AppOptions(configPath: plain),
            try CheckCommand.Arguments(only: "source", timeout: nil), .init(path: path, at: "05:00", recordedThresholds: false), json: false)
        XCTAssertEqual(result.status, CheckLevel.unknown.exitStatus, result.text)
        XCTAssertTrue(result.text.hasPrefix("ELTOP UNKNOWN - "), result.text)
        XCTAssertTrue(result.text.contains("spans"), result.text)
        let missing = CheckCommand.replayOutput(
            options: AppOptions(configPath: plain),
            try CheckCommand.Arguments(only: "source", timeout: nil), .init(path: path + ".none", at: nil, recordedThresholds: false), json: false)
        XCTAssertTrue(missing.text.contains("--replay \(path).none"), missing.text)
    }
}
