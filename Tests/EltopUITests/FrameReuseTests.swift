import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// `FrameSignature.drawsTheSameFrame(as:)` on the idle protocol's dashboard (one inactive slot polled every 2 s): every
/// frame it lets the presenter skip is the frame on screen, at every size; the repeat polls are skipped once
/// the sparkline is full, or at once where the pane is too narrow to show it.
final class FrameReuseTests: XCTestCase {
    private let start = StateFixtures.now
    private let utc = TimeZone(identifier: "UTC")!

    private func idleState() -> DashboardState {
        var state = StateFixtures.unconfigured()
        state.updateHealth(.source) { health in
            health.configured = true
            health.pollInterval = 2
        }
        return state
    }

    private func reading(lag: Int64 = 0) -> Reading {
        .source(SourceReading(serverVersion: "15.18", slots: [
            ReplicationSlot(name: "airbyte_slot", plugin: "pgoutput", database: "postgres", active: false, lagBytes: lag, retainedBytes: 56, walStatus: .reserved),
        ]))
    }

    private func same(_ drawn: DashboardState, _ next: DashboardState, size: Size = Size(cols: 120, rows: 40)) -> Bool {
        signature(drawn, size).drawsTheSameFrame(as: signature(next, size))
    }

    private func signature(_ state: DashboardState, _ size: Size) -> FrameSignature {
        FrameSignature(state, size: size, theme: .builtIn, glyphs: .unicode, timeZone: utc)
    }

    private func assertFramesEqual(_ drawn: DashboardState, _ next: DashboardState, size: Size, _ what: String, line: UInt = #line) {
        let before = render(drawn, size: size, theme: .builtIn, timeZone: utc)
        let after = render(next, size: size, theme: .builtIn, timeZone: utc)
        XCTAssert(before == after, "\(what) at \(size.cols)x\(size.rows): a skipped frame differs from the one shown", line: line)
    }

    /// The polls of 40 whose frame the presenter skips at `size`, each checked against the frame shown.
    private func skippedPolls(at size: Size) -> [Int] {
        var state = idleState()
        _ = reduce(&state, .terminalResized(size))
        var drawn = state
        var skipped: [Int] = []
        for poll in 1...40 {
            _ = reduce(&state, .pollSucceeded(reading(), at: start.addingTimeInterval(Double(poll) * 2)))
            if same(drawn, state, size: size) {
                skipped.append(poll)
                assertFramesEqual(drawn, state, size: size, "poll \(poll)")
            } else {
                drawn = state
            }
        }
        return skipped
    }

    func testRepeatPollsAreSkippedOnlyWhenTheFrameIsTheSame() {
        // The slot's "no ≥10s" steps every ten seconds under a minute (every fifth poll), and poll 30
        // opens a minute of the charts' hour: those draw at every size.
        let steps: Set = [1, 6, 11, 16, 21, 26, 30, 31]
        // At 200 columns the sparkline shows, and grows for its first 12 samples.
        let wide = skippedPolls(at: Size(cols: 200, rows: 60))
        XCTAssertEqual(Set(1...40).subtracting(wide), steps.union(1...12), "skipped at 200x60: \(wide)")
        // Narrower, the rate and the sparkline are cut: a sample that moves only them draws nothing.
        for size in [Size(cols: 120, rows: 40), Size(cols: 80, rows: 24)] {
            let skipped = skippedPolls(at: size)
            XCTAssertEqual(Set(1...40).subtracting(skipped), steps, "skipped at \(size.cols)x\(size.rows): \(skipped)")
        }
    }

    func testAnotherSizeDraws() {
        var state = idleState()
        _ = reduce(&state, .pollSucceeded(reading(), at: start))
        XCTAssertFalse(signature(state, Size(cols: 120, rows: 40)).drawsTheSameFrame(as: signature(state, Size(cols: 121, rows: 40))))
    }

    func testAChangedFigureATickAndAnOpenDetailViewDraw() {
        var state = idleState()
        for poll in 1...20 { _ = reduce(&state, .pollSucceeded(reading(), at: start.addingTimeInterval(Double(poll) * 2))) }
        let drawn = state

        var moved = drawn
        _ = reduce(&moved, .pollSucceeded(reading(lag: 4_096), at: start.addingTimeInterval(42)))
        XCTAssertFalse(same(drawn, moved), "a new lag shows")

        var ticked = drawn
        _ = reduce(&ticked, .clockTicked(start.addingTimeInterval(41)))
        XCTAssertFalse(same(drawn, ticked), "time moved: ages are drawn against it")

        var detail = drawn
        detail.ui.detailVisible = true
        var detailNext = detail
        _ = reduce(&detailNext, .pollSucceeded(reading(), at: start.addingTimeInterval(42)))
        XCTAssertFalse(same(detail, detailNext), "the detail view shows exact ages and every sample")
    }

    func testFreshDataAfterStaleDraws() {
        var state = idleState()
        _ = reduce(&state, .pollSucceeded(reading(), at: start))
        _ = reduce(&state, .clockTicked(start.addingTimeInterval(30)))
        let drawn = state
        _ = reduce(&state, .pollSucceeded(reading(), at: start.addingTimeInterval(31)))
        XCTAssertFalse(same(drawn, state), "stale to fresh shows")
    }
}
