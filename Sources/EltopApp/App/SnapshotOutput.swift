import EltopCore
import EltopPollers
import Foundation

/// `eltop snapshot`: the state once, as JSON (`--json`, a documented interface) or a short summary.
public enum SnapshotOutput {
    /// The text `eltop snapshot [--json]` prints after one poll of every configured feed, all at once,
    /// each cut off by its poll timeout. Logging goes to the log file, never to stdout, so the JSON stays clean.
    public static func run(options: AppOptions, json: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> String {
        LoggingSetup.start(options: options, environment: environment)
        let config = try loadConfig(options: options)
        var state = makeInitialState(now: Date(), options: options, config: config)
        for event in await pollOnce(FeedCatalog(config: config, userAgent: "eltop/\(EltopVersion.current)")) { _ = reduce(&state, event) }
        _ = reduce(&state, .clockTicked(Date()))
        return try text(state, json: json)
    }

    /// One poll of each of the catalog's pollers, concurrently; their events in the catalog's order.
    static func pollOnce(_ catalog: FeedCatalog) async -> [Event] {
        await withTaskGroup(of: (Int, Event).self) { group in
            for (index, poller) in catalog.pollers.enumerated() {
                let schedule = catalog.schedules[poller.feed] ?? PollSchedule(intervalSeconds: 10)
                group.addTask { (index, await PollRunner(poller: poller, schedule: schedule, sink: { _ in }).pollOnce()) }
            }
            var events: [(Int, Event)] = []
            for await event in group { events.append(event) }
            return events.sorted { $0.0 < $1.0 }.map(\.1)
        }
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
