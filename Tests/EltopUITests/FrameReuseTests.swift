import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// `FrameSignature.drawsTheSameFrame(as:)` on the idle protocol's dashboard (one inactive slot polled every 2 s): every
/// frame it lets the presenter skip is the frame on screen, at every size, and once the sparkline is
/// full the repeat polls are skipped.
final class FrameReuseTests: XCTestCase {
    private let start = StateFixtures.now
    private let utc = TimeZone(identifier: "UTC")!
    private let sizes = [Size(cols: 120, rows: 40), Size(cols: 80, rows: 24), Size(cols: 200, rows: 60)]

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

    private func same(_ drawn: DashboardState, _ next: DashboardState) -> Bool {
        signature(drawn).drawsTheSameFrame(as: signature(next))
    }

    private func signature(_ state: DashboardState) -> FrameSignature {
        FrameSignature(state, theme: .builtIn, glyphs: .unicode, timeZone: utc)
    }

    private func assertFramesEqual(_ drawn: DashboardState, _ next: DashboardState, _ what: String, line: UInt = #line) {
        for size in sizes {
            let before = render(drawn, size: size, theme: .builtIn, timeZone: utc)
            let after = render(next, size: size, theme: .builtIn, timeZone: utc)
            XCTAssert(before == after, "\(what) at \(size.cols)x\(size.rows): a skipped frame differs from the one shown", line: line)
        }
    }

    func testRepeatPollsAreSkippedOnlyWhenTheFrameIsTheSame() {
        var state = idleState()
        var drawn = state
        var skipped: [Int] = []
        for poll in 1...40 {
            _ = reduce(&state, .pollSucceeded(reading(), at: start.addingTimeInterval(Double(poll) * 2)))
            if same(drawn, state) {
                skipped.append(poll)
                assertFramesEqual(drawn, state, "poll \(poll)")
            } else {
                drawn = state
            }
        }
        // The sparkline grows for its first 12 samples, the slot's "no ≥10s" steps every ten seconds
        // under a minute (every fifth poll), and poll 30 opens a minute of the charts' hour; the rest
        // change nothing on screen.
        XCTAssertEqual(skipped.filter { $0 <= 12 }, [], "the sparkline grows")
        XCTAssertEqual(skipped.count, 23, "skipped: \(skipped)")
        XCTAssertEqual(Set(13...40).subtracting(skipped), [16, 21, 26, 30, 31], "the inactive time's steps and a new minute draw")
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
