import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// The whole `DashboardState` survives JSON and back unchanged: the recorder's keyframes are the state
/// itself, so a replay that starts from one must see exactly what the live dashboard had.
final class StateCodingTests: XCTestCase {
    func testEveryFixtureStateRoundTrips() throws {
        let states: [(String, DashboardState)] = [
            ("unconfigured", StateFixtures.unconfigured()), ("loading", StateFixtures.loading()),
            ("ok", StateFixtures.ok(events: 9)), ("stale", StateFixtures.stale()),
            ("failing", StateFixtures.failing()), ("busy", StateFixtures.busy()),
        ]
        for (name, state) in states { try assertRoundTrip(state, name) }
    }

    func testUIStateAndAPendingConfirmationRoundTrip() throws {
        var state = StateFixtures.ok()
        _ = reduce(&state, .terminalResized(Size(cols: 132, rows: 43)))
        _ = reduce(&state, .actionRequested(.focus(.warehouse)))
        _ = reduce(&state, .actionRequested(.cycleWarehouseSort))
        _ = reduce(&state, .actionRequested(.focus(.airbyte)))
        _ = reduce(&state, .actionRequested(.startSync))
        XCTAssertNotNil(state.ui.prompt, "the sync asks y/N first, so the prompt and its effect are in the state")
        try assertRoundTrip(state, "prompting")
    }

    func testWarehousePairsAreRebuiltNotStored() throws {
        let state = StateFixtures.ok(tables: 6)
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        XCTAssertFalse(json.contains("\"pairs\""), "the pairs are derived from the reading and must not be stored twice")
        let decoded = try JSONDecoder().decode(DashboardState.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.warehouse.pairs, state.warehouse.pairs)
        XCTAssertFalse(decoded.warehouse.pairs.isEmpty)
    }

    /// A keyframe written before the hour histories existed still decodes: they start empty.
    func testAStateWithoutTheHourHistoriesDecodesWithThemEmpty() throws {
        let state = OnCallFixtures.threeSituations()
        XCTAssertFalse(state.source.lagHour.isEmpty)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(state)) as? [String: Any])
        var source = try XCTUnwrap(object["source"] as? [String: Any])
        XCTAssertNotNil(source.removeValue(forKey: "lagHour"))
        XCTAssertNotNil(source.removeValue(forKey: "retainedHour"))
        object["source"] = source
        let decoded = try JSONDecoder().decode(DashboardState.self, from: JSONSerialization.data(withJSONObject: object))
        XCTAssertEqual(decoded.source.lagHour, [:])
        XCTAssertEqual(decoded.source.retainedHour, [:])
        XCTAssertEqual(decoded.source.lagHistory, state.source.lagHistory)
    }

    private func assertRoundTrip(_ state: DashboardState, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let data = try JSONEncoder().encode(state)
        let decoded = try JSONDecoder().decode(DashboardState.self, from: data)
        XCTAssertEqual(decoded, state, "\(name) changed on the way through JSON", file: file, line: line)
    }
}
