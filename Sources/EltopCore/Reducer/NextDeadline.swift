import Foundation

/// The next moment anything on screen can change with time alone, or nil when nothing can until the next
/// event. The runtime sleeps until then and sends `clockTicked`; headless commands use the same deadline.
///
/// Exact rather than periodic: an age shown as "3s" changes when it becomes "4s", one shown as "12m"
/// only at "13m", so an idle dashboard wakes once per visible change and never in between. A fresh
/// feed's badge shows its age coarsely (`DurationText.coarse`), so it wakes only at those steps and at
/// staleness, where the badge turns to the exact age. What counts:
/// every feed's age in its pane badge, its staleness at twice its interval, a failing feed's retry
/// countdown, running Airbyte jobs' and dbt runs' elapsed times, the moment a running job's pace turns
/// quiet or stalled (and the duration it then shows), the title bar's freshness verdict, and the ages an
/// open detail view shows.
public func nextDeadline(_ state: DashboardState) -> Date? {
    var clock = DeadlineSet(now: state.now)
    for feed in Feed.allCases {
        let health = state.health(feed)
        guard health.configured else { continue }
        if let observed = health.lastSuccessAt {
            if health.phase(now: state.now) == .fresh { clock.coarseAge(since: observed) } else { clock.age(since: observed) }
            clock.at(observed.addingTimeInterval(2 * health.pollInterval + DeadlineSet.justAfter))
        }
        if health.lastError != nil, let retry = health.nextAttemptAt { clock.countdown(to: retry) }
    }
    let activeJobs = (state.airbyte.reading?.connections ?? []).flatMap(\.jobs).filter(\.status.isActive)
    for job in activeJobs {
        if let started = job.startedAt { clock.age(since: started) }
        if let moved = state.airbyte.statsChangedAt[job.id] { clock.age(since: moved) }
    }
    if let run = state.dbt.invocation, run.endedAt == nil {
        clock.age(since: run.startedAt)
        for node in run.nodes.values where node.status == .running {
            if let started = node.startedAt { clock.tenths(since: started) }
        }
    }
    for date in state.tracerDeadlines { clock.countdown(to: date) }
    for since in state.freshnessAges { clock.coarseAge(since: since) }
    if let run = state.pipeline, run.isActive {
        if let deadline = run.deadline { clock.at(deadline) }
        if let started = run.steps.first(where: { $0.status == .running })?.startedAt { clock.age(since: started) }
    }
    let pace = state.paceClock
    for date in pace.turns { clock.at(date.addingTimeInterval(DeadlineSet.justAfter)) }
    for start in pace.ages { clock.age(since: start) }
    for slot in state.source.reading?.slots ?? [] {
        if let loss = state.slotLoss(of: slot), loss.severity > .ok { clock.shortCountdown(to: loss.lostAt) }
    }
    if state.ui.detailVisible {
        for date in detailAges(state) { clock.age(since: date) }
    }
    return clock.earliest
}

/// The ages an open detail view may show: connections' last success, tables' freshness.
private func detailAges(_ state: DashboardState) -> [Date] {
    var dates = (state.airbyte.reading?.connections ?? []).compactMap(\.lastSuccessfulSyncAt)
    if let warehouse = state.warehouse.reading {
        dates += warehouse.tables.flatMap { [$0.lastAltered, $0.extractedAt].compactMap { $0 } }
        if let checked = warehouse.freshnessCheckedAt { dates.append(checked) }
    }
    return dates
}

/// The earliest of the moments after `now` at which a displayed time changes.
struct DeadlineSet {
    /// Past a boundary by a hair, so the tick lands where the display has already changed (ages are
    /// rounded down, and `Date` arithmetic can land a nanosecond short).
    static let justAfter: TimeInterval = 0.000_5
    let now: Date
    private(set) var earliest: Date?

    init(now: Date) { self.now = now }

    mutating func at(_ date: Date) {
        guard date > now else { return }
        if earliest.map({ date < $0 }) ?? true { earliest = date }
    }

    /// An age shown by `DurationText.short`: the next moment its text changes.
    mutating func age(since start: Date) {
        let elapsed = max(0, now.timeIntervalSince(start))
        at(start.addingTimeInterval(DurationText.nextChange(after: elapsed) + Self.justAfter))
    }

    /// An age shown by `DurationText.coarse`: the next moment its text changes.
    mutating func coarseAge(since start: Date) {
        let elapsed = max(0, now.timeIntervalSince(start))
        at(start.addingTimeInterval(DurationText.nextCoarseChange(after: elapsed) + Self.justAfter))
    }

    /// An elapsed time shown in tenths of a second under a minute (`NumberText.seconds`), then as an age.
    mutating func tenths(since start: Date) {
        let elapsed = max(0, now.timeIntervalSince(start))
        guard elapsed < 60 else { return age(since: start) }
        at(start.addingTimeInterval(((elapsed + Self.justAfter) * 10).rounded(.down) / 10 + 0.1 + Self.justAfter))
    }

    /// Time left shown by `DurationText.short` ("lost in 2h5m", rounded down): the next moment it
    /// crosses a step of the display.
    mutating func shortCountdown(to end: Date) {
        let left = end.timeIntervalSince(now)
        guard left > 0 else { return }
        let step: TimeInterval = left <= 600 ? 1 : left <= 86_400 ? 60 : 3_600
        let past = left.truncatingRemainder(dividingBy: step)
        at(now.addingTimeInterval(past + Self.justAfter))
    }

    /// A countdown shown in whole seconds ("Retry in 7s"): it changes each time a second has passed.
    mutating func countdown(to end: Date) {
        let left = end.timeIntervalSince(now)
        guard left > 0 else { return }
        let whole = (left - Self.justAfter).rounded(.down)
        at(end.addingTimeInterval(-whole + Self.justAfter))
    }
}

extension DurationText {
    /// The elapsed seconds at which `short(seconds)` next shows something else: every second under ten
    /// minutes ("9m59s"), every minute under a day ("2h5m"), every hour beyond.
    public static func nextChange(after seconds: TimeInterval) -> TimeInterval {
        let s = max(0, seconds + DeadlineSet.justAfter).rounded(.down)
        let step: TimeInterval = s < 600 ? 1 : s < 86_400 ? 60 : 3_600
        return (s / step).rounded(.down) * step + step
    }

    /// The elapsed seconds at which `coarse(seconds)` next shows something else: every ten seconds
    /// under a minute, every minute under a day, every hour beyond.
    public static func nextCoarseChange(after seconds: TimeInterval) -> TimeInterval {
        let s = max(0, seconds + DeadlineSet.justAfter).rounded(.down)
        let step = coarseStep(s)
        return (s / step).rounded(.down) * step + step
    }
}
