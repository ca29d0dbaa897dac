import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// Rebound keys in help and the key-hint bar, and `y`'s confirmation, at 80×24 and 200×60
/// (Snapshots/keys-*.txt; re-record with ELTOP_RECORD_SNAPSHOTS=1).
final class ReboundKeysGoldenTests: XCTestCase {
    private let sizes = [Size(cols: 80, rows: 24), Size(cols: 200, rows: 60)]
    private let keyMap = KeyMap.standard.rebound([
        .init(name: "quit", keys: [.character("Q"), .control("c")]),
        .init(name: "toggle_help", keys: [.character("h")]),
        .init(name: "help.toggle_help", keys: [.character("h"), .escape]),
        .init(name: "open_detail", keys: [.character("v"), .enter]),
    ])

    private func assertGolden(_ state: DashboardState, _ name: String, keyMap: KeyMap, file: StaticString = #filePath, line: UInt = #line) {
        for size in sizes {
            let grid = render(state, size: size, theme: .builtIn, keyMap: keyMap, timeZone: TimeZone(identifier: "UTC")!)
            if let failure = Golden.check(grid, name: "\(name)-\(size.cols)x\(size.rows)") {
                XCTFail(failure, file: file, line: line)
            }
        }
    }

    func testHintBarShowsTheReboundKeys() {
        assertGolden(StateFixtures.ok(), "keys-rebound-hints", keyMap: keyMap)
        let bar = render(StateFixtures.ok(), size: Size(cols: 80, rows: 24), theme: .builtIn, keyMap: keyMap).lines()[23]
        XCTAssertTrue(bar.hasPrefix(" Q quit  h help  r refresh"), bar)
    }

    func testHelpListsTheReboundKeysAndTheirOwnCloseKey() {
        var state = StateFixtures.ok()
        _ = reduce(&state, .actionRequested(.toggleHelp))
        assertGolden(state, "keys-rebound-help", keyMap: keyMap)
        let text = render(state, size: Size(cols: 80, rows: 24), theme: .builtIn, keyMap: keyMap).lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("Q, Ctrl-C quit"), text)
        XCTAssertTrue(text.contains("v, Enter  open the detail view"), text)
        XCTAssertTrue(text.contains("h close help"), text)
    }

    func testCopyIsConfirmedInTheKeyHintBar() {
        var state = StateFixtures.ok()
        _ = reduce(&state, .actionRequested(.copy))
        assertGolden(state, "keys-copied", keyMap: .standard)
    }
}
