import EltopCore
import XCTest

/// The critical path, slowest nodes and skips by cause on a small hand-made DAG with known timings:
///
///     seed_a (1s) ─┬─ stg_x (2s) ── fct_y (5s) ── rpt_z (1s)
///     src_b  (4s) ─┘                  └─ fct_w (error) ── rpt_v (skipped) ── rpt_u (skipped)
///     stg_q  (3s, no parents)
final class DbtRunShapeTests: XCTestCase {
    private func node(_ name: String, _ seconds: Double?, _ parents: [String], _ status: DbtNodeStatus = .success) -> DbtNode {
        DbtNode(
            uniqueId: "model.p.\(name)", name: name, resourceType: "model", layer: nil, materialized: nil, status: status,
            executionTime: seconds, rowsAffected: nil, message: nil, dependsOn: parents.map { "model.p.\($0)" })
    }

    private var dag: [DbtNode] {
        [
            node("seed_a", 1, []), node("src_b", 4, []), node("stg_x", 2, ["seed_a", "src_b"]), node("fct_y", 5, ["stg_x"]),
            node("rpt_z", 1, ["fct_y"]), node("fct_w", 0.5, ["fct_y"], .error), node("rpt_v", nil, ["fct_w"], .skipped),
            node("rpt_u", nil, ["rpt_v", "stg_q"], .skipped), node("stg_q", 3, []),
        ]
    }

    func testTheCriticalPathIsTheLongestChainOfTimesUpstreamFirst() {
        let shape = DbtRunShape(nodes: dag)
        XCTAssertEqual(shape.criticalPath.map(\.name), ["src_b", "stg_x", "fct_y", "rpt_z"], "4 + 2 + 5 + 1 beats 1 + 2 + 5 + 0.5")
        XCTAssertEqual(shape.criticalSeconds, 12)
    }

    func testSlowestAreByTimeAndSkippedNodesGoUnderTheFailureUpstream() {
        let shape = DbtRunShape(nodes: dag)
        XCTAssertEqual(shape.slowest.map(\.name), ["fct_y", "src_b", "stg_q", "stg_x", "rpt_z", "seed_a", "fct_w"], "ties by id")
        XCTAssertEqual(shape.skipGroups, [DbtRunShape.SkipGroup(failedId: "model.p.fct_w", failedName: "fct_w", skipped: ["rpt_v", "rpt_u"])])
    }

    func testNodesWithoutTimesOrParentsGiveAnEmptyPathAndACycleEnds() {
        XCTAssertEqual(DbtRunShape(nodes: [node("a", nil, [])]).criticalPath, [])
        let cycle = DbtRunShape(nodes: [node("a", 1, ["b"]), node("b", 2, ["a"])])
        XCTAssertEqual(Set(cycle.criticalPath.map(\.name)), ["a", "b"])
        XCTAssertEqual(cycle.criticalSeconds, 3)
        let skippedAlone = DbtRunShape(nodes: [node("a", nil, ["gone"], .skipped)])
        XCTAssertEqual(skippedAlone.skipGroups, [])
    }
}
