import Foundation

/// Poll outcomes: health bookkeeping and the timeline entries for failures, recoveries and staleness.
extension DashboardState {
    mutating func tick(to newNow: Date) {
        let before = Feed.allCases.map { health($0).phase(now: now) }
        now = newNow
        for (feed, old) in zip(Feed.allCases, before) where old == .fresh && health(feed).phase(now: now) == .stale {
            let age = health(feed).age(now: now) ?? 0
            log(feed, .warn, "no new data for \(DurationText.short(age)): showing stale figures")
        }
    }

    mutating func applySuccess(_ reading: Reading, at: Date) {
        let feed = reading.feed
        let wasFailing = health(feed).lastError != nil
        let wasStale = health(feed).phase(now: now) == .stale
        updateHealth(feed) { health in
            health.lastSuccessAt = at
            health.lastError = nil
            health.lastFailureAt = nil
            health.consecutiveFailures = 0
            health.nextAttemptAt = nil
        }
        if wasFailing {
            log(feed, .ok, "recovered", at: at)
        } else if wasStale {
            log(feed, .ok, "fresh data again", at: at)
        }
        rememberForVerdicts(reading, at: at)
        switch reading {
        case .source(let r): applySource(r, at: at)
        case .airbyte(let r): applyAirbyte(r, at: at)
        case .warehouse(let r): applyWarehouse(r, at: at)
        case .dbt(let r): applyDbt(r, at: at)
        }
    }

    mutating func applyFailure(_ feed: Feed, message: String, at: Date, nextAttemptAt: Date?) {
        let previous = health(feed).lastError
        updateHealth(feed) { health in
            health.lastError = message
            health.lastFailureAt = at
            health.consecutiveFailures += 1
            health.nextAttemptAt = nextAttemptAt
        }
        // One entry per change of error, not one per retry: a down system must not flood the timeline.
        if previous != message {
            log(feed, .crit, "poll failed: \(message)", at: at)
        }
    }

    /// Adds a timeline entry from a feed, stamped with `at` or the state's current time.
    mutating func log(_ feed: Feed, _ severity: Severity, _ message: String, at: Date? = nil) {
        timeline.add(TimelineEntry(at: at ?? now, origin: TimelineOrigin(feed), severity: severity, message: message))
    }
}
