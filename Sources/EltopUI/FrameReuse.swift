import EltopCore
import Foundation

/// Whether `render(next)` draws the frame `render(drawn)` drew, told from the two states without drawing,
/// so the presenter builds no frame for a change nobody can see.
///
/// Most polls of a quiet pipeline change the state and nothing on screen: the feed's last success moves
/// (its badge says "<10s" either way) and the source's histories gain a sample like the ones before (a
/// flat sparkline, a rate of 0). The renderer reads that bookkeeping — each feed's last success, the lag
/// and retained-WAL histories — only through the texts `VisibleBookkeeping` collects, so when the two
/// states agree on everything else and on those texts, the frames agree. Anything else that differs
/// (a reading, the clock, the UI, the timeline, what the verdicts remember) means a frame; so does an
/// open detail view, which shows exact ages and every sample.
public func drawsTheSameFrame(_ drawn: DashboardState, _ next: DashboardState, theme: Theme, glyphs: Glyphs, timeZone: TimeZone) -> Bool {
    guard drawn.now == next.now, !next.ui.detailVisible else { return false }
    guard withoutBookkeeping(drawn) == withoutBookkeeping(next) else { return false }
    for feed in Feed.allCases where drawn.health(feed).lastSuccessAt != next.health(feed).lastSuccessAt {
        // Old data is drawn as of its last success, which then shows in the pane's own lines.
        guard drawn.health(feed).phase(now: drawn.now) == .fresh, next.health(feed).phase(now: next.now) == .fresh else { return false }
    }
    return VisibleBookkeeping(drawn, theme: theme, glyphs: glyphs, timeZone: timeZone)
        == VisibleBookkeeping(next, theme: theme, glyphs: glyphs, timeZone: timeZone)
}

/// The state with the bookkeeping a poll moves taken out: what must be equal for the frames to be.
private func withoutBookkeeping(_ state: DashboardState) -> DashboardState {
    var state = state
    for feed in Feed.allCases { state.updateHealth(feed) { $0.lastSuccessAt = nil } }
    state.source.lagHistory = [:]
    state.source.retainedHistory = [:]
    return state
}

/// Everything on screen that is worked out from the bookkeeping: the panes' badges, the feeds' status
/// marks, the panes' concerns, the title bar's verdict, the Source pane's rows (activity, rate, trend,
/// severity) and hint, and the samples its charts plot with their scale (the largest value kept).
private struct VisibleBookkeeping: Equatable {
    var badges: [String] = []
    var statuses: [Status] = []
    var concerns: [PaneConcern?] = []
    var freshness: String?
    var sourceRows: [[TableCell]] = []
    var sourceHint: String?
    var chartSamples: [[Sample]] = []
    var chartHighs: [Double?] = []

    init(_ state: DashboardState, theme: Theme, glyphs: Glyphs, timeZone: TimeZone) {
        let context = RenderContext(state: state, theme: theme, glyphs: glyphs, timeZone: timeZone)
        for pane in PaneID.allCases {
            let (text, role) = PaneFrame.badge(pane, context)
            badges.append("\(role.rawValue) \(text ?? "")")
            concerns.append(state.worstConcern(pane))
        }
        statuses = Feed.allCases.map { state.status($0) }
        freshness = state.freshnessVerdict
        let slots = state.visibleSlots
        // With the WAL column cut, a row differs only by the slot's WAL status, which is in the reading.
        sourceRows = slots.enumerated().map { index, slot in
            SourcePane.row(for: slot, figures: context.assessment(of: slot, listedAt: index), walShown: true, state: state, context: context)
        }
        sourceHint = SourcePane.hint(for: slots, context: context)?.text
        let window = SourcePane.chartWindow(state)
        for slot in slots {
            for history in [state.source.lagHistory[slot.name], state.source.retainedHistory[slot.name]] {
                chartSamples.append((history?.samples.elements ?? []).filter { window.contains($0.at) })
                chartHighs.append(history?.values.max())
            }
        }
    }
}
