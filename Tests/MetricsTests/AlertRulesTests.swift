import EltopCore
import EltopMetrics
import Foundation
import XCTest

/// docs/alerts.yml: valid by promtool, its unit tests pass, and every metric it names is one eltop writes.
final class AlertRulesTests: XCTestCase {
    private let rules = Promtool.repository.appendingPathComponent("docs/alerts.yml").path

    func testTheRulesAreValid() throws {
        let result = try Promtool.run(["check", "rules", rules])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("SUCCESS: 6 rules found"), result.output)
    }

    func testTheRulesFireWhenTheyShouldAndOnlyThen() throws {
        let tests = Promtool.repository.appendingPathComponent("Tests/MetricsTests/Rules/alerts_test.yml").path
        let result = try Promtool.run(["test", "rules", tests])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("SUCCESS"), result.output)
    }

    /// A rule naming a metric eltop does not write would never fire: hold every `eltop_…` name in the
    /// rules against the exposition of a state with something in every area.
    func testEveryMetricTheRulesUseIsExported() throws {
        let text = try String(contentsOfFile: rules, encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #"\beltop_[a-z_]+"#)
        let used = Set(regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) })
        var state = ExpositionTests.busyState()
        state.source.reading?.publishedTableWrites = 10
        let states = [state, VerdictStates.stalled(), VerdictStates.slotLoss()]
        let exported = Set(try states.flatMap { try Exposition.parse(StateExposition.text($0, version: "test")) }.map(\.name))
        XCTAssertGreaterThanOrEqual(used.count, 8)
        XCTAssertEqual(used.subtracting(exported), [], "the rules use metrics eltop does not write")
    }
}
