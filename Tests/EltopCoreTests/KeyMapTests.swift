import EltopCore
import XCTest

/// The one key map drives dispatch, help and hints; these keep it honest.
final class KeyMapTests: XCTestCase {
    let map = KeyMap.standard

    func testEveryBindingHasHelpTextAndNoKeyIsBoundTwiceInAMode() {
        for mode in [InputMode.normal, .help, .filter, .confirm] {
            var seen: Set<Key> = []
            for binding in map.bindings(for: mode, readOnly: false) {
                XCTAssertFalse(binding.help.isEmpty, "\(binding.action) in \(mode) has no help text")
                for key in binding.keys {
                    XCTAssertFalse(seen.contains(key), "\(key.label) is bound twice in \(mode)")
                    seen.insert(key)
                }
            }
        }
    }

    /// Inside tmux (and screen, or a tmux remapped to screen's key) the prefix never reaches eltop, so no
    /// default may need it; the only control key eltop binds is Ctrl-C.
    func testNoDefaultKeyIsTmuxsOrScreensPrefix() {
        for mode in [InputMode.normal, .help, .filter, .confirm] {
            let keys = map.bindings(for: mode, readOnly: false).flatMap(\.keys)
            XCTAssertFalse(keys.contains(.control("b")), "Ctrl-B (tmux's prefix) in \(mode)")
            XCTAssertFalse(keys.contains(.control("a")), "Ctrl-A (screen's prefix) in \(mode)")
            XCTAssertEqual(keys.filter { if case .control = $0 { return true } else { return false } }, [.control("c")], "\(mode)")
        }
    }

    func testTheSpineKeys() {
        XCTAssertEqual(map.action(for: .character("q"), mode: .normal, readOnly: false), .quit)
        XCTAssertEqual(map.action(for: .control("c"), mode: .normal, readOnly: false), .quit)
        XCTAssertEqual(map.action(for: .character("?"), mode: .normal, readOnly: false), .toggleHelp)
        XCTAssertEqual(map.action(for: .tab, mode: .normal, readOnly: false), .focusNext)
        XCTAssertEqual(map.action(for: .backTab, mode: .normal, readOnly: false), .focusPrevious)
        XCTAssertEqual(map.action(for: .character("3"), mode: .normal, readOnly: false), .focus(.warehouse))
        XCTAssertEqual(map.action(for: .enter, mode: .normal, readOnly: false), .openDetail)
        XCTAssertEqual(map.action(for: .escape, mode: .normal, readOnly: false), .back)
        XCTAssertEqual(map.action(for: .character("r"), mode: .normal, readOnly: false), .refreshNow)
        XCTAssertEqual(map.action(for: .character("/"), mode: .normal, readOnly: false), .beginFilter)
        XCTAssertEqual(map.action(for: .pageDown, mode: .normal, readOnly: false), .scroll(.pageDown))
    }

    func testFilterModeTakesPrintableKeysAsText() {
        XCTAssertEqual(map.action(for: .character("q"), mode: .filter, readOnly: false), .filterInput("q"))
        XCTAssertEqual(map.action(for: .enter, mode: .filter, readOnly: false), .filterCommit)
    }

    func testConfirmDefaultsToNo() {
        XCTAssertEqual(map.action(for: .enter, mode: .confirm, readOnly: false), .confirmNo)
        XCTAssertEqual(map.action(for: .character("y"), mode: .confirm, readOnly: false), .confirmYes)
        XCTAssertNil(map.action(for: .character("s"), mode: .confirm, readOnly: false))
    }

    func testReadOnlyHidesEveryBindingThatChangesSomething() {
        let hidden = map.bindings(for: .normal, readOnly: false).filter(\.changesSomething)
        for binding in hidden {
            for key in binding.keys {
                XCTAssertNil(map.action(for: key, mode: .normal, readOnly: true))
                XCTAssertNotNil(map.disabledBinding(for: key, mode: .normal))
            }
        }
        XCTAssertFalse(map.bindings(for: .normal, readOnly: true).contains(where: \.changesSomething))
    }
}

/// The key map's focus keys and help come from the pane table, and every kind of action has a key.
final class KeyMapCoverageTests: XCTestCase {
    let map = KeyMap.standard

    func testEveryPaneHasItsFocusKeyAndHelpFromThePaneTable() {
        for pane in PaneID.allCases {
            XCTAssertEqual(map.action(for: .character(pane.focusKey), mode: .normal, readOnly: false), .focus(pane))
            XCTAssertTrue(map.normal.contains { $0.action == .focus(pane) && $0.help == "focus \(pane.title)" }, "\(pane)")
        }
        XCTAssertEqual(Set(PaneID.allCases.map(\.focusKey)).count, PaneID.allCases.count, "focus keys are distinct")
    }

    /// Every kind of action can be reached from some mode. Actions that carry a value count by kind
    /// (any `focus(_)`, any `scroll(_)`); filter text is typed, not bound.
    func testEveryKindOfActionHasABinding() {
        let bound = Set([map.normal, map.help, map.filter, map.confirm].joined().map { ActionKind($0.action) })
        let expected = Set(ActionKind.allCases).subtracting([.filterInput])
        XCTAssertEqual(expected.subtracting(bound), [], "kinds of action no key reaches")
    }
}
