import EltopCore
import EltopTestSupport
import XCTest

/// The store bumps its version only when the state really changes, so the UI redraws only then.
final class StoreTests: XCTestCase {
    func testVersionBumpsOnlyOnChange() async {
        let store = Store(StateFixtures.ok())
        let start = await store.version
        await store.send(.clockTicked(StateFixtures.now))  // the same time: no change
        let unchanged = await store.version
        XCTAssertEqual(start, unchanged)
        await store.send(.actionRequested(.focusNext))
        let changed = await store.version
        XCTAssertEqual(changed, start + 1)
    }

    func testWatchersSeeTheNewestVersion() async {
        let store = Store(StateFixtures.ok())
        let versions = await store.versions()
        await store.send(.actionRequested(.focusNext))
        await store.send(.actionRequested(.focusNext))
        var iterator = versions.makeAsyncIterator()
        let seen = await iterator.next()
        XCTAssertEqual(seen, 2, "only the newest version is buffered")
    }

    func testEffectsComeBackFromSend() async {
        let store = Store(StateFixtures.ok())
        let effects = await store.send(.actionRequested(.quit))
        XCTAssertEqual(effects, [.quit])
    }
}
