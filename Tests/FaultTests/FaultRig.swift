import EltopConfig
import EltopCore
import EltopHTTP
import EltopPostgres
import EltopSnowflake
import EltopTestSupport
import EltopUI
import Foundation
import Synchronization
import XCTest

@testable import EltopPollers

/// Real feeds side by side — the source on a Postgres cluster, Airbyte on the loopback fake, dbt on
/// artifacts in a temp dir, and when asked the warehouse on the fake Snowflake SQL API (real libcurl, a
/// real key-pair JWT) — each behind its own `PollRunner`, feeding one `DashboardState` through the real
/// reducer. A fault case breaks one feed, polls every feed once, checks what the state and the screen
/// say, clears the fault and checks that one more poll brings the feed back.
///
/// `stop()` also checks that no child process of the test's is left behind by the case.
///
/// `@unchecked Sendable`: its mutable fields, `state` and `runners`, are used by one test at a time
/// from that test's task, one call after another (each awaited before the next); nothing of it runs
/// concurrently with itself.
final class FaultRig: @unchecked Sendable {
    let pg: TestPostgres
    let airbyte: AirbyteTestServer
    let dbtTarget: URL
    let airbyteAPI: AirbyteAPI
    let connectionID: String
    /// The Snowflake SQL API fake, when the rig has a warehouse feed.
    let snowflake: FakeSQLAPI?
    /// The clock eltop's Snowflake client signs JWTs by.
    let snowflakeClientClock = ClockShift()
    let feeds: [Feed]
    private let keyPath: String?
    private(set) var state: DashboardState
    private var runners: [Feed: PollRunner] = [:]
    private let ownsCluster: Bool
    /// The test process's children before the rig started (earlier tests' processes are not this case's).
    private let childrenBefore = Set(ChildProcesses.ofThisProcess())

