import EltopCore
import EltopTestSupport
import EltopUI
import XCTest

/// The source pane in each state, drawn from states built by the real reducer, compared with golden
/// text files (re-record with ELTOP_RECORD_SNAPSHOTS=1).
final class SourcePaneGoldenTests: XCTestCase {
    typealias F = SourceFixtures
    static let sizes = [Size(cols: 80, rows: 24), Size(cols: 160, rows: 48)]

    private func slots(_ kind: String) -> [[ReplicationSlot]] {
        (0..<6).map { i in
            let grow = Int64(i) * 40_000
            switch kind {
            case "warn":
                return [F.slot("airbyte_slot", active: false, lag: 1_200_000 + grow, retained: 1_400_000 + grow, walStatus: .extended),
                        F.slot("analytics_slot", active: true, lag: 2_000, retained: 9_000)]
            case "crit":
                return [F.slot("airbyte_slot", active: false, lag: 9_000_000 + grow, retained: 9_500_000 + grow, walStatus: .unreserved, safe: 0),
                        F.slot("analytics_slot", active: true, lag: 2_000, retained: 9_000)]
            default:
                return [F.slot("airbyte_slot", active: false, lag: 300_000 + grow, retained: 420_000 + grow, safe: 60_000_000 - grow),
                        F.slot("analytics_slot", active: true, lag: 2_000, retained: 9_000)]
            }
        }
    }

    private func state(_ kind: String) -> DashboardState {
        var thresholds = SourceThresholds()
        thresholds.lagWarnBytes = 1_000_000
        thresholds.lagCritBytes = 50_000_000
        var state = F.state(thresholds: thresholds)
        F.polled(slots(kind).map { F.reading($0) }, step: 5, into: &state)
        let last = F.start.addingTimeInterval(25)
        switch kind {
        case "stale":
            _ = reduce(&state, .clockTicked(last.addingTimeInterval(40)))
        case "error":
            _ = reduce(&state, .clockTicked(last.addingTimeInterval(20)))
            _ = reduce(&state, .pollFailed(.source, message: "connection to server at \"127.0.0.1\", port 5432 failed: Connection refused", at: last.addingTimeInterval(20), nextAttemptAt: last.addingTimeInterval(30)))
        default:
            _ = reduce(&state, .clockTicked(last.addingTimeInterval(2)))
        }
        return state
    }

    private func check(_ state: DashboardState, _ name: String) {
        for size in Self.sizes {
            let grid = render(state, size: size, theme: .builtIn, glyphs: .unicode, timeZone: TimeZone(identifier: "UTC")!)
            if let failure = Golden.check(grid, name: "\(name)-\(size.cols)x\(size.rows)") { XCTFail(failure) }
        }
    }

    func testOk() { check(state("ok"), "source-ok") }
    func testWarn() { check(state("warn"), "source-warn") }
    func testCrit() { check(state("crit"), "source-crit") }
    func testStale() { check(state("stale"), "source-stale") }
    func testError() { check(state("error"), "source-error") }

    func testDetailView() {
        var state = state("ok")
        _ = reduce(&state, .actionRequested(.openDetail))
        check(state, "source-detail")
    }

    func testStatusesMatchTheStates() {
        XCTAssertEqual(state("ok").status(.source), .ok)
        XCTAssertEqual(state("warn").status(.source), .warn)
        XCTAssertEqual(state("crit").status(.source), .crit)
        XCTAssertEqual(state("stale").status(.source), .stale)
        XCTAssertEqual(state("error").status(.source), .error)
    }
}
