import EltopCore
import XCTest

/// The `keys:` section's half in the key map: names, spellings, rebinding and clashes.
final class KeyRebindingTests: XCTestCase {
    let map = KeyMap.standard

    func testSpellingsReadBackAndUnknownOnesAreRefused() {
        for key: Key in [.character("q"), .character("R"), .character(","), .character(" "), .control("b"), .enter, .escape, .tab, .backTab, .backspace, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end] {
            XCTAssertEqual(Key(spec: key.spec), key, key.spec)
        }
        XCTAssertEqual(Key(spec: "Ctrl-X"), .control("x"))
        XCTAssertEqual(Key(spec: "^x"), .control("x"))
        XCTAssertEqual(Key(spec: "PgDn"), .pageDown)
        for bad in ["", "ctrl-", "ctrl-1", "shift-q", "qq", "f13", " "] {
            XCTAssertNil(Key(spec: bad), "\"\(bad)\" should not read as a key")
        }
    }

    func testEveryBindingHasAUniqueNameThatResolvesToIt() {
        var qualified: Set<String> = []
        for mode in InputMode.allModes {
            for (index, binding) in map.bindings(for: mode, readOnly: false).enumerated() {
                let name = "\(mode.rawValue).\(KeyMap.name(of: binding.action))"
                XCTAssertTrue(qualified.insert(name).inserted, "\(name) names two bindings")
                XCTAssertEqual(map.resolve(name)?.mode, mode)
                XCTAssertEqual(map.resolve(name)?.index, index)
            }
        }
        XCTAssertEqual(map.resolve("start_sync")?.mode, .normal)
        XCTAssertEqual(map.resolve("confirm_yes")?.mode, .confirm, "a name only one mode has needs no prefix")
        XCTAssertEqual(map.resolve("quit")?.mode, .normal, "a bare name shared by modes means normal mode")
        XCTAssertEqual(map.resolve("focus_dbt")?.mode, .normal)
        XCTAssertEqual(map.resolve("scroll_page_down")?.mode, .normal)
        XCTAssertNil(map.resolve("start_snyc"))
        XCTAssertNil(map.resolve("nomode.quit"))
        XCTAssertTrue(map.bindingNames.contains("help.toggle_help"))
        XCTAssertTrue(map.clashes.isEmpty, "the defaults clash: \(map.clashes)")
    }

    func testReboundKeysReplaceTheDefaultsOnlyWhereNamed() {
        let rebound = map.rebound([.init(name: "start_sync", keys: [.character("S")]), .init(name: "help.toggle_help", keys: [.escape])])
        XCTAssertEqual(rebound.action(for: .character("S"), mode: .normal, readOnly: false), .startSync)
        XCTAssertNil(rebound.action(for: .character("s"), mode: .normal, readOnly: false), "the default key is gone")
        XCTAssertNil(rebound.action(for: .character("?"), mode: .help, readOnly: false))
        XCTAssertEqual(rebound.action(for: .character("?"), mode: .normal, readOnly: false), .toggleHelp, "normal mode's help key is untouched")
        XCTAssertEqual(rebound.disabledBinding(for: .character("S"), mode: .normal)?.action, .startSync, "read-only still explains the new key")
    }

    func testAClashNamesBothBindingsAndTheMode() {
        let rebound = map.rebound([.init(name: "start_sync", keys: [.character("r")])])
        XCTAssertEqual(rebound.clashes, [KeyMap.Clash(mode: .normal, key: .character("r"), names: ["normal.refresh_now", "normal.start_sync"])])
    }
}