    /// - Parameters:
    ///   - pg: a cluster of the test's own when the fault is the cluster's; else the shared one.
    ///   - sourceSettings: the source connection's session settings (a short statement timeout for the slow case).
    ///   - sourcePollTimeout: the source poll's own time limit (a short one for the case past it).
    ///   - airbyteAuth, airbyteClientAuth: how the fake checks credentials and how eltop presents them.
    ///   - withSnowflake: a fourth feed, the warehouse on the SQL API fake; raw's tables come in three
    ///     result pages, so every poll fetches partitions 2 and 3.
    init(
        pg: TestPostgres? = nil, sourceConninfo: String? = nil, sourceSettings: PGConnection.SessionSettings = .init(), sourcePollTimeout: Double = 4,
        airbyteAuth: AirbyteFakeAuth = .none, airbyteClientAuth: AirbyteAuth = .none, airbyteTimeout: Double = 5,
        withSnowflake: Bool = false
    ) async throws {
        ownsCluster = pg != nil
        self.pg = try pg ?? TestPostgres.shared()
        airbyte = try AirbyteTestServer(auth: airbyteAuth)
        try await airbyte.start()
        let connection = await airbyte.fake.addConnection(name: "orders_cdc")
        _ = await airbyte.fake.createJob(connectionID: connection, status: "running")
        connectionID = connection

        dbtTarget = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("eltop-fault-dbt-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dbtTarget, withIntermediateDirectories: true)
        for name in ["manifest.json", "run_results.json"] {
            try FileManager.default.copyItem(
                at: DbtFixtureProject.fixtures.appendingPathComponent("artifacts").appendingPathComponent(name),
                to: dbtTarget.appendingPathComponent(name))
        }

        let http = HTTPClient(userAgent: "eltop/fault-test")
        let endpoints = AirbyteEndpoints(baseURL: URL(string: airbyte.baseURL)!)
        airbyteAPI = AirbyteAPI(
            endpoints: endpoints, http: http,
            credentials: AirbyteCredentials(auth: airbyteClientAuth, tokenURL: endpoints.tokenURL, http: http), timeoutSeconds: airbyteTimeout)
        var pollers: [Poller] = [
            SourcePoller(connection: PGConnection(conninfo: sourceConninfo ?? self.pg.url(), settings: sourceSettings), slotNames: nil),
            AirbytePoller(api: airbyteAPI, connectionIDs: [connection]),
            DbtArtifactPoller(projectDir: dbtTarget.path, targetDir: dbtTarget.path),
        ]
        if withSnowflake {
            let (api, keyPath) = try await FakeSQLAPI.startedWithKeyFile(named: "eltop-fault-sf")
            api.script(
                "SHOW TABLES IN SCHEMA ANALYTICS.raw",
                .result(.showTables([("RAW", "ORDERS", 1200, 4096), ("RAW", "CUSTOMERS", 17, 512), ("RAW", "PAYMENTS", 90, 1024)]), partitions: 3))
            api.script("SHOW TABLES IN SCHEMA ANALYTICS.staging", .result(.showTables([("STAGING", "STG_ORDERS", 1200, 4096)])))
            let jwt = try KeyPairJWT(account: "myorg.myaccount", user: "eltop_monitor", privateKeyPath: keyPath)
            var options = SnowflakeClient.Options()
            options.firstPauseSeconds = 0.05
            let clock = snowflakeClientClock
            let client = SnowflakeClient(baseURL: api.baseURL, credential: .keyPair(jwt), options: options, now: { clock.now })
            let warehouse = SnowflakeWarehouse(client: client, database: "ANALYTICS", virtualWarehouse: nil, role: nil)
            pollers.append(WarehousePoller(warehouse: warehouse, layout: WarehouseLayout(), freshnessIntervalSeconds: nil))
            snowflake = api
            self.keyPath = keyPath
        } else {
            snowflake = nil
            keyPath = nil
        }
        feeds = pollers.map(\.feed)
        for poller in pollers {
            let timeout = poller.feed == .source ? sourcePollTimeout : 4
            runners[poller.feed] = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 2, timeoutSeconds: timeout), random: { 0.5 }, sink: { _ in })
        }
        func on() -> FeedHealth { FeedHealth(configured: true, configureHint: "", pollInterval: 2) }
        func off() -> FeedHealth { FeedHealth(configured: false, configureHint: "not configured", pollInterval: 2) }
        state = DashboardState(
            now: Date(), source: SourceState(health: on()), airbyte: AirbyteState(health: on()),
            warehouse: WarehouseState(health: withSnowflake ? on() : off()), dbt: DbtState(health: on()))
    }

    /// Takes the rig down, then checks that the case left no child process (exited or not) behind.
    func stop(file: StaticString = #filePath, line: UInt = #line) async {
        await airbyte.stop()
        await snowflake?.stop()
        if let keyPath { try? FileManager.default.removeItem(atPath: keyPath) }
        try? FileManager.default.removeItem(at: dbtTarget)
        if ownsCluster { pg.stop() }
        let children = ChildProcesses.ofThisProcess().filter { !childrenBefore.contains($0) }
        XCTAssertEqual(children, [], "child processes left behind: \(children)", file: file, line: line)
    }

    /// One poll of every feed at once, as the dashboard's runners do, reduced in arrival order; then
    /// the clock moves to the latest event so ages are measured from then.
    @discardableResult
    func pollAll() async -> [Feed: Event] {
        let events = await withTaskGroup(of: Event.self) { group in
            for runner in runners.values { group.addTask { await runner.pollOnce() } }
            var events: [Event] = []
            for await event in group { events.append(event) }
            return events
        }
        var byFeed: [Feed: Event] = [:]
        for event in events {
            _ = reduce(&state, event)
            if case .pollSucceeded(let reading, _) = event { byFeed[reading.feed] = event }
            if case .pollFailed(let feed, _, _, _) = event { byFeed[feed] = event }
        }
        let latest = events.compactMap(\.observedAt).max() ?? Date()
        _ = reduce(&state, .clockTicked(max(latest, state.now)))
        return byFeed
    }

    /// The screen as a user sees it, 160×48.
    var screen: String {
        GoldenText.render(render(state, size: Size(cols: 160, rows: 48), theme: .builtIn, timeZone: TimeZone(identifier: "UTC")!))
    }

    /// Everything works: the baseline every fault starts from.
    func assertAllWorking(_ context: String, file: StaticString = #filePath, line: UInt = #line) {
        for feed in feeds {
            XCTAssertNil(state.health(feed).lastError, "\(context): \(feed) \(state.health(feed).lastError ?? "")", file: file, line: line)
            XCTAssertNotNil(state.health(feed).lastSuccessAt, "\(context): \(feed) never succeeded", file: file, line: line)
        }
    }

    /// The faulted feed shows its error over its last data, with the data's age; the others keep working.
    func assertFault(_ faulted: Feed, says expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let health = state.health(faulted)
        XCTAssertEqual(state.status(faulted), .error, "\(faulted)", file: file, line: line)
        XCTAssertTrue(health.lastError.map { expected.isEmpty || $0.contains(expected) } ?? false, "\(faulted) says: \(health.lastError ?? "nothing"), not \(expected)", file: file, line: line)
        XCTAssertNotNil(health.age(now: state.now), "\(faulted): the age of the last good data", file: file, line: line)
        let screen = self.screen
        XCTAssertTrue(screen.contains("Showing data as of"), "the pane tells the data's age:\n\(screen)", file: file, line: line)
        for other in feeds where other != faulted {
            XCTAssertNil(state.health(other).lastError, "\(other) keeps working while \(faulted) fails: \(state.health(other).lastError ?? "")", file: file, line: line)
        }
    }

    /// After the fault clears, the next poll brings the feed back.
    func assertRecovered(_ feed: Feed, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(state.health(feed).lastError, "\(feed) did not recover in one poll: \(state.health(feed).lastError ?? "")", file: file, line: line)
        XCTAssertNotEqual(state.status(feed), .error, file: file, line: line)
        XCTAssertTrue(state.timeline.entries.contains { $0.message == "recovered" }, "the timeline says it recovered", file: file, line: line)
    }

    /// Baseline, fault, one poll, clear, one poll: the shape of every case.
    func run(_ feed: Feed, says expected: String, inject: () async throws -> Void, clear: () async throws -> Void,
             file: StaticString = #filePath, line: UInt = #line) async throws {
        await pollAll()
        assertAllWorking("before the fault", file: file, line: line)
        try await inject()
        await pollAll()
        assertFault(feed, says: expected, file: file, line: line)
        try await clear()
        await pollAll()
        assertRecovered(feed, file: file, line: line)
        assertAllWorking("after the fault cleared", file: file, line: line)
    }
}

/// A clock some seconds off the real one: time passing for one side of a conversation alone.
final class ClockShift: Sendable {
    private let seconds = Mutex<TimeInterval>(0)

    func set(_ value: TimeInterval) { seconds.withLock { $0 = value } }

    var now: Date { Date().addingTimeInterval(seconds.withLock { $0 }) }
}

extension Event {
    /// When the event was observed, for the events a poll produces.
    var observedAt: Date? {
        switch self {
        case .pollSucceeded(_, let at), .pollFailed(_, _, let at, _): return at
        default: return nil
        }
    }
}
