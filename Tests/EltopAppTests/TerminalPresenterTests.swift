import EltopApp
import EltopConfig
import EltopCore
import EltopTerminal
import EltopPollers
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// The dashboard on the runtime, drawn into memory: keys in, frames out, nothing drawn twice.
@MainActor
final class TerminalPresenterTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_750_000_000)
    private var terminal: ScriptedTerminal!
    private var clock: ManualClock!
    private var inbox: RuntimeInbox!
    private var runtime: Runtime!
    private var presenter: TerminalPresenter!
    private var running: Task<RuntimeExit, Never>!

    /// Starts a runtime on `state` (the unconfigured initial state by default) with `pollers`, and waits
    /// for its first frame.
    private func startRuntime(_ state: DashboardState? = nil, pollers: [Poller] = [], keyMap: KeyMap = .standard) async throws {
        terminal = ScriptedTerminal(size: Size(cols: 100, rows: 30))
        clock = ManualClock(now: start)
        inbox = RuntimeInbox()
        runtime = Runtime(
            state: state ?? makeInitialState(now: start, options: AppOptions(), config: Config()),
            feeds: FeedCatalog(pollers: pollers, schedules: [.source: PollSchedule(intervalSeconds: 600, timeoutSeconds: 5)]), clock: clock, inbox: inbox)
        presenter = TerminalPresenter(terminal: terminal, settings: PresenterSettings(theme: .builtIn, glyphs: .unicode, keyMap: keyMap, timeZone: TimeZone(identifier: "UTC")!))
        runtime.attach(presenter)
        let runtime = self.runtime!
        running = Task { await runtime.run() }
        let terminal = self.terminal!
        _ = try await waitUntil("the first frame is drawn", seen: { terminal.memory.framesPresented }) { $0 >= 1 }
    }

    private func press(_ character: Character) { inbox.post(.terminal(.key(.character(character)))) }

    private func screen(shows text: String, _ what: String) async throws {
        let terminal = self.terminal!
        _ = try await waitUntil(what, seen: { terminal.screenText }) { $0.contains(text) }
    }

    func testQuitKeyEndsTheRuntimeWithStatusZero() async throws {
        try await startRuntime()
        press("q")
        let exit = await running.value
        XCTAssertEqual(exit, .quit)
        XCTAssertEqual(exit.status, 0)
    }

    func testCtrlCIsAQuitKeyNotASignal() async throws {
        try await startRuntime()
        inbox.post(.terminal(.key(.control("c"))))
        let exit = await running.value
        XCTAssertEqual(exit.status, 0)
    }

    func testShutdownSignalsExitWith128PlusTheSignal() async throws {
        for (signo, status) in [(SIGHUP, Int32(129)), (SIGINT, 130), (SIGTERM, 143)] {
            try await startRuntime()
            inbox.post(.signal(signo))
            let exit = await running.value
            XCTAssertEqual(exit, .signal(signo))
            XCTAssertEqual(exit.status, status)
        }
    }

    func testFirstFrameShowsEveryAreaUnconfigured() async throws {
        try await startRuntime()
        let screen = terminal.screenText
        for title in ["Source", "Airbyte", "Warehouse", "dbt", "Timeline"] {
            XCTAssertTrue(screen.contains(title), "\(title) missing")
        }
        XCTAssertTrue(screen.contains("ELTOP_SOURCE_URL"), "the source pane says what to set")
        XCTAssertEqual(runtime.state.ui.size, Size(cols: 100, rows: 30), "the runtime learns the real size before the first frame")
        press("q")
        _ = await running.value
    }

    func testHelpOpensOnQuestionMarkAndClosesOnEscape() async throws {
        try await startRuntime()
        press("?")
        try await screen(shows: "Help · Esc closes", "help shows")
        inbox.post(.terminal(.key(.escape)))
        let terminal = self.terminal!
        _ = try await waitUntil("help closes", seen: { terminal.screenText }) { !$0.contains("Help · Esc closes") }
        press("q")
        _ = await running.value
    }

    /// Nothing configured, so no deadline moves the clock; a key pressed 90 s later is applied at that
    /// time, so what it logs carries that time.
    func testAKeyIsAppliedAtTheTimeItCameNotAtTheLastDeadline() async throws {
        try await startRuntime()
        XCTAssertEqual(runtime.state.now, start)
        clock.advance(by: 90)
        press("?")
        try await screen(shows: "Help · Esc closes", "help shows")
        XCTAssertEqual(runtime.state.now, start.addingTimeInterval(90))
        inbox.post(.terminal(.key(.control("c"))))
        _ = await running.value
    }

    /// While an earlier frame has not reached the terminal, nothing is drawn, not even a key's frame;
    /// once it has, one frame shows the newest state.
    func testNothingIsDrawnWhileEarlierOutputIsUndeliveredThenTheNewestStateOnce() async throws {
        try await startRuntime()
        let framesBefore = terminal.memory.framesPresented
        terminal.undelivered = true
        press("2")
        press("?")
        let runtime = self.runtime!
        _ = try await waitUntil("both keys are applied", seen: { (runtime.state.ui.helpVisible, runtime.state.ui.focus) }) { $0 == (true, .airbyte) }
        XCTAssertEqual(terminal.memory.framesPresented, framesBefore, "nothing drawn while undelivered")
        terminal.deliver()
        try await screen(shows: "Help · Esc closes", "the newest state is drawn once delivered")
        XCTAssertEqual(terminal.memory.framesPresented, framesBefore + 1)
        inbox.post(.terminal(.key(.control("c"))))
        _ = await running.value
    }

    func testKeysWaitingOnTheTerminalAreReadAndTheWatcherRearmed() async throws {
        try await startRuntime()
        var drained = 0
        presenter.onInputDrained = { drained += 1 }
        terminal.pendingInput = [.key(.tab), .key(.enter)]
        inbox.post(.terminal(.inputReady))
        try await screen(shows: "2 Airbyte · connections · detail", "the detail of the second pane shows")
        XCTAssertEqual(drained, 1)
        terminal.pendingInput = [.key(.character("q"))]
        inbox.post(.terminal(.inputReady))
        let exit = await running.value
        XCTAssertEqual(exit, .quit)
    }

    func testAKeyIsDrawnAtOnceWhateverTheFramePacing() async throws {
        try await startRuntime()
        let terminal = self.terminal!
        // Two keys in a row, well inside one frame interval: each gets its own frame, none waits.
        let frames = terminal.memory.framesPresented
        press("?")
        inbox.post(.terminal(.key(.escape)))
        _ = try await waitUntil("both keys are drawn", seen: { terminal.memory.framesPresented }) { $0 >= frames + 2 }
        XCTAssertFalse(terminal.screenText.contains("Help · Esc closes"))
        press("q")
        _ = await running.value
    }

    func testAnEventThatChangesNothingDrawsNoFrame() async throws {
        try await startRuntime()
        let terminal = self.terminal!
        let frames = terminal.memory.framesPresented
        // The time it already is: the reducer leaves the state alone. A key after it proves the input was handled.
        inbox.post(.event(.clockTicked(start)))
        press("?")
        try await screen(shows: "Help · Esc closes", "help shows")
        XCTAssertEqual(terminal.memory.framesPresented, frames + 1, "only the key drew a frame")
        runtime.stop()
        _ = await running.value
    }

    func testResizeAdoptsTheNewSizeAndRepaintsWhole() async throws {
        try await startRuntime()
        terminal.windowSize = Size(cols: 80, rows: 24)
        let written = terminal.memory.cellsWritten
        inbox.post(.terminal(.windowResized))
        let terminal = self.terminal!
        _ = try await waitUntil("a frame at 80x24 is drawn", seen: { terminal.memory.screen?.size }) { $0 == Size(cols: 80, rows: 24) }
        XCTAssertEqual(terminal.memory.cellsWritten - written, 80 * 24, "a resize repaints every cell once")
        XCTAssertEqual(runtime.state.ui.size, Size(cols: 80, rows: 24))
        press("q")
        _ = await running.value
    }

    func testRefreshKeyPollsAgainWithoutWaitingForTheInterval() async throws {
        var state = makeInitialState(now: start, options: AppOptions(), config: Config())
        state.source.health.configured = true
        let poller = CountingPoller(feed: .source)
        try await startRuntime(state, pollers: [poller])
        try await screen(shows: "poll 1 refused", "the first poll's error shows")
        press("r")
        try await screen(shows: "poll 2 refused", "the refresh's poll shows")
        XCTAssertEqual(clock.now(), start, "the clock never moved: the 600 s interval did not pass")
        press("q")
        _ = await running.value
    }

    func testEventsReachTheStateAndTheScreen() async throws {
        var state = makeInitialState(now: start, options: AppOptions(), config: Config())
        state.source.health.configured = true
        try await startRuntime(state)
        inbox.post(.event(.pollFailed(.source, message: "connection refused", at: start, nextAttemptAt: nil)))
        try await screen(shows: "connection refused", "the error shows")
        XCTAssertEqual(runtime.state.source.health.lastError, "connection refused")
        press("q")
        _ = await running.value
    }

    func testAKeyDisabledByReadOnlySaysSoAndDoesNothing() async throws {
        var keyMap = KeyMap.standard
        keyMap.normal.append(Binding([.character("s")], .refreshNow, help: "sync everything", group: "Actions", changesSomething: true))
        var state = makeInitialState(now: start, options: AppOptions(readOnly: true), config: Config())
        state.source.health.configured = true
        let poller = CountingPoller(feed: .source)
        try await startRuntime(state, pollers: [poller], keyMap: keyMap)
        try await screen(shows: "poll 1 refused", "the first poll's error shows")
        press("s")
        try await screen(shows: "disabled by --read-only", "the notice shows")
        press("q")
        _ = await running.value
        XCTAssertEqual(poller.polls, 1, "a read-only key must not poll")
    }
}
