import EltopCore
import EltopTestSupport
import EltopUI
import XCTest

/// `--mouse`: where a click or wheel turn lands, through the layout the frame is drawn with.
final class MouseDispatchTests: XCTestCase {
    private func state(_ size: Size = Size(cols: 100, rows: 30)) -> DashboardState {
        var state = StateFixtures.ok()
        _ = reduce(&state, .terminalResized(size))
        return state
    }

    func testAPressFocusesThePaneUnderThePointerAndTheWheelScrollsIt() {
        let state = state()
        let layout = DashboardLayout(size: state.ui.size, focus: state.ui.focus, detail: false)
        let dbt = layout.panes[.dbt]!
        XCTAssertEqual(MouseDispatch.actions(for: MouseInput(x: dbt.x + 3, y: dbt.y + 2, button: .press), state: state), [.focus(.dbt)])
        XCTAssertEqual(MouseDispatch.actions(for: MouseInput(x: dbt.maxX - 1, y: dbt.maxY - 1, button: .wheelDown), state: state), [.focus(.dbt), .scroll(.down)])
        let source = layout.panes[.source]!
        XCTAssertEqual(MouseDispatch.actions(for: MouseInput(x: source.x, y: source.y, button: .wheelUp), state: state), [.scroll(.up)], "already focused")
        XCTAssertEqual(MouseDispatch.actions(for: MouseInput(x: 5, y: 0, button: .press), state: state), [], "the title bar is no pane")
        XCTAssertEqual(MouseDispatch.actions(for: MouseInput(x: 5, y: 29, button: .press), state: state), [], "nor is the key-hint bar")
    }

    func testTheWheelThroughTheReducerMovesTheSelectionOfThePaneItLandsOn() {
        var state = state()
        let airbyte = DashboardLayout(size: state.ui.size, focus: .source, detail: false).panes[.airbyte]!
        for action in MouseDispatch.actions(for: MouseInput(x: airbyte.x + 1, y: airbyte.y + 1, button: .wheelDown), state: state) {
            _ = reduce(&state, .actionRequested(action))
        }
        XCTAssertEqual(state.ui.focus, .airbyte)
        XCTAssertEqual(state.selectedIndex(.airbyte), 1)
    }

    func testHelpAPromptOrATypedFilterIgnoreTheMouse() {
        for action: Action in [.toggleHelp, .beginFilter] {
            var state = state()
            _ = reduce(&state, .actionRequested(action))
            XCTAssertEqual(MouseDispatch.actions(for: MouseInput(x: 70, y: 20, button: .press), state: state), [], "\(action)")
        }
    }
}
