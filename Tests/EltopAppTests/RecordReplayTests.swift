@testable import EltopApp
import EltopCore
import EltopPollers
import EltopTerminal
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// The flight recorder and `eltop replay` on the real runtime and presenter: a live run with polls, keys,
/// a confirmed sync and a failure is recorded, then replayed; every pane area the replay draws equals
/// the live one, and no effect runs again.
@MainActor
final class RecordReplayTests: XCTestCase {
    private let start = StateFixtures.now
    private let size = Size(cols: 120, rows: 36)
    private var work: URL!

    override func setUp() async throws {
        work = try ScratchDirectory.make("eltop-rec")
    }

    override func tearDown() async throws {
        try? FileManager.default.removeItem(at: work)
    }

    /// What the screen showed between the title bar and the key-hint bar, once per change.
    final class PaneFrames: RuntimeSubscriber {
        let terminal: ScriptedTerminal
        var frames: [String] = []
        var applied = 0
        init(_ terminal: ScriptedTerminal) { self.terminal = terminal }
        func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) {
            applied += 1
            guard let lines = terminal.memory.screen?.lines(), lines.count > 2 else { return }
            let panes = lines[1..<(lines.count - 1)].joined(separator: "\n")
            if frames.last != panes { frames.append(panes) }
        }
    }

    private func settings() -> PresenterSettings {
        PresenterSettings(theme: .builtIn, glyphs: .unicode, timeZone: TimeZone(identifier: "UTC")!, frameInterval: .zero)
    }

    /// A live run on the runtime with the recorder; returns the pane frames it drew and the recording's path.
    private func recordLiveRun(keyframeInterval: TimeInterval = 300, maxFileBytes: Int = 256 << 20) async throws -> (frames: [String], path: String, events: Int) {
        let path = work.appendingPathComponent("live.jsonl").path
        let clock = ManualClock(now: start)
        let inbox = RuntimeInbox()
        let runtime = Runtime(state: StateFixtures.loading(), feeds: FeedCatalog(pollers: []), clock: clock, inbox: inbox)
        runtime.subscribe(FlightRecorder(settings: RecorderSettings(
            path: path, maxFileBytes: maxFileBytes, keyframeInterval: keyframeInterval, terminal: size,
            timeZone: TimeZone(identifier: "Europe/Paris")!, glyphs: "unicode", theme: "default")))
        let terminal = ScriptedTerminal(size: size)
        runtime.attach(TerminalPresenter(terminal: terminal, settings: settings()))
        let frames = PaneFrames(terminal)
        runtime.subscribe(frames)
        let running = Task { await runtime.run() }

        var expected = 1  // the presenter's window size
        // Each input is applied before the clock moves on, as a live runtime sees time pass between them.
        func settle() async throws { _ = try await waitUntil("input \(expected) is applied", seen: { frames.applied }) { $0 >= expected } }
        func event(_ event: Event) async throws { inbox.post(.event(event)); expected += 1; try await settle() }
        func key(_ key: Key) async throws { inbox.post(.terminal(.key(key))); expected += 1; try await settle() }
        func later(_ seconds: Double) async throws { clock.advance(by: seconds); try await event(.clockTicked(clock.now())) }
        try await settle()
        try await event(.pollSucceeded(.source(StateFixtures.sourceReading(slots: 3, lagBase: 40_000)), at: clock.now()))
        try await event(.pollSucceeded(.airbyte(StateFixtures.airbyteReading(connections: 2)), at: clock.now()))
        try await event(.pollSucceeded(.warehouse(StateFixtures.warehouseReading(tables: 5)), at: clock.now()))
        try await event(.pollSucceeded(.dbt(StateFixtures.dbtReading(nodes: 6)), at: clock.now()))
        for step in 1...4 {
            try await later(2.5)
            try await event(.pollSucceeded(.source(StateFixtures.sourceReading(slots: 3, lagBase: 40_000 + Int64(step) * 9_000)), at: clock.now()))
            try await event(.pollSucceeded(.dbt(StateFixtures.dbtReading(nodes: 6)), at: clock.now()))  // the same reading again
        }
        for k: Key in [.character("3"), .character("o"), .down, .enter] { try await key(k) }
        try await later(1)
        for k: Key in [.escape, .character("/"), .character("a"), .enter, .character("2"), .character("s")] { try await key(k) }
        expected += 1  // the sync's outcome: this runtime has no Airbyte client, so it says so
        try await key(.character("y"))
        try await later(12)
        try await event(.pollFailed(.warehouse, message: "no answer within 10s", at: clock.now(), nextAttemptAt: clock.now().addingTimeInterval(20)))
        try await later(40)
        inbox.post(.terminal(.key(.character("q"))))
        _ = await running.value
        return (frames.frames, path, frames.applied)
    }

    /// Plays every line of `path` into a replay-mode runtime and presenter; returns the pane frames.
    private func replay(_ path: String) async throws -> (frames: [String], state: DashboardState, player: ReplayPlayer) {
        let recording = try Recording(path: path)
        let (initial, next) = try recording.start()
        let runtime = Runtime(state: initial, feeds: FeedCatalog(pollers: []), clock: ManualClock(now: start), mode: .replay)
        let player = ReplayPlayer(recording: recording, startingAt: next)
        let terminal = ScriptedTerminal(size: size)
        let presenter = TerminalPresenter(terminal: terminal, settings: settings())
        runtime.attach(presenter)
        let frames = PaneFrames(terminal)
        runtime.subscribe(frames)
        presenter.redraw(runtime)
        frames.runtime(runtime, didApply: .clockTicked(initial.now), changed: true)
        while player.step(runtime) {}
        return (frames.frames, runtime.state, player)
    }

    func testReplayedPanesAreCellForCellWhatTheLiveScreenShowed() async throws {
        let live = try await recordLiveRun()
        let replayed = try await replay(live.path)
        XCTAssertGreaterThan(live.frames.count, 15, "the script changes the screen many times")
        let text = try String(contentsOfFile: live.path, encoding: .utf8)
        XCTAssertTrue(text.contains(#""k":"p""#), "a reading equal to the feed's last one is written as a repeat")
        XCTAssertEqual(replayed.frames.count, live.frames.count, "as many distinct frames replayed as drawn live")
        for (index, (a, b)) in zip(live.frames, replayed.frames).enumerated() where a != b {
            XCTFail("frame \(index) differs:\nlive:\n\(a)\nreplay:\n\(b)")
            break
        }
        let syncOutcomes = replayed.state.timeline.entries.filter { $0.message.contains("not configured") }
        XCTAssertEqual(syncOutcomes.count, 1, "the recorded outcome is replayed; the replayed sync request ran nothing")
    }

    func testKeyframesBoundSeekingAndTheStateAtAnyTimeIsTheLiveOne() async throws {
        let live = try await recordLiveRun(keyframeInterval: 5)
        let recording = try Recording(path: live.path)
        XCTAssertGreaterThan(recording.keyframes.count, 3, "a keyframe every 5 s of a minute's run")
        // Every keyframe equals the state rebuilt from the first keyframe by the reducer.
        for keyframe in recording.keyframes.dropFirst() {
            guard case .keyframe(let recorded) = try recording.entry(keyframe) else { return XCTFail("line \(keyframe) is not a keyframe") }
            var (rebuilt, _) = try recording.start()
            var memory = ReadingMemory()
            for index in (recording.keyframes[0] + 1)..<keyframe {
                let entry = try recording.entry(index)
                if case .keyframe(let state) = entry { rebuilt = state }
                if let event = try recording.resolve(entry, index, &memory) { _ = reduce(&rebuilt, event) }
            }
            XCTAssertEqual(rebuilt, recorded, "keyframe at line \(keyframe + 1)")
        }
        let end = try recording.state(at: recording.span.upperBound)
        XCTAssertEqual(end.nextLine, recording.lineCount)
        XCTAssertEqual(end.state.warehouse.health.lastError, "no answer within 10s")
    }

    func testHeaderSaysWhatTheReplayNeedsAndNoConnectionDetail() async throws {
        let live = try await recordLiveRun()
        let header = try Recording(path: live.path).header
        XCTAssertEqual(header.format, RecordingHeader.currentFormat)
        XCTAssertEqual(header.eltopVersion, EltopVersion.current)
        XCTAssertEqual(header.terminal, size)
        XCTAssertEqual(header.timeZone, "Europe/Paris")
        XCTAssertEqual(header.config.feeds["source"]?.configured, true)
        XCTAssertEqual(header.startedAt, start, "dates are exact: the manual clock's start, to the bit")
        let mode = try FileManager.default.attributesOfItem(atPath: live.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }

    func testATruncatedRecordingReplaysUpToTheCutAndSaysWhere() async throws {
        let live = try await recordLiveRun()
        let data = try Data(contentsOf: URL(fileURLWithPath: live.path))
        let cut = work.appendingPathComponent("cut.jsonl").path
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        let keep = lines.count / 2
        var truncated = Data(lines[0..<keep].joined(separator: [0x0A]))
        truncated.append(0x0A)
        truncated.append(lines[keep].prefix(lines[keep].count / 2))
        try truncated.write(to: URL(fileURLWithPath: cut))

        let recording = try Recording(path: cut)
        XCTAssertEqual(recording.lineCount, keep)
        let problem = try XCTUnwrap(recording.endProblem(stillWritten: false))
        XCTAssertEqual(problem.line, keep + 1)
        XCTAssertTrue(problem.description.contains("cut short"), problem.description)
        XCTAssertTrue(problem.description.contains("replayed up to"), problem.description)
        XCTAssertNil(recording.endProblem(stillWritten: true), "a file still being written just has not got there yet")
        let replayed = try await replay(cut)
        XCTAssertEqual(replayed.player.cursor, keep)
    }

    func testAFileStillBeingWrittenIsFollowedToItsNewEnd() async throws {
        let live = try await recordLiveRun()
        let whole = try Data(contentsOf: URL(fileURLWithPath: live.path))
        let path = work.appendingPathComponent("growing.jsonl").path
        let half = whole.count / 2
        try whole.prefix(half).write(to: URL(fileURLWithPath: path))
        let recording = try Recording(path: path)
        let first = recording.lineCount
        XCTAssertNil(recording.endProblem(stillWritten: true), "half a line being written is not damage")
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: whole.suffix(from: half))
        try handle.close()
        XCTAssertGreaterThan(try recording.refresh(), 0)
        XCTAssertEqual(recording.lineCount, try Recording(path: live.path).lineCount)
        XCTAssertGreaterThan(recording.lineCount, first)
        XCTAssertNil(recording.endProblem(stillWritten: false))
    }

    func testACorruptedLineStopsTheReplayThereAndSaysWhere() async throws {
        let live = try await recordLiveRun()
        var lines = try String(contentsOfFile: live.path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let damaged = lines.count * 2 / 3
        lines[damaged] = lines[damaged].replacingOccurrences(of: "\"v\":{", with: "\"v\":{\"garbage\":")
        let path = work.appendingPathComponent("bad.jsonl").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let replayed = try await replay(path)
        XCTAssertEqual(replayed.player.cursor, damaged, "every line before the damaged one is applied, none after")
        let damage = try XCTUnwrap(replayed.player.recording.damage)
        XCTAssertEqual(damage.line, damaged + 1)
        XCTAssertTrue(replayed.player.status.message?.contains("line \(damaged + 1)") == true, replayed.player.status.message ?? "no message")

        // A prefix that is not eltop's stops the index itself.
        lines[damaged] = "{\"t\":oops"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let indexed = try Recording(path: path)
        XCTAssertEqual(indexed.lineCount, damaged)
        XCTAssertEqual(indexed.damage?.line, damaged + 1)
    }

    func testARecordingOfAnotherFormatIsRefusedWithAClearMessage() throws {
        for format in [0, 2] {
            let path = work.appendingPathComponent("v\(format).jsonl").path
            try #"{"t":1.5,"n":0,"k":"h","v":{"format":\#(format),"eltopVersion":"0.0.9","something":"else"}}"#.appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try Recording(path: path)) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains("eltop 0.0.9") && text.contains("format \(format)") && text.contains("reads format 1 only"), text)
            }
        }
        let notOurs = work.appendingPathComponent("other.jsonl").path
        try "{\"hello\":1}\n".write(toFile: notOurs, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Recording(path: notOurs)) { XCTAssertTrue("\($0)".contains("not an eltop recording"), "\($0)") }
    }

    /// The format, not the version, decides: another eltop's recording in format 1 is read, to the same states.
    func testARecordingOfThisFormatByAnotherEltopIsRead() async throws {
        let live = try await recordLiveRun()
        let text = try String(contentsOfFile: live.path, encoding: .utf8)
        let older = text.replacingOccurrences(of: #""eltopVersion":"\#(EltopVersion.current)""#, with: #""eltopVersion":"0.0.1""#)
        XCTAssertNotEqual(older, text)
        let path = work.appendingPathComponent("older.jsonl").path
        try older.write(toFile: path, atomically: true, encoding: .utf8)
        let recording = try Recording(path: path), original = try Recording(path: live.path)
        XCTAssertEqual(recording.header.eltopVersion, "0.0.1")
        XCTAssertNil(recording.endProblem(stillWritten: false))
        XCTAssertEqual(try recording.state(at: recording.span.upperBound).state, try original.state(at: original.span.upperBound).state)
    }

    func testFilesRotateBySizeAndEachReplaysOnItsOwn() async throws {
        let live = try await recordLiveRun(maxFileBytes: 4_000)
        let files = FileManager.default
        XCTAssertTrue(files.fileExists(atPath: live.path + ".1"), "the recording rotated at 4 kB")
        var segments: [Int] = []
        for path in [live.path + ".2", live.path + ".1", live.path] where files.fileExists(atPath: path) {
            let recording = try Recording(path: path)
            segments.append(recording.header.segment)
            XCTAssertEqual(recording.keyframes.first, 1, "\(path) starts with its own keyframe")
            XCTAssertNil(recording.endProblem(stillWritten: false))
        }
        XCTAssertEqual(segments, segments.sorted())
        XCTAssertGreaterThan(segments.count, 1)
    }

    /// A runtime with a flight recorder on `path` and no presenter, running on a manual clock: what the
    /// recorder's failure tests post events to.
    private func runningRecorder(_ path: String) -> (runtime: Runtime, inbox: RuntimeInbox, running: Task<Void, Never>) {
        let inbox = RuntimeInbox()
        let runtime = Runtime(state: StateFixtures.loading(), feeds: FeedCatalog(pollers: []), clock: ManualClock(now: start), inbox: inbox)
        runtime.subscribe(FlightRecorder(settings: RecorderSettings(path: path, terminal: size, glyphs: "unicode", theme: "default")))
        return (runtime, inbox, Task { await runtime.run() })
    }

    func testAnUnwritablePathIsToldOnceAndTheDashboardGoesOn() async throws {
        let path = work.appendingPathComponent("no-such-dir/rec.jsonl").path
        let (runtime, inbox, running) = runningRecorder(path)
        for _ in 0..<3 { inbox.post(.event(.actionRequested(.focusNext))) }
        let state = try await waitUntil("the failure reaches the timeline", seen: { runtime.state }) { $0.ui.focus == .dbt && !$0.timeline.entries.isEmpty }
        runtime.stop()
        _ = await running.value
        let told = runtime.state.timeline.entries.filter { $0.message.contains("recording to \(path) stopped") }
        XCTAssertEqual(told.count, 1, "told once: \(state.timeline.entries.map(\.message))")
        XCTAssertTrue(told[0].message.contains("does not exist"), told[0].message)
        XCTAssertEqual(runtime.state.ui.focus, .dbt, "the keys went on working")
    }

    /// A write that fails mid-recording, as on a full disk (here a file-size limit, which fails write(2) the
    /// same way and leaves the rest of the machine's disk alone): told once, the keys go on working, and the
    /// part written replays up to where it was cut.
    func testAWriteFailingMidRecordingIsToldOnceAndTheDashboardGoesOn() async throws {
        let path = work.appendingPathComponent("full.jsonl").path
        let (runtime, inbox, running) = runningRecorder(path)
        func fileSize() -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        let started = try await waitUntil("the header and first keyframe are written", seen: { fileSize() }) { $0 > 0 }

        var saved = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved)
        var limited = saved
        limited.rlim_cur = rlim_t(started + 4_000)
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        XCTAssertEqual(setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limited), 0)
        for step in 1...20 {
            inbox.post(.event(.pollSucceeded(.source(StateFixtures.sourceReading(slots: 3, lagBase: Int64(step) * 10_000)), at: start)))
        }
        for _ in 0..<3 { inbox.post(.event(.actionRequested(.focusNext))) }
        let state = try await waitUntil("the failure reaches the timeline", seen: { runtime.state }) { state in
            state.ui.focus == .dbt && state.timeline.entries.contains { $0.message.contains("recording to \(path) stopped") }
        }
        setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved)
        signal(SIGXFSZ, previousHandler)
        runtime.stop()
        _ = await running.value

        let told = state.timeline.entries.filter { $0.message.contains("recording to \(path) stopped") }
        XCTAssertEqual(told.count, 1, "told once: \(state.timeline.entries.map(\.message))")
        XCTAssertTrue(told[0].message.contains("File too large"), told[0].message)
        XCTAssertLessThanOrEqual(fileSize(), started + 4_000)
        let recording = try Recording(path: path)
        XCTAssertGreaterThan(recording.lineCount, 2, "the lines before the failure are whole")
        XCTAssertNotNil(try recording.state(at: recording.span.upperBound).state.source.reading)
        XCTAssertTrue(recording.endProblem(stillWritten: false)?.description.contains("replayed up to") ?? true)
    }

    /// No buffer of eltop's: once an event is applied its line is in the file, whole, while the dashboard
    /// still runs, so a crash of eltop loses nothing it applied.
    func testEachLineIsInTheFileOnceItsEventIsApplied() async throws {
        let path = work.appendingPathComponent("flushed.jsonl").path
        let (runtime, inbox, running) = runningRecorder(path)
        for expected: PaneID in [.airbyte, .warehouse] {
            inbox.post(.event(.actionRequested(.focusNext)))
            _ = try await waitUntil("focus moves to \(expected)", seen: { runtime.state.ui.focus }) { $0 == expected }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertTrue(text.hasSuffix("\n"))
            let last = try XCTUnwrap(text.split(separator: "\n").last)
            let (_, entry) = try RecordLine.decode(Data(last.utf8), decoder: JSONDecoder())
            XCTAssertEqual(entry, .event(.actionRequested(.focusNext)), String(last))
        }
        runtime.stop()
        _ = await running.value
    }

    /// A replay-mode runtime and presenter on `path` with the player's keys and bar, as `eltop replay` wires them.
    private func replaySession(_ path: String, followInterval: Duration = .milliseconds(500)) throws -> (Runtime, ReplayPlayer, ScriptedTerminal) {
        let recording = try Recording(path: path)
        let (initial, next) = try recording.start()
        let runtime = Runtime(state: initial, feeds: FeedCatalog(pollers: []), clock: ManualClock(now: start), mode: .replay)
        let player = ReplayPlayer(recording: recording, startingAt: next, followInterval: followInterval)
        runtime.subscribe(player)
        let terminal = ScriptedTerminal(size: size)
        let presenter = TerminalPresenter(terminal: terminal, settings: settings())
        presenter.keyHandler = { player.handle($0) }
        presenter.decorate = { grid, _ in player.decorate(&grid, theme: .builtIn) }
        runtime.attach(presenter)
        player.runtimeDidStart(runtime)
        presenter.redraw(runtime)
        return (runtime, player, terminal)
    }

    /// Replay's keys (none is a dashboard key, but quit), and its title bar, which shows the recording's clock.
    func testReplayKeysPauseStepChangeSpeedSeekAndJump() async throws {
        let live = try await recordLiveRun()
        let (runtime, player, terminal) = try replaySession(live.path)
        let recording = player.recording
        let zone = recording.header.zone
        let (initial, first) = try recording.start()
        func press(_ keys: Key...) { for key in keys { player.handle(key) } }

        press(.character(" "))
        XCTAssertFalse(player.status.playing)
        XCTAssertEqual(player.cursor, first)
        press(.character("."), .character("."), .character("."))
        XCTAssertEqual(player.cursor, first + 3, "each . applies one line")
        XCTAssertFalse(player.status.playing)
        let title = try XCTUnwrap(terminal.memory.screen?.lines().first)
        let clock = RecordingClock.iso(recording.time(ofLine: player.cursor - 1), zone: zone)
        XCTAssertTrue(title.contains("REPLAY \(clock)"), "the title shows the recording's clock \(clock): \(title)")
        XCTAssertTrue(clock.hasSuffix("+01:00"), "in the recording's zone (Europe/Paris): \(clock)")

        press(.character("+"), .character("+"))
        XCTAssertEqual(player.status.speed, 4)
        press(.character("-"), .character("-"), .character("-"))
        XCTAssertEqual(player.status.speed, 0.5)
        press(.character("-"), .character("-"))
        XCTAssertEqual(player.status.speed, 0.25, "¼× is the slowest")

        press(.character("]"))
        XCTAssertEqual(player.cursor, recording.lineCount)
        XCTAssertEqual(runtime.state, try recording.state(at: recording.span.upperBound).state)
        press(.character("["))
        XCTAssertEqual(player.cursor, first)
        XCTAssertEqual(runtime.state, initial)

        let moment = recording.span.lowerBound.addingTimeInterval(11)
        press(.character("J"))
        for c in RecordingClock.iso(moment, zone: zone) { press(.character(c)) }
        XCTAssertEqual(player.status.jumpInput, RecordingClock.iso(moment, zone: zone))
        press(.enter)
        let expected = try recording.state(at: moment)
        XCTAssertEqual(player.cursor, expected.nextLine)
        XCTAssertEqual(runtime.state, expected.state)
        XCTAssertNil(player.status.jumpInput)

        press(.character("J"), .character("1"), .escape)
        XCTAssertNil(player.status.jumpInput)
        XCTAssertEqual(player.cursor, expected.nextLine, "Esc cancels the jump")
        press(.character("J"), .character("0"), .character("5"), .character(":"), .character("0"), .character("0"), .enter)
        XCTAssertTrue(player.status.message?.contains("spans") == true, player.status.message ?? "no message")

        // The dashboard's keys do nothing to a replay; replay's keys are none of the dashboard's.
        let before = runtime.state
        press(.character("2"), .tab, .character("/"), .enter)
        XCTAssertEqual(runtime.state, before)
        XCTAssertEqual(player.cursor, expected.nextLine)
        for key: Key in [.character(" "), .character("+"), .character("="), .character("-"), .character("."), .character("["), .character("]"), .character("J")] {
            XCTAssertNil(KeyMap.standard.action(for: key, mode: .normal, readOnly: false), "\(key) is also a dashboard key")
        }
        press(.character("q"))
    }

    /// At the end of a file still being written the player keeps reading it, as `tail -f` does.
    func testTheReplayFollowsAFileStillBeingWritten() async throws {
        let live = try await recordLiveRun()
        let whole = try Data(contentsOf: URL(fileURLWithPath: live.path))
        let path = work.appendingPathComponent("growing.jsonl").path
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        let (_, player, _) = try replaySession(path, followInterval: .milliseconds(50))
        for _ in 0..<8 { player.handle(.character("+")) }
        player.handle(.character("]"))
        let half = player.cursor
        XCTAssertEqual(half, player.recording.lineCount)
        XCTAssertTrue(player.status.following)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: whole.suffix(from: whole.count / 2))
        try handle.close()
        let total = try Recording(path: live.path).lineCount
        _ = try await waitUntil("the player reaches the new end", timeout: 20, seen: { () -> Int in
            try? await Task.sleep(for: .milliseconds(20))
            return player.cursor
        }) { $0 == total }
        XCTAssertGreaterThan(total, half)
        XCTAssertTrue(player.status.following)
        player.handle(.character("q"))
    }

    func testHandWrittenTicksAndRepeatsDecodeExactlyAsTheEncodersDo() throws {
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        for seconds in [817_864_679.855_697_3, 0, -1.5, 1e-9, 978_307_200.000_001, Double.ulpOfOne, 12_345_678_901.25] {
            let at = Date(timeIntervalSinceReferenceDate: seconds)
            for entry in [RecordEntry.event(.clockTicked(at)), .repeatedReading(.dbt, at: at)] {
                let line = try RecordLine.encode(entry, at: at, number: 7, encoder: encoder)
                let (prefix, decoded) = try RecordLine.decode(line.dropLast(), decoder: decoder)
                XCTAssertEqual(decoded, entry, String(decoding: line, as: UTF8.self))
                XCTAssertEqual(prefix.time, at)
            }
            let byEncoder = try encoder.encode(Event.clockTicked(at))
            let handWritten = try RecordLine.encode(.event(.clockTicked(at)), at: at, number: 0, encoder: encoder)
            let body = handWritten.subdata(in: RecordLine.prefix([UInt8](handWritten.dropLast()))!.bodyOffset..<(handWritten.count - 2))
            XCTAssertEqual(try decoder.decode(Event.self, from: body), try decoder.decode(Event.self, from: byEncoder))
        }
    }

    func testTimesAreReadInTheRecordingsZoneAndAmbiguityNamesTheSpan() throws {
        let paris = TimeZone(identifier: "Europe/Paris")!
        let from = try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-12-01T22:30:00Z"))  // 23:30 in Paris
        let span = from...from.addingTimeInterval(26 * 3600)
        XCTAssertEqual(try RecordingClock.parse("2026-12-02T03:00:00+01:00", span: span, zone: paris), from.addingTimeInterval(3.5 * 3600))
        XCTAssertEqual(try RecordingClock.parse("2026-12-02T03:00", span: span, zone: paris), from.addingTimeInterval(3.5 * 3600))
        XCTAssertEqual(try RecordingClock.parse("23:00", span: span, zone: paris), from.addingTimeInterval(23.5 * 3600), "only the second evening is in the span")
        XCTAssertThrowsError(try RecordingClock.parse("23:45:10", span: span, zone: paris)) {
            XCTAssertTrue("\($0)".contains("ambiguous") && "\($0)".contains("2026-12-01T23:30:00+01:00 to 2026-12-03T01:30:00+01:00"), "\($0)")
        }
        XCTAssertThrowsError(try RecordingClock.parse("2026-11-30T10:00:00Z", span: span, zone: paris)) {
            XCTAssertTrue("\($0)".contains("outside the recording, which spans 2026-12-01T23:30"), "\($0)")
        }
        XCTAssertThrowsError(try RecordingClock.parse("25:00", span: span, zone: paris)) { XCTAssertTrue("\($0)".contains("not a time"), "\($0)") }
    }
}
