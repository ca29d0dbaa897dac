import EltopConfig
import EltopCore
import EltopPollers
import Foundation

/// `eltop check`: one round of polls on the runtime (two of the source, to sample WAL growth), then
/// the findings as a Nagios plugin reports them. See docs/commands.md.
public enum CheckCommand {
    /// How long WAL growth is sampled: two source readings this far apart. Long enough for a rate over
    /// more than one WAL write, short enough for a plugin's 10 s budget.
    public static let walSampleSeconds: TimeInterval = 3
    /// Nagios' own default plugin timeout.
    public static let defaultTimeoutSeconds: TimeInterval = 10

    /// A usage error: printed with the usage text, exit 64.
    public struct UsageProblem: Error, CustomStringConvertible {
        public let description: String
    }

    /// `--only` and `--timeout`, checked before anything is polled.
    public struct Arguments: Sendable {
        public var areas: [Feed]
        public var timeout: TimeInterval

        /// `timeout` in seconds, as the command line's duration gave it; nil for the default.
        public init(only: String?, timeout: TimeInterval?) throws {
            areas = try CheckCommand.areas(only)
            self.timeout = try CheckCommand.timeout(timeout, areas: areas)
        }
    }

    /// The areas `--only` names ("source,airbyte"); all of them without it.
    public static func areas(_ only: String?) throws -> [Feed] {
        guard let only else { return Feed.allCases }
        let names = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        let valid = Feed.allCases.map(\.rawValue).joined(separator: ", ")
        guard !names.isEmpty else { throw UsageProblem(description: "--only needs at least one of: \(valid)") }
        return try Feed.allCases.filter { feed in names.contains(feed.rawValue) }.withUnknownRefused(names, valid: valid)
    }

    /// The timeout, refused when the WAL-growth sample would not fit in it.
    public static func timeout(_ seconds: TimeInterval?, areas: [Feed]) throws -> TimeInterval {
        guard let seconds else { return defaultTimeoutSeconds }
        if areas.contains(.source), seconds <= walSampleSeconds {
            throw UsageProblem(
                description: "--timeout \(DurationText.short(seconds)) is shorter than the \(DurationText.short(walSampleSeconds)) WAL-growth sample; give at least \(DurationText.short(walSampleSeconds + 1)) (or leave out the source with --only)")
        }
        return seconds
    }

    /// The text to print and the exit status, logging to the log file (never to stdout).
    @MainActor
    public static func run(
        options: AppOptions, _ arguments: Arguments, json: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> (text: String, status: Int32) {
        LoggingSetup.start(options: options, environment: environment)
        return await output(options: options, arguments, json: json)
    }

    /// What `run` prints, once logging is set up. A config that does not load is UNKNOWN, as plugins report it.
    @MainActor
    static func output(options: AppOptions, _ arguments: Arguments, json: Bool) async -> (text: String, status: Int32) {
        let config: Config
        do {
            config = try loadConfig(options: options)
        } catch {
            let line = "ELTOP UNKNOWN - bad config: " + "\(error)".split(separator: "\n").joined(separator: "; ")
            return (line, CheckLevel.unknown.exitStatus)
        }
        let initial = makeInitialState(now: Date(), options: options, config: config)
        let report = await check(initial, feeds: FeedCatalog(config: config, userAgent: "eltop/\(EltopVersion.current)"), areas: arguments.areas, timeout: arguments.timeout)
        return (json ? ((try? report.jsonText()) ?? report.text) : report.text, report.exitStatus)
    }

    /// Polls the `areas` on the runtime until each answered (the source twice), or `timeout`.
    @MainActor
    static func check(
        _ initial: DashboardState, feeds: FeedCatalog, areas: [Feed], timeout: TimeInterval, clock: PollClock = SystemPollClock(),
        sampleSeconds: TimeInterval = walSampleSeconds
    ) async -> CheckReport {
        var catalog = feeds
        catalog.pollers = feeds.pollers.filter { areas.contains($0.feed) }
        let runtime = Runtime(state: initial, feeds: catalog, clock: clock)
        let round = CheckRound(feeds: Set(catalog.pollers.map(\.feed)), sampleSeconds: sampleSeconds, timeout: timeout, clock: clock)
        runtime.subscribe(round)
        _ = await runtime.run()
        runtime.send(.clockTicked(clock.now()))
        var notes: [String] = []
        if let sampled = round.sampledSeconds {
            notes.append(String(format: "WAL growth sampled over %.1fs (two source readings)", sampled))
        } else if areas.contains(.source), runtime.state.source.health.lastSuccessAt != nil, !(runtime.state.source.reading?.slots.isEmpty ?? true) {
            notes.append("WAL growth not sampled: the second source reading did not come before the timeout")
        }
        if round.timedOut { notes.append("stopped at the --timeout of \(DurationText.short(timeout))") }
        if areas.contains(.airbyte) {
            let stall = DurationText.short(runtime.state.verdictMemory.thresholds.stallAfterSeconds)
            notes.append("a stall needs \(stall) of watching: the dashboard judges it, a check of seconds cannot")
        }
        return CheckReport(runtime.state, feeds: areas, notes: notes)
    }
}

extension Array where Element == Feed {
    /// Self, unless `names` holds one that is no area: then a usage error listing the valid ones.
    fileprivate func withUnknownRefused(_ names: [String], valid: String) throws -> [Feed] {
        if let unknown = names.first(where: { Feed(rawValue: $0) == nil }) {
            throw CheckCommand.UsageProblem(description: "--only: unknown area \"\(unknown)\"; valid: \(valid)")
        }
        return self
    }
}
