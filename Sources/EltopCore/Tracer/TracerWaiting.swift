import Foundation

/// What a trip waits for, and the end-to-end verdict, in words. Pure, so the pane and `nextDeadline`
/// agree on when the countdown changes.
extension DashboardState {
    /// "waiting for the next sync — schedule every 60s, next in 23s", "waiting for a transform: press t", ...
    public func tracerWaiting(_ trip: ProbeTrip) -> String? {
        if let failure = trip.failure { return "failed: \(failure)" }
        if tracer.tracing, let hop = trip.nextHop, hop != .committed {
            return "reading \(hop == .staging ? tracer.stagingTable : tracer.rawTable)…"
        }
        guard let waiting = waitingForEnd(trip) else { return nil }
        // A failed read does not fail the trip: the next end reads again, and until then the hop says why it has no answer.
        return tracer.traceError.map { "last read failed: \($0); \(waiting)" } ?? waiting
    }

    /// The sync or transform whose end reads the hop the trip waits for.
    private func waitingForEnd(_ trip: ProbeTrip) -> String? {
        switch trip.nextHop {
        case .committed, nil:
            return nil
        case .sync, .raw:
            guard airbyte.health.configured else {
                return tracer.warehouseBillsPerQuery
                    ? "waiting for a transform (t): \(tracer.rawTable) is read when one ends, never at a poll"
                    : "waiting for \(tracer.rawTable) (checked at each warehouse poll)"
            }
            guard let connection = tracerConnection else { return "waiting for a sync: no Airbyte connection seen yet" }
            if let running = connection.runningJob { return "waiting for sync job \(running.id) to finish" }
            if let next = nextScheduledSync(connection) {
                let left = next.timeIntervalSince(now)
                let when = left > 0 ? "next in \(DurationText.short(left))" : "due now"
                return "waiting for the next sync — schedule \(Self.scheduleWords(connection.schedule)), \(when)"
            }
            return "waiting for a sync: press s"
        case .staging:
            if dbt.invocation?.isRunning == true { return "waiting for the dbt run to finish" }
            return dbt.health.configured ? "waiting for a transform: press t" : "waiting for a transform (dbt is not configured in eltop)"
        }
    }

    /// When the probe connection's schedule starts the next sync: its last job's start plus the interval.
    public func nextScheduledSync(_ connection: AirbyteConnection) -> Date? {
        guard let interval = Self.scheduleInterval(connection.schedule),
            let last = connection.jobs.compactMap(\.startedAt).max()
        else { return nil }
        var next = last.addingTimeInterval(interval)
        while next < now.addingTimeInterval(-interval) { next = next.addingTimeInterval(interval) }
        return next
    }

    /// "Every 60 seconds", "every 24 hours": the interval; nil for manual and cron schedules.
    static func scheduleInterval(_ schedule: String?) -> TimeInterval? {
        let words = (schedule ?? "").lowercased().split(separator: " ")
        guard words.count == 3, words[0] == "every", let count = Double(words[1]), count > 0 else { return nil }
        let unit = words[2]
        if unit.hasPrefix("sec") { return count }
        if unit.hasPrefix("min") { return count * 60 }
        if unit.hasPrefix("hour") { return count * 3_600 }
        if unit.hasPrefix("day") { return count * 86_400 }
        return nil
    }

    /// "every 60s", "every 2h": the schedule in the dashboard's own units.
    static func scheduleWords(_ schedule: String?) -> String {
        guard let interval = scheduleInterval(schedule) else { return schedule ?? "manual" }
        if interval < 120 { return "every \(Int(interval))s" }
        if interval < 7_200 { return "every \(Int(interval / 60))m" }
        return "every \(Int(interval / 3_600))h"
    }

    /// The title bar's end-to-end verdict: the last completed probe's commit-to-staging time; without one
    /// (or without the tracer), the best proof there is: how long ago staging last changed, beside when
    /// eltop last saw the source's published tables take writes — a write after staging's change is not
    /// in staging yet. Nil when staging's age is not known either.
    public var freshnessVerdict: String? {
        if let total = lastTripTotal { return "source → staging \(DurationText.short(total))" }
        guard let staged = stagingChangedAt else { return nil }
        let verdict = "staging changed \(DurationText.coarse(max(0, now.timeIntervalSince(staged)))) ago"
        guard let wrote = source.writesSeenAt else { return verdict }
        return verdict + (wrote > staged ? ", source wrote \(DurationText.coarse(max(0, now.timeIntervalSince(wrote)))) ago" : ", source quiet since")
    }

    /// The ages the verdict shows, for `nextDeadline`: none once a trip's total is the verdict.
    public var freshnessAges: [Date] {
        guard lastTripTotal == nil, let staged = stagingChangedAt else { return [] }
        return [staged] + (source.writesSeenAt.map { $0 > staged ? [$0] : [] } ?? [])
    }

    private var lastTripTotal: TimeInterval? { tracer.configured ? tracer.lastCompleted?.total : nil }

    /// The newest `last_altered` of the staging tables the Warehouse pane reads.
    private var stagingChangedAt: Date? { warehouse.stagingChangedAt }

    /// The moments the tracer's texts change with time alone: the next-sync countdowns.
    var tracerDeadlines: [Date] {
        guard tracer.configured, let connection = tracerConnection, connection.runningJob == nil,
            tracer.inFlight.contains(where: { $0.nextHop == .sync || $0.nextHop == .raw }),
            let next = nextScheduledSync(connection)
        else { return [] }
        return [next]
    }
}
