import EltopCore
import EltopTestSupport
import Foundation
import XCTest

/// dbt's artifacts going bad under eltop while the source and Airbyte feeds go on. (dbt killed mid-run
/// is `DbtCancelAndFailureTests`, on the real dbt.)
final class DbtFaultTests: XCTestCase {
    private func check(says expected: String, damage: @escaping (Data) -> Data) async throws {
        let rig = try await FaultRig()
        let manifest = rig.dbtTarget.appendingPathComponent("manifest.json")
        let good = try Data(contentsOf: manifest)
        try await rig.run(
            .dbt, says: expected,
            inject: { try damage(good).write(to: manifest) },
            clear: { try good.write(to: manifest) })
        XCTAssertEqual(rig.state.dbt.reading?.nodes.count, 9, "every node is back")
        await rig.stop()
    }

    func testATruncatedManifest() async throws {
        try await check(says: "manifest.json is not a readable manifest (dbt may be writing it): the document ends early") { $0.prefix($0.count / 2) }
    }

    func testAnEmptyManifest() async throws {
        try await check(says: "the document ends early") { _ in Data() }
    }

    func testAManifestOfAnUnknownVersion() async throws {
        try await check(says: "manifest.json has schema https://schemas.getdbt.com/dbt/manifest/v99.json; eltop reads v10–v12") { good in
            Data(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "manifest/v12.json", with: "manifest/v99.json").utf8)
        }
    }

    func testAManifestThatIsNotJSON() async throws {
        try await check(says: "not a readable manifest") { _ in Data("<html>Internal Server Error</html>".utf8) }
    }

    func testTruncatedRunResults() async throws {
        let rig = try await FaultRig()
        let results = rig.dbtTarget.appendingPathComponent("run_results.json")
        let good = try Data(contentsOf: results)
        try await rig.run(
            .dbt, says: "run_results.json is not readable",
            inject: { try good.prefix(good.count / 3).write(to: results) },
            clear: { try good.write(to: results) })
        XCTAssertEqual(rig.state.dbt.reading?.statusCounts[.error], 1)
        await rig.stop()
    }

    /// dbt rewriting the manifest in place (truncated, then written in chunks) while every feed is
    /// polled: each dbt poll reads the whole file or says it is not readable over the last good nodes
    /// and their age; the other feeds never fail; once the writer stops, the next poll reads.
    func testAManifestRewrittenWhileBeingRead() async throws {
        let rig = try await FaultRig()
        let manifest = rig.dbtTarget.appendingPathComponent("manifest.json")
        let good = try Data(contentsOf: manifest)
        await rig.pollAll()
        rig.assertAllWorking("before the writer")
        let writer = InPlaceRewriter(files: [(manifest.path, good)])
        var refused = 0
        for _ in 0..<20 {
            await rig.pollAll()
            for other in [Feed.source, .airbyte] {
                XCTAssertNil(rig.state.health(other).lastError, "\(other) keeps working: \(rig.state.health(other).lastError ?? "")")
            }
            XCTAssertEqual(rig.state.dbt.reading?.nodes.count, 9, "whole nodes, new or last good")
            if let message = rig.state.health(.dbt).lastError {
                refused += 1
                XCTAssertTrue(message.contains("manifest.json"), message)
                XCTAssertNotNil(rig.state.health(.dbt).age(now: rig.state.now), "the age of the last good nodes")
            }
        }
        writer.stop()
        try good.write(to: manifest)
        await rig.pollAll()
        rig.assertAllWorking("after the writer stopped")
        if refused > 0 { rig.assertRecovered(.dbt) }
        print("rewritten-while-read beside the other feeds: \(20 - refused) whole reads, \(refused) refused")
        await rig.stop()
    }

    /// A float count past Int64 in run_results (a hand-edited or foreign artifact) is dropped, not a trap.
    func testARowsAffectedBeyondInt64IsDropped() async throws {
        let rig = try await FaultRig()
        let results = rig.dbtTarget.appendingPathComponent("run_results.json")
        let text = try String(contentsOf: results, encoding: .utf8)
        try text.replacingOccurrences(of: "\"rows_affected\": 3", with: "\"rows_affected\": 1e300").write(to: results, atomically: true, encoding: .utf8)
        await rig.pollAll()
        rig.assertAllWorking("a huge rows_affected")
        XCTAssertEqual(rig.state.dbt.reading?.nodes.filter { $0.rowsAffected == 3 }.count, 0)
        XCTAssertEqual(rig.state.dbt.reading?.nodes.count, 9)
        await rig.stop()
    }
}

