import EltopCore
import EltopTestSupport
import XCTest

/// Keys as the reducer sees them: focus, selection, filter, help, detail, confirmation, read-only.
final class UIReducerTests: XCTestCase {
    private func send(_ state: inout DashboardState, _ actions: Action...) -> [Effect] {
        actions.flatMap { reduce(&state, .actionRequested($0)) }
    }

    func testTabCyclesThroughFivePanesBothWays() {
        var state = StateFixtures.ok()
        var seen: [PaneID] = []
        for _ in 0..<5 {
            _ = send(&state, .focusNext)
            seen.append(state.ui.focus)
        }
        XCTAssertEqual(seen, [.airbyte, .warehouse, .dbt, .timeline, .source])
        _ = send(&state, .focusPrevious)
        XCTAssertEqual(state.ui.focus, .timeline)
        _ = send(&state, .focus(.dbt))
        XCTAssertEqual(state.ui.focus, .dbt)
    }

    func testSelectionIsClampedToTheRows() {
        var state = StateFixtures.ok(nodes: 5)
        _ = send(&state, .focus(.dbt), .scroll(.up))
        XCTAssertEqual(state.selectedIndex(.dbt), 0)
        _ = send(&state, .scroll(.end))
        XCTAssertEqual(state.selectedIndex(.dbt), 4)
        _ = send(&state, .scroll(.pageDown), .scroll(.down))
        XCTAssertEqual(state.selectedIndex(.dbt), 4)
        _ = send(&state, .scroll(.home))
        XCTAssertEqual(state.selectedIndex(.dbt), 0)
    }

    func testFilterNarrowsTheListAndEscClearsIt() {
        var state = StateFixtures.ok(tables: 8)
        _ = send(&state, .focus(.warehouse), .scroll(.end), .beginFilter)
        XCTAssertEqual(state.ui.mode, .filter)
        for c in "FILM" { _ = send(&state, .filterInput(c)) }
        XCTAssertEqual(state.visibleWarehousePairs.map(\.name), ["film"], "case-insensitive; film and stg_film are one pair")
        XCTAssertEqual(state.selectedIndex(.warehouse), 0, "selection clamped into the filtered rows")
        _ = send(&state, .filterDeleteBackward, .filterCommit)
        XCTAssertEqual(state.ui.filter(.warehouse), "FIL")
        XCTAssertEqual(state.ui.mode, .normal)
        _ = send(&state, .back)
        XCTAssertEqual(state.ui.filter(.warehouse), "", "Esc drops a kept filter last")
    }

    func testEscClosesTheInnermostThingFirst() {
        var state = StateFixtures.ok()
        _ = send(&state, .openDetail, .toggleHelp)
        _ = send(&state, .back)
        XCTAssertFalse(state.ui.helpVisible)
        XCTAssertTrue(state.ui.detailVisible)
        _ = send(&state, .back)
        XCTAssertFalse(state.ui.detailVisible)
    }

    func testConfirmYesRunsTheEffectAndLogsIt() {
        var state = StateFixtures.ok()
        state.requestConfirmation(ConfirmPrompt(question: "Refresh?", effect: .refresh([.dbt]), actionName: "refresh dbt"))
        XCTAssertEqual(state.ui.mode, .confirm)
        XCTAssertEqual(send(&state, .confirmYes), [.refresh([.dbt])])
        XCTAssertNil(state.ui.prompt)
        XCTAssertEqual(state.timeline.entries.first?.message, "refresh dbt: confirmed")
    }

    func testConfirmNoAndEscRunNothing() {
        var state = StateFixtures.ok()
        state.requestConfirmation(ConfirmPrompt(question: "Refresh?", effect: .refresh([.dbt]), actionName: "refresh dbt"))
        XCTAssertEqual(send(&state, .back), [])
        XCTAssertEqual(state.timeline.entries.first?.message, "refresh dbt: declined")
        XCTAssertEqual(send(&state, .confirmYes), [], "no prompt, nothing to confirm")
    }

    func testReadOnlyRefusesWithANoticeAndNoPrompt() {
        var state = StateFixtures.ok()
        state.ui.readOnly = true
        state.requestConfirmation(ConfirmPrompt(question: "Sync?", effect: .refresh([.airbyte]), actionName: "sync"))
        XCTAssertNil(state.ui.prompt)
        XCTAssertEqual(state.ui.notice, "sync is disabled by --read-only")
        XCTAssertEqual(state.timeline.entries.first?.message, "sync: refused (read-only)")
    }

    func testRefreshAsksForConfiguredFeedsOnly() {
        var state = StateFixtures.unconfigured()
        XCTAssertEqual(send(&state, .refreshNow), [])
        state.updateHealth(.dbt) { $0.configured = true }
        XCTAssertEqual(send(&state, .refreshNow), [.refresh([.dbt])])
    }

    func testQuit() {
        var state = StateFixtures.ok()
        XCTAssertEqual(send(&state, .quit), [.quit])
        XCTAssertTrue(state.ui.quitting)
    }
}

/// In the detail view the scroll keys move the text within the measured limit, and the limit
/// follows what the runtime measured.
final class DetailScrollTests: XCTestCase {
    func testScrollStaysWithinTheMeasuredLimit() {
        var state = StateFixtures.ok()
        _ = reduce(&state, .actionRequested(.openDetail))
        _ = reduce(&state, .detailMeasured(scrollLimit: 5))
        for _ in 0..<9 { _ = reduce(&state, .actionRequested(.scroll(.down))) }
        XCTAssertEqual(state.ui.detailScroll, 5, "presses past the bottom do not pile up")
        _ = reduce(&state, .actionRequested(.scroll(.up)))
        XCTAssertEqual(state.ui.detailScroll, 4)
        _ = reduce(&state, .actionRequested(.scroll(.home)))
        XCTAssertEqual(state.ui.detailScroll, 0)
        _ = reduce(&state, .actionRequested(.scroll(.end)))
        XCTAssertEqual(state.ui.detailScroll, 5)
        _ = reduce(&state, .detailMeasured(scrollLimit: 2))
        XCTAssertEqual(state.ui.detailScroll, 2, "a resize that shortens the text pulls the offset back")
        XCTAssertEqual(state.selectedIndex(.source), 0, "the selection did not move")
        _ = reduce(&state, .actionRequested(.back))
        XCTAssertEqual(state.ui.detailScroll, 0)
    }
}
