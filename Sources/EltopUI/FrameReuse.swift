import EltopCore
import Foundation

/// What of a state decides its frame, so the presenter can tell without drawing whether a new state
/// draws the frame already on screen, and build no frame for a change nobody can see.
///
/// Most polls of a quiet pipeline change the state and nothing on screen: the feed's last success moves
/// (its badge says "<10s" either way) and the source's histories gain a sample like the ones before (a
/// flat sparkline, a rate of 0, a minute's largest value unchanged). The renderer reads that bookkeeping —
/// each feed's last success, the lag and retained-WAL histories, recent and by the minute — only through
/// what `VisibleBookkeeping` collects, so when the two states agree on everything else and on that, the
/// frames agree. Anything else that differs
/// (a reading, the clock, the UI, the timeline, what the verdicts remember) means a frame; so does an
/// open detail view, which shows exact ages and every sample.
///
/// A signature is worked out once per state: the one asked about is, when it differs, the one drawn
/// next, so the presenter keeps it as the drawn frame's instead of working it out again.
public struct FrameSignature {
    public let state: DashboardState
    private let settled: DashboardState
    private let size: Size
    private let bookkeeping: VisibleBookkeeping

    /// - Parameter size: the frame's, as `render` is given it.
    public init(_ state: DashboardState, size: Size, theme: Theme, glyphs: Glyphs, timeZone: TimeZone) {
        self.state = state
        self.size = size
        self.settled = withoutBookkeeping(state)
        self.bookkeeping = VisibleBookkeeping(state, size: size, theme: theme, glyphs: glyphs, timeZone: timeZone)
    }

    /// Whether `render(next.state)` draws the frame `render(state)` drew (same theme and glyphs).
    public func drawsTheSameFrame(as next: FrameSignature) -> Bool {
        guard size == next.size, state.now == next.state.now, !next.state.ui.detailVisible, settled == next.settled else { return false }
        for feed in Feed.allCases where state.health(feed).lastSuccessAt != next.state.health(feed).lastSuccessAt {
            // Old data is drawn as of its last success, which then shows in the pane's own lines.
            guard state.health(feed).phase(now: state.now) == .fresh, next.state.health(feed).phase(now: next.state.now) == .fresh else { return false }
        }
        return bookkeeping == next.bookkeeping
    }
}

/// The state with the bookkeeping a poll moves taken out: what must be equal for the frames to be.
private func withoutBookkeeping(_ state: DashboardState) -> DashboardState {
    var state = state
    for feed in Feed.allCases { state.updateHealth(feed) { $0.lastSuccessAt = nil } }
    state.source.lagHistory = [:]
    state.source.retainedHistory = [:]
    state.source.lagHour = [:]
    state.source.retainedHour = [:]
    return state
}

/// Everything on screen that is worked out from the bookkeeping: the panes' badges, the feeds' status
/// marks, the panes' concerns, the title bar's verdict, the Source pane's rows (activity, rate, trend,
/// severity) and hint, and the minutes its charts plot. Of the Source pane's rows, only the columns its
/// width shows: where the rate and the sparkline are cut, a poll that moves only them draws nothing.
private struct VisibleBookkeeping: Equatable {
    var badges: [String] = []
    var statuses: [Status] = []
    var concerns: [PaneConcern?] = []
    var freshness: String?
    var sourceRows: [[TableCell]] = []
    var sourceHint: String?
    var chartSamples: [[Sample]] = []

    init(_ state: DashboardState, size: Size, theme: Theme, glyphs: Glyphs, timeZone: TimeZone) {
        let context = RenderContext(state: state, theme: theme, glyphs: glyphs, timeZone: timeZone)
        for pane in PaneID.allCases {
            let (text, role) = PaneFrame.badge(pane, context)
            badges.append("\(role.rawValue) \(text ?? "")")
            concerns.append(state.worstConcern(pane))
        }
        statuses = Feed.allCases.map { state.status($0) }
        freshness = state.freshnessVerdict
        let slots = state.visibleSlots
        let layout = DashboardLayout(size: size, focus: state.ui.focus, detail: state.ui.detailVisible, shown: state.shownPanes)
        let shown = layout.panes[.source].map { SourcePane.shownColumnCount(width: PaneFrame.bodyRect($0).width) } ?? 0
        // With the WAL column cut, a row differs only by the slot's WAL status, which is in the reading.
        sourceRows = slots.enumerated().map { index, slot in
            Array(SourcePane.row(for: slot, figures: context.assessment(of: slot, listedAt: index), walShown: true, state: state, context: context).prefix(shown))
        }
        sourceHint = SourcePane.hint(for: slots, context: context)?.text
        // The charts draw the hour histories whole (the window is the clock's, equal on both sides).
        for slot in slots {
            for series in SourcePane.chartSeries(for: slot.name, state.source) { chartSamples.append(series.history?.minutes.elements ?? []) }
        }
    }
}
