import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

@testable import EltopPollers

/// The panel beside the node table (slowest, critical path, skipped because) from a real run's
/// artifacts: drawn at 200×60 where the pane has the width, absent at 80×24.
final class DbtRunShapeRenderTests: XCTestCase {
    private func state() throws -> DashboardState {
        let artifacts = DbtTestProject.fixtures.appendingPathComponent("artifacts")
        let manifest = try DbtManifest.decode(Data(contentsOf: artifacts.appendingPathComponent("manifest.json")))
        let results = try DbtRunResults.decode(Data(contentsOf: artifacts.appendingPathComponent("run_results.json")))
        let reading = DbtArtifactReader.merge(project: "eltop_fixture", nodes: manifest.entries(), results: results).reading
        var state = DbtStates.withReading(reading, now: try XCTUnwrap(reading.lastRun?.endedAt).addingTimeInterval(3))
        _ = reduce(&state, .actionRequested(.focus(.dbt)))
        return state
    }

    func testTheManifestsDependsOnReachesTheNodes() throws {
        let nodes = try state().dbt.reading?.nodes ?? []
        XCTAssertTrue(nodes.contains { !($0.dependsOn ?? []).isEmpty }, "no node has depends_on: \(nodes.map(\.uniqueId))")
    }

    func testThePanelAt200x60AndNotAt80x24() throws {
        let state = try state()
        XCTAssertFalse(state.dbt.shape.criticalPath.isEmpty)
        for size in [Size(cols: 80, rows: 24), Size(cols: 200, rows: 60)] {
            let grid = render(state, size: size, theme: .builtIn, glyphs: .unicode, timeZone: TimeZone(identifier: "UTC")!)
            if let failure = Golden.check(grid, name: "dbt-run-shape-\(size.cols)x\(size.rows)") { XCTFail(failure) }
            XCTAssertEqual(grid.lines().joined().contains("Critical path"), size.cols == 200)
        }
    }
}
