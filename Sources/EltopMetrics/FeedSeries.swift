import EltopCore

/// `eltop_feed_*{feed}`: whether each of the four systems answers, how old its data is, how its polls go.
enum FeedSeries {
    static func write(_ state: DashboardState, polls: PollStatistics, into out: SeriesWriter) {
        for feed in Feed.allCases {
            let health = state.health(feed)
            let labels: KeyValuePairs = ["feed": feed.rawValue]
            out.gauge("eltop_feed_configured", "1 when the config points at this system.", labels, health.configured)
            guard health.configured else { continue }
            let figures = polls.figures(feed)
            out.gauge("eltop_feed_up", "1 when the last poll succeeded, 0 while polls fail or before the first answer.", labels,
                health.lastError == nil && health.lastSuccessAt != nil)
            out.gauge("eltop_feed_stale", "1 when the data is older than twice the poll interval.", labels, health.isStale(now: state.now))
            out.gauge("eltop_feed_data_age_seconds", "Age of the data shown, at the state's clock.", labels, health.age(now: state.now))
            out.timestamp("eltop_feed_last_success_timestamp_seconds", "When the data shown was observed.", labels, health.lastSuccessAt)
            out.gauge("eltop_feed_consecutive_poll_failures", "Polls failed in a row; 0 after a success.", labels, health.consecutiveFailures)
            out.counter("eltop_feed_poll_errors_total", "Polls that failed since eltop started.", labels, figures.errorsTotal)
            out.gauge("eltop_feed_poll_duration_seconds", "How long the last poll took, cut off by its timeout.", labels, figures.lastDurationSeconds)
            out.gauge("eltop_feed_poll_interval_seconds", "The configured poll interval.", labels, health.pollInterval)
        }
    }
}
