import EltopCore
import Foundation

/// What every pane draws with: the state, the theme, the glyph set, and the time zone for clock times.
public struct RenderContext {
    public let state: DashboardState
    public let theme: Theme
    public let glyphs: Glyphs
    public let timeZone: TimeZone
    /// When old data being drawn was read (the clock is stopped there), nil for live data: what a live
    /// figure says instead of ticking ("running at 11:59:13").
    public private(set) var readAt: Date?
    /// The theme's style of every role, by `Role.ordinal`: a frame asks for styles thousands of times,
    /// and an array read is cheaper than hashing the role into the theme's dictionary each time.
    private let styles: [Style]
    /// Each feed's status and each pane's worst concern, worked out once for the frame: the title bar,
    /// the badges, the footers and the Source hint all ask, and every answer walks the pane's rows.
    private let summary: StatusSummary

    public init(state: DashboardState, theme: Theme, glyphs: Glyphs, timeZone: TimeZone) {
        self.init(state: state, theme: theme, glyphs: glyphs, timeZone: timeZone, styles: Role.allCases.map(theme.style))
    }

    private init(state: DashboardState, theme: Theme, glyphs: Glyphs, timeZone: TimeZone, styles: [Style]) {
        self.state = state
        self.theme = theme
        self.glyphs = glyphs
        self.timeZone = timeZone
        self.styles = styles
        summary = StatusSummary(state)
    }

    public func style(_ role: Role) -> Style { styles[role.ordinal] }

    /// `state.status(feed)`, as of this context's clock.
    public func status(_ feed: Feed) -> Status { summary.status(feed) }

    /// `state.worstConcern(pane)`, as of this context's clock.
    public func worstConcern(_ pane: PaneID) -> PaneConcern? { summary.worstConcern(pane) }

    /// `state.source.assessment(of: slot)` for the slot listed `index`th: the summary's, worked out
    /// once for the frame, when that is the reading's slot at `index` (no filter hides one before it).
    public func assessment(of slot: ReplicationSlot, listedAt index: Int) -> SlotAssessment {
        let assessed = summary.slotAssessments
        if let slots = state.source.reading?.slots, index < slots.count, index < assessed.count, slots[index].name == slot.name {
            return assessed[index]
        }
        return state.source.assessment(of: slot)
    }

    /// The context with the clock stopped at `date` (when nil, unchanged): old data drawn as of its
    /// reading, so its elapsed times and ages do not move while it is old.
    public func asOf(_ date: Date?) -> RenderContext {
        guard let date else { return self }
        var state = state
        state.now = date
        var context = RenderContext(state: state, theme: theme, glyphs: glyphs, timeZone: timeZone, styles: styles)
        context.readAt = date
        return context
    }

    /// The role that shows a status.
    public func role(for status: Status) -> Role {
        switch status {
        case .ok: return .ok
        case .warn: return .warn
        case .crit, .error: return .crit
        case .stale: return .stale
        case .unconfigured: return .muted
        }
    }

    public func role(for severity: Severity) -> Role { role(for: severity.status) }

    /// "14:03:07" in the context's time zone.
    public func clock(_ date: Date) -> String {
        // Plain arithmetic on the zone's offset: a Calendar per timeline row cost more than the rest of a frame.
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let daySeconds = ((local % 86_400) + 86_400) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return two(daySeconds / 3600) + ":" + two(daySeconds / 60 % 60) + ":" + two(daySeconds % 60)
    }

    /// "3s", "2m" since `date`, against the state's clock.
    public func age(_ date: Date) -> String { DurationText.short(state.now.timeIntervalSince(date)) }
}
