import EltopCore
import EltopPollers
import EltopTerminal
import Foundation

/// `eltop snapshot`: the state once, as JSON (`--json`, a documented interface) or a short summary.
public enum SnapshotOutput {
    /// The text `eltop snapshot [--json]` prints after one poll of every configured feed, all at once,
    /// each cut off by its poll timeout. Logging goes to the log file, never to stdout, so the JSON stays clean.
    @MainActor
    public static func run(options: AppOptions, json: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> String {
        try text(await configuredRound(options: options, environment: environment).state, json: json)
    }

    /// Prints `run`'s text and ends the process at once, with the round's state and the feeds' caches
    /// still held: freeing them first (18,833 nodes of a large dbt manifest, one by one) is work the
    /// exit makes pointless, and was a twentieth of such a snapshot's time.
    @MainActor
    public static func printAndExit(options: AppOptions, json: Bool) async throws -> Never {
        let round = try await configuredRound(options: options, environment: ProcessInfo.processInfo.environment)
        if json {
            // The document's bytes as they are: made a `String` first, 10 MB of a large project's
            // nodes were checked as UTF-8 once more and copied again on their way out.
            writeAll(STDOUT_FILENO, try SnapshotDocument(round.state).jsonBytes()[...])
            writeAll(STDOUT_FILENO, [0x0A])
        } else {
            print(summary(round.state))
        }
        withExtendedLifetime(round) { exit(0) }  // exit flushes stdout, as a return from main would
    }

    /// One round of every configured feed: the state after it, and the feeds, whose caches hold what was read.
    @MainActor
    private static func configuredRound(options: AppOptions, environment: [String: String]) async throws -> (state: DashboardState, feeds: FeedCatalog) {
        LoggingSetup.start(options: options, environment: environment)
        let config = try loadConfig(options: options)
        let feeds = FeedCatalog(config: config, userAgent: "eltop/\(EltopVersion.current)")
        return (await oneRound(makeInitialState(now: Date(), options: options, config: config), feeds: feeds), feeds)
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
