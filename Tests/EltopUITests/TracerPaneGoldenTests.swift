import EltopCore
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// The Tracer pane with a complete insert, an update waiting for a transform and a delete waiting for a
/// sync, at 80×24 and 200×60, and the detail of the complete trip. Re-record with ELTOP_RECORD_SNAPSHOTS=1.
final class TracerPaneGoldenTests: XCTestCase {
    private let now = StateFixtures.now

    private func state() -> DashboardState {
        var state = StateFixtures.ok()
        state.tracer.configured = true
        state.ui.focus = .tracer
        let committed = now.addingTimeInterval(-300)
        let insertNote = "eltop probe insert 2026-11-25T11:55:00.000Z"
        _ = reduce(&state, .tracer(.probeWritten(ProbeWrite(
            operation: .insert, probeID: 41, note: insertNote, committedAt: committed, lsn: "0/3000100",
            query: "BEGIN;\nINSERT INTO \"eltop_probe\" (note) VALUES ($1) RETURNING id;\nCOMMIT"))))
        let update = "eltop probe update 2026-11-25T11:58:00.000Z"
        _ = reduce(&state, .tracer(.probeWritten(ProbeWrite(operation: .update, probeID: 41, note: update, committedAt: now.addingTimeInterval(-120), lsn: "0/3000400", query: "UPDATE …"))))
        let raw = [RawProbeRow(probeID: 41, note: update, lsn: "50332672", deletedAt: nil, syncID: nil, extractedAt: now.addingTimeInterval(-95))]
        // The insert's trip: raw and staging seen after a transform (its raw row is the earlier version).
        state.tracer.trips[0].sync = SyncHop(at: committed.addingTimeInterval(12), jobID: 901, evidence: "_airbyte_meta.sync_id = 901 in raw")
        state.tracer.trips[0].raw = RawHop(at: committed.addingTimeInterval(19), lsn: "50331888", note: insertNote, delete: nil, deletedAt: nil, query: "SELECT … FROM \"raw\".\"eltop_probe\" WHERE id = ANY($1::bigint[])")
        state.tracer.trips[0].staging = StagingHop(at: committed.addingTimeInterval(252), note: insertNote, gone: false, query: "SELECT id::text, note FROM \"staging\".\"stg_eltop_probe\" WHERE id = ANY($1::bigint[])")
        state.tracer.trips[0].slotAcknowledgedAt = committed.addingTimeInterval(75)
        state.tracer.trips[0].slotAcknowledgedLSN = "0/3000200"
        _ = reduce(&state, .tracer(.traced(TraceObservation(at: now.addingTimeInterval(-90), raw: raw, rawQuery: "SELECT …", staging: nil, stagingQuery: nil))))
        _ = reduce(&state, .tracer(.probeWritten(ProbeWrite(operation: .delete, probeID: 41, note: nil, committedAt: now.addingTimeInterval(-10), lsn: "0/3000800", query: "DELETE …"))))
        state.ui.selection[.tracer] = Selection(key: "1", index: 2)
        state.ui.notice = nil
        return state
    }

    func testThePaneAt80x24And200x60() {
        for size in [Size(cols: 80, rows: 24), Size(cols: 200, rows: 60)] {
            let grid = render(state(), size: size, theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
            if let failure = Golden.check(grid, name: "tracer-\(size.cols)x\(size.rows)") { XCTFail(failure) }
        }
    }

    /// The Timeline pane's text at 80×24 beside the Tracer, as one line of words.
    private func timelineWords(_ state: DashboardState) -> String {
        let size = Size(cols: 80, rows: 24)
        let grid = render(state, size: size, theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
        let rect = DashboardLayout(size: size, focus: state.ui.focus, detail: false, shown: PaneID.allCases).panes[.timeline]!
        return grid.lines()[rect.y..<rect.maxY].map { String($0.unicodeScalars.dropFirst(rect.x).prefix(rect.width).map(Character.init)) }
            .joined(separator: " ").replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Beside the Tracer the Timeline is 24 columns: each entry's message is wrapped under its time, so
    /// the newest entries read whole instead of "probe 41 delet…".
    func testTheTimelineBesideTheTracerReadsItsMessagesWhole() {
        let state = state()
        let words = timelineWords(state)
        for entry in state.visibleTimeline.prefix(2) {
            XCTAssertTrue(words.contains(context(entry)), "\(context(entry)) whole in: \(words)")
        }
        XCTAssertFalse(words.contains("TIME"), "no header: the times say what the left column is")
    }

    /// The selected entry stays in view however far down it is, on all its lines.
    func testTheSelectedTimelineEntryStaysInViewWhenStacked() {
        var state = state()
        _ = reduce(&state, .actionRequested(.focus(.timeline)))
        let last = state.visibleTimeline.count - 1
        for _ in 0..<last { _ = reduce(&state, .actionRequested(.scroll(.down))) }
        XCTAssertEqual(state.selectedIndex(.timeline), last)
        let words = timelineWords(state)
        XCTAssertTrue(words.contains(context(state.visibleTimeline[last])), "the oldest entry, selected: \(words)")
    }

    private func context(_ entry: TimelineEntry) -> String {
        RenderContext(state: state(), theme: .builtIn, glyphs: .unicode, timeZone: TimeZone(identifier: "UTC")!).clock(entry.at) + " " + entry.message
    }

    func testTheDetailOfACompleteTrip() {
        var shown = state()
        shown.ui.detailVisible = true
        let grid = render(shown, size: Size(cols: 100, rows: 30), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!)
        if let failure = Golden.check(grid, name: "tracer-detail-100x30") { XCTFail(failure) }
    }
}
