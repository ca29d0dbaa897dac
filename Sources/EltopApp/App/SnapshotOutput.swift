import EltopCore
import EltopPollers
import Foundation

/// `eltop snapshot`: the state once, as JSON (`--json`, a documented interface) or a short summary.
public enum SnapshotOutput {
    /// The text `eltop snapshot [--json]` prints after one poll of every configured feed, all at once,
    /// each cut off by its poll timeout. Logging goes to the log file, never to stdout, so the JSON stays clean.
    @MainActor
    public static func run(options: AppOptions, json: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> String {
        LoggingSetup.start(options: options, environment: environment)
        let config = try loadConfig(options: options)
        let state = await oneRound(makeInitialState(now: Date(), options: options, config: config), feeds: FeedCatalog(config: config, userAgent: "eltop/\(EltopVersion.current)"))
        return try text(state, json: json)
    }

    /// The state after one round of polls on the runtime, with ages measured at the end of the round.
    @MainActor
    static func oneRound(_ initial: DashboardState, feeds: FeedCatalog, clock: PollClock = SystemPollClock(), alongside others: [RuntimeSubscriber] = []) async -> DashboardState {
        let runtime = Runtime(state: initial, feeds: feeds, clock: clock)
        for subscriber in others { runtime.subscribe(subscriber) }
        runtime.subscribe(OneRoundOfPolls(feeds: Set(feeds.pollers.map(\.feed))))
        _ = await runtime.run()
        runtime.send(.clockTicked(clock.now()))
        return runtime.state
    }

    public static func text(_ state: DashboardState, json: Bool) throws -> String {
        json ? try SnapshotDocument(state).jsonText() : summary(state)
    }

    /// One line per section: name, status, and what explains it (the data's age, the error, the hint).
    static func summary(_ state: DashboardState) -> String {
        var lines: [String] = []
        for feed in Feed.allCases {
            let health = state.health(feed)
            let status = state.status(feed)
            var line = feed.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + status.rawValue
            if !health.configured {
                line += ": " + health.configureHint
            } else if let error = health.lastError {
                line += ": " + error
            } else if let age = health.age(now: state.now) {
                line += ", data from \(DurationText.short(age)) ago"
            }
            lines.append(line)
        }
        lines.append("events".padding(toLength: 10, withPad: " ", startingAt: 0) + "\(state.timeline.entries.count)")
        return lines.joined(separator: "\n")
    }
}
