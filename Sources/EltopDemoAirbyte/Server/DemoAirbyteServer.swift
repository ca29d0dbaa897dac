import EltopReplication
import Foundation

/// The demo's Airbyte server: the public API, the config API and the old standalone paths on
/// 127.0.0.1, over the jobs of one connection whose syncs `engine` runs.
///
/// The entry point for `eltop demo` and `eltop demo-airbyte`: `start` returns once every port listens,
/// with the URLs to give a client; `stop` cancels the running jobs (recorded as cancelled) and closes the
/// ports. A job cut off by a crash instead is failed when the history is next loaded (see `JobStore`).
public final class DemoAirbyteServer: Sendable {
    /// `http://127.0.0.1:PORT` of the main port: what `AIRBYTE_SERVER_NAME`/eltop's `airbyte.server` takes.
    public let baseURL: URL
    /// The second port's URL, when one was asked for.
    public let extraURL: URL?
    public let connection: DemoConnection
    public let auth: DemoAuthMode
    private let listeners: [Listener]
    private let jobs: JobService
    private let schedule: Task<Void, Never>?

    private init(baseURL: URL, extraURL: URL?, connection: DemoConnection, auth: DemoAuthMode, listeners: [Listener], jobs: JobService, schedule: Task<Void, Never>?) {
        self.baseURL = baseURL
        self.extraURL = extraURL
        self.connection = connection
        self.auth = auth
        self.listeners = listeners
        self.jobs = jobs
        self.schedule = schedule
    }

    /// Loads the job history, listens on every port and starts the schedule. The engine is the real
    /// replication unless a caller (a test) brings its own. Nothing is left
    /// listening when it throws (a taken second port closes the first).
    public static func start(_ config: DemoAirbyteConfig, engine: any SyncEngine = PostgresSyncEngine()) async throws -> DemoAirbyteServer {
        let store = try JobStore(historyURL: config.historyURL, clock: config.clock)
        let jobs = JobService(store: store, engine: engine, replication: config.replication, policy: config.policy)
        let backend = AirbyteBackend(connection: config.connection, jobs: jobs, auth: Authenticator(mode: config.auth, clock: config.clock), clock: config.clock)
        let router = Router(backend: backend)
        var listeners: [Listener] = []
        do {
            for port in [config.port] + (config.extraPort.map { [$0] } ?? []) {
                listeners.append(try await Listener.start(host: config.host, port: port, router: router, config: config))
            }
        } catch {
            for listener in listeners { await listener.stop() }
            throw error
        }
        let schedule = config.connection.schedule.map { schedule in
            Task { await ScheduledSyncs(service: jobs, connectionID: config.connection.id, interval: .seconds(schedule.minutes * 60)).run() }
        }
        let url = { (listener: Listener) in URL(string: "http://\(config.host):\(listener.port)")! }
        return DemoAirbyteServer(
            baseURL: url(listeners[0]), extraURL: listeners.count > 1 ? url(listeners[1]) : nil, connection: config.connection,
            auth: config.auth, listeners: listeners, jobs: jobs, schedule: schedule)
    }

    /// The ports in listening order (the main one first).
    public var ports: [Int] { listeners.map(\.port) }

    /// Stops the schedule, cancels the running jobs, waits for their attempts to stop, closes the ports.
    public func stop() async {
        schedule?.cancel()
        for job in await jobs.store.allJobs() where job.isActive { _ = try? await jobs.cancel(job.id) }
        await jobs.stopAll()
        for listener in listeners { await listener.stop() }
    }

    /// The connection's running (or between-attempts) job, if any.
    public func activeJobID() async -> Int64? { await jobs.store.activeJob(of: connection.id)?.id }

    /// Waits until a job's attempts have all ended (tests, and a command that runs one sync and exits).
    public func waitForJob(_ id: Int64) async { await jobs.waitUntilFinished(id) }
}
