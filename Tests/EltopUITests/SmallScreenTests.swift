import EltopCore
import XCTest

@testable import EltopUI

/// The fixes made while looking at the real screen at 80×24: nothing may be cut mid-word or left out.
final class SmallScreenTests: XCTestCase {
    private func state(focus: PaneID = .source, help: Bool = false, readOnly: Bool = false) -> DashboardState {
        func unconfigured() -> FeedHealth { FeedHealth(configured: false, configureHint: "Set X", pollInterval: 5) }
        var state = DashboardState(
            now: Date(timeIntervalSince1970: 0), source: SourceState(health: unconfigured()), airbyte: AirbyteState(health: unconfigured()),
            warehouse: WarehouseState(health: unconfigured()), dbt: DbtState(health: unconfigured()))
        state.ui.focus = focus
        state.ui.helpVisible = help
        state.ui.readOnly = readOnly
        return state
    }

    private func frame(_ state: DashboardState, _ cols: Int = 80, _ rows: Int = 24) -> Grid {
        render(state, size: Size(cols: cols, rows: rows), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
    }

    func testWritingWithTheDefaultWidthAwayFromTheLeftEdgeDoesNotOverflow() {
        var grid = Grid(size: Size(cols: 10, rows: 1), style: Theme.builtIn.style(.text))
        XCTAssertEqual(grid.write("abcdefgh", x: 5, y: 0, style: Theme.builtIn.style(.text)), 5)
        XCTAssertEqual(grid.lines(), ["     abcde"])
    }

    func testNarrowPaneTitlesDropTheirSubtitleInsteadOfCuttingIt() {
        XCTAssertEqual(Box.fitTitle("1 Source · replication slots", 12, ellipsis: "…"), "1 Source")
        XCTAssertEqual(Box.fitTitle("1 Source · replication slots", 40, ellipsis: "…"), "1 Source · replication slots")
        XCTAssertEqual(Box.fitTitle("1 Source · replication slots · detail", 30, ellipsis: "…"), "1 Source · replication slots")
        XCTAssertEqual(Box.fitTitle("Warehouse", 5, ellipsis: "…"), "Ware…")
        let top = frame(state()).lines()[1]
        XCTAssertTrue(top.hasPrefix("┌─ 1 Source ─"), top)
    }

    func testTheKeyHintBarShowsOnlyWholeHints() {
        // " q quit  ? help  r refresh  Tab next pane" is 41 columns: at 40 the last hint goes whole.
        XCTAssertEqual(frame(state(), 41, 24).lines()[23].trimmingCharacters(in: .whitespaces), "q quit  ? help  r refresh  Tab next pane")
        XCTAssertEqual(frame(state(), 40, 24).lines()[23].trimmingCharacters(in: .whitespaces), "q quit  ? help  r refresh")
        let wide = frame(state()).lines()[23]
        XCTAssertEqual(wide.trimmingCharacters(in: .whitespaces), "q quit  ? help  r refresh  Tab next pane  Enter detail  Esc back  / filter")
    }

    func testHelpAt80x24ShowsEveryBinding() {
        for readOnly in [false, true] {
            for tracer in [false, true] {
                var shown = state(help: true, readOnly: readOnly)
                shown.tracer.configured = tracer
                let text = frame(shown).lines().joined(separator: "\n")
                for binding in KeyMap.standard.bindings(for: .normal, readOnly: readOnly) {
                    let hidden = !tracer && (binding.action == .focus(.tracer) || ActionKind(binding.action) == .probe)
                    XCTAssertEqual(binding.isHidden(in: shown), hidden, binding.help)
                    if hidden {
                        XCTAssertFalse(text.contains(binding.help), "'\(binding.help)' in help without cdc_probe")
                        continue
                    }
                    if case .focus = binding.action { continue }
                    if case .probe = binding.action {
                        XCTAssertTrue(text.contains("i/u/d ") && text.contains("write the probe (asks)"), text)
                        continue
                    }
                    XCTAssertTrue(text.contains(binding.keyLabel + " "), "\(binding.keyLabel) missing from help")
                    XCTAssertTrue(text.contains(binding.help), "'\(binding.help)' missing or cut in help")
                }
                // The focus keys share one line, from the first pane's number to the last shown one's.
                XCTAssertTrue(text.contains((tracer ? "1-6" : "1-5") + " "), text)
                XCTAssertTrue(text.contains("focus pane by number"), text)
                if readOnly { XCTAssertTrue(text.contains("read-only changes are disabled")) }
            }
        }
    }

    func testTheTitleBarReversesTheFocusedPane() {
        let grid = frame(state(focus: .warehouse))
        let line = grid.lines()[0]
        func reversed(_ label: String) -> Bool {
            let x = line.range(of: label).map { line.distance(from: line.startIndex, to: $0.lowerBound) }!
            return grid[x + 2, 0].style.attributes.contains(.reverse)
        }
        XCTAssertTrue(reversed(" 3 Warehouse"))
        XCTAssertFalse(reversed(" 1 Source"))
    }
}
