import EltopApp
import EltopConfig
import EltopCore
import EltopTerminal
import EltopUI
import Foundation
import XCTest

@MainActor
final class AppLoopTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_750_000_000)
    private var terminal: ScriptedTerminal!
    private var runner: RecordingRunner!
    private var inbox: LoopInbox!
    private var store: Store!
    private var loop: AppLoop!
    private var running: Task<LoopExit, Never>!

    /// Starts a loop on `state` (the unconfigured initial state by default) and waits for its first frame.
    private func startLoop(_ state: DashboardState? = nil, keyMap: KeyMap = .standard) async {
        terminal = ScriptedTerminal(size: Size(cols: 100, rows: 30))
        runner = RecordingRunner()
        inbox = LoopInbox()
        store = Store(state ?? makeInitialState(now: start, options: AppOptions(), config: Config()))
        loop = AppLoop(
            store: store, terminal: terminal, runner: runner,
            settings: LoopSettings(theme: .builtIn, glyphs: .unicode, keyMap: keyMap, timeZone: TimeZone(identifier: "UTC")!, ticksClock: false),
            inbox: inbox)
        let loop = self.loop!
        running = Task { await loop.run() }
        await waitUntil("the first frame is drawn") { terminal.memory.framesPresented >= 1 }
    }

    private func press(_ character: Character) { inbox.post(.key(.character(character))) }

    func testQuitKeyEndsTheLoopWithStatusZeroAndStopsTheRunner() async {
        await startLoop()
        XCTAssertTrue(runner.started)
        press("q")
        let exit = await running.value
        XCTAssertEqual(exit, .quit)
        XCTAssertEqual(exit.status, 0)
        XCTAssertTrue(runner.stopped)
    }

    func testCtrlCIsAQuitKeyNotASignal() async {
        await startLoop()
        inbox.post(.key(.control("c")))
        let exit = await running.value
        XCTAssertEqual(exit.status, 0)
    }

    func testShutdownSignalsExitWith128PlusTheSignal() async {
        for (signo, status) in [(SIGHUP, Int32(129)), (SIGINT, 130), (SIGTERM, 143)] {
            await startLoop()
            inbox.post(.signal(signo))
            let exit = await running.value
            XCTAssertEqual(exit, .signal(signo))
            XCTAssertEqual(exit.status, status)
            XCTAssertTrue(runner.stopped, "signal \(signo) skipped the normal shutdown")
        }
    }

    func testFirstFrameShowsEveryAreaUnconfigured() async {
        await startLoop()
        let screen = terminal.screenText
        for title in ["Source", "Airbyte", "Warehouse", "dbt", "Timeline"] {
            XCTAssertTrue(screen.contains(title), "\(title) missing")
        }
        XCTAssertTrue(screen.contains("ELTOP_SOURCE_URL"), "the source pane says what to set")
        let size = await store.state.ui.size
        XCTAssertEqual(size, Size(cols: 100, rows: 30), "the store learns the real size before the first frame")
        press("q")
        _ = await running.value
    }

    func testHelpOpensOnQuestionMarkAndClosesOnEscape() async {
        await startLoop()
        press("?")
        await waitUntil("help shows") { terminal.screenText.contains("Help · Esc closes") }
        inbox.post(.key(.escape))
        await waitUntil("help closes") { !terminal.screenText.contains("Help · Esc closes") }
        press("q")
        _ = await running.value
    }

    func testKeysWaitingOnTheTerminalAreReadAndTheWatcherRearmed() async {
        await startLoop()
        var drained = 0
        loop.onInputDrained = { drained += 1 }
        terminal.pendingInput = [.key(.tab), .key(.enter)]
        inbox.post(.inputReady)
        await waitUntil("the detail of the second pane shows") { terminal.screenText.contains("2 Airbyte · connections · detail") }
        XCTAssertEqual(drained, 1)
        terminal.pendingInput = [.key(.character("q"))]
        inbox.post(.inputReady)
        let exit = await running.value
        XCTAssertEqual(exit, .quit)
    }

    func testAClockTickThatChangesNothingVisibleWritesNothing() async {
        await startLoop()
        let written = terminal.memory.cellsWritten
        let frames = terminal.memory.framesPresented
        inbox.post(.event(.clockTicked(start.addingTimeInterval(1))))
        await waitUntil("the tick's state is drawn") { terminal.memory.framesPresented > frames }
        XCTAssertEqual(terminal.memory.cellsWritten, written, "an idle second must not write a cell")
        press("q")
        _ = await running.value
    }

    func testResizeAdoptsTheNewSizeAndRepaintsWhole() async {
        await startLoop()
        terminal.windowSize = Size(cols: 80, rows: 24)
        let written = terminal.memory.cellsWritten
        inbox.post(.windowResized)
        await waitUntil("a frame at 80x24 is drawn") { terminal.memory.screen?.size == Size(cols: 80, rows: 24) }
        XCTAssertEqual(terminal.memory.cellsWritten - written, 80 * 24, "a resize repaints every cell once")
        let size = await store.state.ui.size
        XCTAssertEqual(size, Size(cols: 80, rows: 24))
        press("q")
        _ = await running.value
    }

    func testRefreshKeyHandsTheEffectToTheRunner() async {
        var state = makeInitialState(now: start, options: AppOptions(), config: Config())
        state.source.health.configured = true
        await startLoop(state)
        press("r")
        press("q")
        _ = await running.value
        XCTAssertEqual(runner.effects, [.refresh([.source])])
    }

    func testEventsFromTheRunnerReachTheStoreAndTheScreen() async {
        var state = makeInitialState(now: start, options: AppOptions(), config: Config())
        state.source.health.configured = true
        await startLoop(state)
        runner.send(.pollFailed(.source, message: "connection refused", at: start, nextAttemptAt: nil))
        await waitUntil("the error shows") { terminal.screenText.contains("connection refused") }
        press("q")
        _ = await running.value
    }

    func testAKeyDisabledByReadOnlySaysSoAndDoesNothing() async {
        var keyMap = KeyMap.standard
        keyMap.normal.append(Binding([.character("s")], .refreshNow, help: "sync everything", group: "Actions", changesSomething: true))
        var state = makeInitialState(now: start, options: AppOptions(readOnly: true), config: Config())
        state.source.health.configured = true
        await startLoop(state, keyMap: keyMap)
        press("s")
        await waitUntil("the notice shows") { terminal.screenText.contains("disabled by --read-only") }
        press("q")
        _ = await running.value
        XCTAssertEqual(runner.effects, [], "a read-only key must not reach the runner")
    }
}
