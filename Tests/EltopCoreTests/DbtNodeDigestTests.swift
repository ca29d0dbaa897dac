import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// The dbt digest against the walks over the node list it replaces: the tally, the failed nodes and the
/// first warning, for the artifacts' nodes and while eltop's run is laid over them.
final class DbtNodeDigestTests: XCTestCase {
    private let statuses: [DbtNodeStatus?] = [.success, nil, .error, .warn, .pass, .fail, .skipped, .warn, .runtimeError, .success]

    private func nodes(_ count: Int) -> [DbtNode] {
        (0..<count).map { i in
            DbtNode(
                uniqueId: "model.p.m\(i)", name: "m\(i)", resourceType: "model", layer: nil, materialized: nil,
                status: statuses[i * 7 % statuses.count], executionTime: 1, rowsAffected: nil, message: nil)
        }
    }

    private func assertDigest(_ digest: DbtNodeDigest, describes nodes: [DbtNode], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(digest.counts, DbtNodeStatus.tally(nodes), file: file, line: line)
        XCTAssertEqual(digest.failedCount, nodes.filter(\.failed).count, file: file, line: line)
        XCTAssertEqual(digest.firstFailed, nodes.first(where: \.failed), file: file, line: line)
        XCTAssertEqual(digest.firstWarned, nodes.first { $0.status == .warn }, file: file, line: line)
    }

    func testTheDigestIsTheWalksOverTheNodes() {
        for count in [0, 1, 3, 4, 10, 57] { assertDigest(DbtNodeDigest(nodes: nodes(count)), describes: nodes(count)) }
    }

    func testTheStateKeepsTheReadingsDigestWhicheverWayTheReadingChanges() {
        var dbt = DbtState(health: FeedHealth(configured: true, configureHint: "", pollInterval: 30))
        assertDigest(dbt.displayDigest, describes: [])
        dbt.reading = DbtReading(project: "p", nodes: nodes(20))
        assertDigest(dbt.displayDigest, describes: nodes(20))
        dbt.reading?.nodes[0].status = .error
        assertDigest(dbt.displayDigest, describes: dbt.displayNodes)
        XCTAssertEqual(dbt.displayDigest.firstFailed?.name, "m0")
        dbt.reading = nil
        assertDigest(dbt.displayDigest, describes: [])
    }

    func testARunNewerThanTheArtifactsIsDigestedLive() {
        var state = StateFixtures.ok(nodes: 8)
        _ = reduce(&state, .dbt(.runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: StateFixtures.now)))
        XCTAssertTrue(state.dbt.running)
        XCTAssertEqual(state.dbt.displayDigest.counts, [.queued: 8], "a run that selects everything queues every node")
        assertDigest(state.dbt.displayDigest, describes: state.dbt.displayNodes)
        XCTAssertEqual(state.severity(.dbt), .ok, "the artifacts' failure is not shown while the run is going")
    }

    func testDecodingRebuildsTheDigest() throws {
        let state = StateFixtures.ok(nodes: 12)
        let decoded = try JSONDecoder().decode(DashboardState.self, from: JSONEncoder().encode(state))
        assertDigest(decoded.dbt.displayDigest, describes: state.dbt.displayNodes)
        XCTAssertEqual(decoded.dbt.displayDigest.failedCount, 1)
        XCTAssertEqual(decoded, state)
    }
}
