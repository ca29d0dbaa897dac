import EltopApp
import EltopConfig
import EltopCore
import XCTest

final class KeyDispatchTests: XCTestCase {
    private let keyMap: KeyMap = {
        var map = KeyMap.standard
        map.normal.append(Binding([.character("X")], .refreshNow, help: "sync everything", group: "Actions", changesSomething: true))
        return map
    }()

    func testBoundKeysRequestTheirAction() {
        let ui = UIState()
        XCTAssertEqual(KeyDispatch.event(for: .character("?"), ui: ui, keyMap: keyMap), .actionRequested(.toggleHelp))
        XCTAssertEqual(KeyDispatch.event(for: .character("X"), ui: ui, keyMap: keyMap), .actionRequested(.refreshNow))
    }

    func testUnboundKeysDoNothing() {
        XCTAssertNil(KeyDispatch.event(for: .character("z"), ui: UIState(), keyMap: keyMap))
    }

    func testReadOnlyTurnsADisabledKeyIntoARefusal() {
        var ui = UIState()
        ui.readOnly = true
        guard case .keyRefused(let binding)? = KeyDispatch.event(for: .character("X"), ui: ui, keyMap: keyMap) else {
            return XCTFail("expected a refusal")
        }
        XCTAssertEqual(binding.help, "sync everything")
        XCTAssertEqual(KeyDispatch.event(for: .character("?"), ui: ui, keyMap: keyMap), .actionRequested(.toggleHelp), "other keys still work")
    }

    func testTheReducerShowsTheRefusalUntilTheNextKey() {
        var state = makeInitialState(now: Date(timeIntervalSince1970: 0), options: AppOptions(readOnly: true), config: Config())
        let binding = keyMap.normal.last!
        XCTAssertEqual(reduce(&state, .keyRefused(binding)), [])
        XCTAssertEqual(state.ui.notice, "X (sync everything) is disabled by --read-only")
        _ = reduce(&state, .actionRequested(.toggleHelp))
        XCTAssertNil(state.ui.notice)
    }
}
