import EltopTestSupport
import Foundation
import XCTest

@testable import EltopCore

/// `snapshot --json` writes the dbt nodes by hand (`DbtNodesJSON`) and the rest with `JSONEncoder`:
/// the text must be the one `JSONEncoder` writes for the whole document, byte for byte, and parse to
/// the same value, whatever the nodes hold.
final class SnapshotEncodingTests: XCTestCase {
    /// The whole document through `JSONEncoder` alone, as `jsonText()` wrote it before the nodes were hand-written.
    private func reference(_ state: DashboardState) throws -> String {
        String(decoding: try SnapshotDocument.encoder().encode(SnapshotDocument(state)), as: UTF8.self)
    }

    private func assertSameText(_ state: DashboardState, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = try SnapshotDocument(state).jsonText()
        let expected = try reference(state)
        XCTAssertEqual(text, expected, file: file, line: line)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        let parsedExpected = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary
        XCTAssertNotNil(parsed, file: file, line: line)
        XCTAssertEqual(parsed, parsedExpected, file: file, line: line)
    }

    private func state(_ nodes: [DbtNode]) -> DashboardState {
        var state = StateFixtures.ok(nodes: 0)
        state.dbt.reading?.nodes = nodes
        return state
    }

    private func node(_ i: Int, name: String, status: DbtNodeStatus?, time: Double?, rows: Int64?, message: String?, layer: String? = "staging") -> DbtNode {
        DbtNode(
            uniqueId: "model.p.node_\(i)", name: name, resourceType: i % 2 == 0 ? "model" : "test", layer: layer,
            materialized: i % 3 == 0 ? nil : "table", status: status, executionTime: time, rowsAffected: rows, message: message)
    }

    func testAwkwardStringsAreEscapedAsJSONEncoderEscapesThem() throws {
        let names = [
            "plain", #"quote " and backslash \ and slash /"#, "tab\tnewline\ncarriage\rform\u{C}back\u{8}", "nul \u{0} unit \u{1F} escape \u{1B}",
            "DEL \u{7F} next-line \u{85} separators \u{2028}\u{2029} bom \u{FEFF}", "café 中文 😀 e\u{301}", "", "\\\"\\\"", "\"",
        ]
        let statuses: [DbtNodeStatus?] = [nil, .success, .error, .runtimeError, .noOp, .partialSuccess, .queued, .other(#"odd "status" \"#)]
        let nodes = names.enumerated().map { i, name in
            node(i, name: name, status: statuses[i % statuses.count], time: nil, rows: nil, message: name.isEmpty ? nil : "message: " + name, layer: i == 4 ? nil : name)
        }
        try assertSameText(state(nodes))
    }

    func testNumbersArePrintedAsJSONEncoderPrintsThem() throws {
        let times: [Double?] = [nil, 0, -0.0, 3, 0.1, 0.42, 1e-7, 1e-5, 123456789.125, 1e20, 1e21, 1.7976931348623157e308, 5e-324, 12345678901234567, 2.5e-300]
        let rows: [Int64?] = [nil, 0, -1, 16_044, .max, .min]
        let nodes = times.enumerated().map { i, time in node(i, name: "n\(i)", status: .success, time: time, rows: rows[i % rows.count], message: nil) }
        try assertSameText(state(nodes))
    }

    func testNoNodesNoReadingAndALargeProject() throws {
        try assertSameText(state([]))
        try assertSameText(StateFixtures.loading())
        try assertSameText(StateFixtures.unconfigured())
        try assertSameText(StateFixtures.ok(nodes: 5_000, events: 50))
    }

    func testANodeUnderALiveRunIsWrittenWithItsLiveStatus() throws {
        var state = StateFixtures.ok(nodes: 12)
        _ = reduce(&state, .dbt(.runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: state.now.addingTimeInterval(1))))
        XCTAssertEqual(state.dbt.displayNodes.first?.status, .queued, "the run is newer than the artifacts")
        try assertSameText(state)
    }

    func testATimeJSONCannotHoldFailsAsJSONEncoderFails() {
        for time in [Double.nan, .infinity, -.infinity] {
            let broken = state([node(0, name: "a", status: .success, time: time, rows: nil, message: nil)])
            XCTAssertThrowsError(try reference(broken))
            XCTAssertThrowsError(try SnapshotDocument(broken).jsonText()) { error in
                guard case EncodingError.invalidValue = error else { return XCTFail("\(error)") }
            }
        }
    }
}
