import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// Every pane in every phase, drawn into the in-memory grid and compared with golden text files
/// (Snapshots/dashboard-PHASE-COLSxROWS.txt). Re-record with ELTOP_RECORD_SNAPSHOTS=1.
final class DashboardGoldenTests: XCTestCase {
    private let sizes = [Size(cols: 80, rows: 24), Size(cols: 160, rows: 48)]

    private func assertGolden(_ state: DashboardState, _ name: String, glyphs: Glyphs = .unicode, file: StaticString = #filePath, line: UInt = #line) {
        for size in sizes {
            let grid = render(state, size: size, theme: .builtIn, glyphs: glyphs, timeZone: TimeZone(identifier: "UTC")!)
            if let failure = Golden.check(grid, name: "\(name)-\(size.cols)x\(size.rows)") {
                XCTFail(failure, file: file, line: line)
            }
        }
    }

    func testUnconfigured() { assertGolden(StateFixtures.unconfigured(), "dashboard-unconfigured") }
    func testLoading() { assertGolden(StateFixtures.loading(), "dashboard-loading") }
    func testOk() { assertGolden(StateFixtures.ok(events: 6), "dashboard-ok") }
    func testStale() { assertGolden(StateFixtures.stale(), "dashboard-stale") }
    func testError() { assertGolden(StateFixtures.failing(), "dashboard-error") }

    /// Each pane empty, stale, failing and busy where the panes have room for charts and history too.
    func testEveryPhaseAt200x50AndBusyAt80x24() {
        let phases: [(String, DashboardState)] = [
            ("unconfigured", StateFixtures.unconfigured()), ("loading", StateFixtures.loading()), ("ok", StateFixtures.ok(events: 6)),
            ("stale", StateFixtures.stale()), ("error", StateFixtures.failing()), ("busy", StateFixtures.busy()),
        ]
        for (name, state) in phases {
            for size in [Size(cols: 200, rows: 50)] + (name == "busy" ? [Size(cols: 80, rows: 24)] : []) {
                let grid = render(state, size: size, theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
                if let failure = Golden.check(grid, name: "dashboard-\(name)-\(size.cols)x\(size.rows)") { XCTFail(failure) }
            }
        }
    }

    func testHelpOverlay() {
        var state = StateFixtures.ok()
        _ = reduce(&state, .actionRequested(.toggleHelp))
        assertGolden(state, "dashboard-help")
    }

    func testHelpOverlayReadOnlyHidesActionsThatChangeThings() {
        var state = StateFixtures.ok()
        state.ui.readOnly = true
        _ = reduce(&state, .actionRequested(.toggleHelp))
        assertGolden(state, "dashboard-help-read-only")
    }

    func testDetailViewOfTheFocusedPane() {
        var state = StateFixtures.ok()
        _ = reduce(&state, .actionRequested(.focus(.dbt)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        _ = reduce(&state, .actionRequested(.openDetail))
        assertGolden(state, "dashboard-detail-dbt")
    }

    func testFilterBeingTyped() {
        var state = StateFixtures.ok(tables: 8)
        _ = reduce(&state, .actionRequested(.focus(.warehouse)))
        _ = reduce(&state, .actionRequested(.beginFilter))
        for c in "film" { _ = reduce(&state, .actionRequested(.filterInput(c))) }
        assertGolden(state, "dashboard-filter")
    }

    func testConfirmPrompt() {
        var state = StateFixtures.ok()
        state.requestConfirmation(ConfirmPrompt(question: "Start a sync of dvdrental → snowflake?", effect: .refresh([.airbyte]), actionName: "sync"))
        assertGolden(state, "dashboard-confirm")
    }

    func testASCIIGlyphs() {
        assertGolden(StateFixtures.ok(), "dashboard-ascii", glyphs: .ascii)
    }

    func testBelowMinimumSizeShowsOnlyTheFocusedPane() {
        var state = StateFixtures.ok()
        _ = reduce(&state, .actionRequested(.focus(.source)))
        let grid = render(state, size: Size(cols: 50, rows: 12), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
        if let failure = Golden.check(grid, name: "dashboard-single-pane-50x12") { XCTFail(failure) }
    }

    /// The renderer is pure: the same state gives the same frame, so an idle terminal writes nothing.
    func testUnchangedStateWritesNothing() {
        let state = StateFixtures.ok()
        let terminal = MemoryTerminal(size: Size(cols: 120, rows: 40))
        terminal.present(render(state, size: terminal.size, theme: .builtIn))
        let first = terminal.cellsWritten
        XCTAssertEqual(first, 120 * 40)
        terminal.present(render(state, size: terminal.size, theme: .builtIn))
        XCTAssertEqual(terminal.cellsWritten, first, "an equal frame must write no cell")
    }

    /// A fresh badge's age moves only at its coarse step: a second within the step writes nothing, and
    /// crossing it ("<10s" → "10s") rewrites only the age cells, not the whole frame.
    func testClockTickRewritesOnlyAgeCellsAndOnlyAtAStep() {
        var state = StateFixtures.ok()
        let terminal = MemoryTerminal(size: Size(cols: 120, rows: 40))
        terminal.present(render(state, size: terminal.size, theme: .builtIn))
        let before = terminal.cellsWritten
        _ = reduce(&state, .clockTicked(state.now.addingTimeInterval(1)))
        terminal.present(render(state, size: terminal.size, theme: .builtIn))
        XCTAssertEqual(terminal.cellsWritten, before, "3 s old still shows \"<10s\": nothing to write")
        _ = reduce(&state, .clockTicked(StateFixtures.now.addingTimeInterval(8)))
        terminal.present(render(state, size: terminal.size, theme: .builtIn))
        let written = terminal.cellsWritten - before
        XCTAssertGreaterThan(written, 0, "10 s old shows \"10s\"")
        XCTAssertLessThan(written, 40, "a step should rewrite a few age cells, not \(written)")
    }
}

/// The detail view scrolls through text taller than the pane, and says so.
final class DetailScrollRenderTests: XCTestCase {
    func testLimitIsTheWrappedRowsBeyondThePane() {
        var state = StateFixtures.ok()
        _ = reduce(&state, .actionRequested(.focus(.dbt)))
        _ = reduce(&state, .actionRequested(.openDetail))
        let small = detailScrollLimit(state, size: Size(cols: 40, rows: 10))
        let large = detailScrollLimit(state, size: Size(cols: 160, rows: 48))
        XCTAssertGreaterThan(small, 0, "a 40x10 screen cannot show the whole detail")
        XCTAssertEqual(large, 0)
        _ = reduce(&state, .actionRequested(.back))
        XCTAssertEqual(detailScrollLimit(state, size: Size(cols: 40, rows: 10)), 0, "no detail open, nothing to scroll")
    }

    func testScrolledDetailGolden() {
        var state = StateFixtures.ok()
        _ = reduce(&state, .actionRequested(.focus(.dbt)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        _ = reduce(&state, .actionRequested(.openDetail))
        let size = Size(cols: 50, rows: 12)
        _ = reduce(&state, .detailMeasured(scrollLimit: detailScrollLimit(state, size: size)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        _ = reduce(&state, .actionRequested(.scroll(.down)))
        let grid = render(state, size: size, theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
        if let failure = Golden.check(grid, name: "dashboard-detail-scrolled-50x12") { XCTFail(failure) }
    }
}
