import EltopConfig
import EltopCore
import EltopMetrics
import Foundation
import Logging
import Synchronization

/// Serves the runtime's state over HTTP while the runtime runs: the subscriber behind `eltop --metrics`
/// and `eltop serve`.
///
/// It keeps a copy of the newest state (a copy-on-write struct: a copy costs a few retains) where the
/// server's tasks can read it without waiting for the runtime's actor, so a scrape is never held up by
/// a frame being drawn, and never starts a query of its own. Ages are measured at the scrape: the copy's
/// clock is moved to the time of the request (never back), as `snapshot` ends its round with a tick.
@MainActor
public final class MetricsExporter: RuntimeSubscriber {
    public let server: MetricsServer
    private let latest: LatestState
    private let log = Logger(label: "eltop.metrics")

    private init(server: MetricsServer, latest: LatestState) {
        self.server = server
        self.latest = latest
    }

    /// Starts listening on `address` and subscribes to `runtime`; the runtime's poll figures come too.
    /// Throws before anything else starts when the address cannot be used.
    public static func start(
        on address: ListenAddress, config: MetricsConfig, runtime: Runtime, now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> MetricsExporter {
        let latest = LatestState(runtime.state)
        let polls = PollStatistics()
        let answers = ScrapeAnswers(version: EltopVersion.current, limits: MetricsLimits(maxTableSeries: config.maxTableSeries), polls: polls) {
            latest.read(at: now())
        }
        let server = try await MetricsServer.start(at: address, answers: answers)
        let exporter = MetricsExporter(server: server, latest: latest)
        runtime.pollObserver = { feed, seconds, failed in polls.recordPoll(feed, seconds: seconds, failed: failed) }
        runtime.subscribe(exporter)
        exporter.log.info("metrics listening", metadata: ["address": "\(server.address)"])
        if let warning = address.exposureWarning { exporter.log.warning("\(warning)") }
        return exporter
    }

    /// The address from `--metrics`, else `metrics.listen`, else the default; the error says what is accepted.
    nonisolated public static func address(flag: String?, config: MetricsConfig) throws -> ListenAddress {
        guard let text = flag ?? config.listen else { return .default }
        do { return try ListenAddress(parsing: text) } catch { throw AppError(error.description) }
    }

    public func runtimeDidStart(_ runtime: Runtime) {
        latest.replace(runtime.state)
    }

    public func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) {
        if changed { latest.replace(runtime.state) }
    }

    public func runtimeWillStop(_ runtime: Runtime) {
        let server = self.server
        Task { await server.stop() }
    }

    /// Stops the server and waits for it (tests, and `serve` before it returns).
    public func stop() async {
        await server.stop()
    }
}

/// The newest state, shared between the runtime's actor and the server's tasks.
final class LatestState: Sendable {
    private let state: Mutex<DashboardState>

    init(_ state: DashboardState) { self.state = Mutex(state) }

    func replace(_ new: DashboardState) { state.withLock { $0 = new } }

    /// The state with its clock at `now` (or later, if the state is ahead): ages as of the scrape.
    func read(at now: Date) -> DashboardState {
        var copy = state.withLock { $0 }
        if now > copy.now { copy.now = now }
        return copy
    }
}
