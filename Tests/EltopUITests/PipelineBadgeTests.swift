import EltopCore
import XCTest

@testable import EltopUI

/// The title bar names the pipeline's step in progress and its elapsed time, beside `read-only`, and
/// says nothing once the run has ended (the timeline has it then).
final class PipelineBadgeTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_000_000)

    private func state(readOnly: Bool = false, ended: Bool = false) -> DashboardState {
        func unconfigured() -> FeedHealth { FeedHealth(configured: false, configureHint: "Set X", pollInterval: 5) }
        var state = DashboardState(
            now: now, source: SourceState(health: unconfigured()), airbyte: AirbyteState(health: unconfigured()),
            warehouse: WarehouseState(health: unconfigured()), dbt: DbtState(health: unconfigured()))
        state.ui.readOnly = readOnly
        var run = PipelineRun(request: PipelineRequest(connectionID: "c1", connectionName: "orders"), startedAt: now.addingTimeInterval(-70))
        run.steps[0].status = .succeeded
        run.steps[1].status = .running
        run.steps[1].startedAt = now.addingTimeInterval(-63)
        if ended { run.outcome = .succeeded }
        state.pipeline = run
        return state
    }

    private func topLine(_ state: DashboardState, cols: Int = 120) -> String {
        render(state, size: Size(cols: cols, rows: 24), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!).lines()[0]
    }

    func testTheStepInProgressAndItsElapsedTimeAreInTheTitleBar() {
        XCTAssertTrue(topLine(state()).hasSuffix(" pipeline 2/3 wait 1m3s "), topLine(state()))
        XCTAssertTrue(topLine(state(readOnly: true)).hasSuffix(" pipeline 2/3 wait 1m3s  read-only "), topLine(state(readOnly: true)))
    }

    func testNothingOnceTheRunHasEndedOrWhenThereIsNoRoom() {
        XCTAssertFalse(topLine(state(ended: true)).contains("pipeline"))
        XCTAssertFalse(topLine(state(), cols: 70).contains("pipeline"), "the badge overwrote the pane labels")
    }
}
