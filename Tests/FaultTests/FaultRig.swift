import EltopConfig
import EltopCore
import EltopHTTP
import EltopPollers
import EltopPostgres
import EltopTestSupport
import EltopUI
import Foundation
import XCTest

/// Three real feeds side by side — the source on a Postgres cluster, Airbyte on the loopback fake, dbt
/// on artifacts in a temp dir — each behind its own `PollRunner`, feeding one `DashboardState` through
/// the real reducer. A fault case breaks one feed, polls every feed once, checks what the state and the
/// screen say, clears the fault and checks that one more poll brings the feed back.
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
    private(set) var state: DashboardState
    private var runners: [Feed: PollRunner] = [:]
    private let ownsCluster: Bool

    /// - Parameters:
    ///   - pg: a cluster of the test's own when the fault is the cluster's; else the shared one.
    ///   - sourceSettings: the source connection's session settings (a short statement timeout for the slow case).
    ///   - airbyteAuth, airbyteClientAuth: how the fake checks credentials and how eltop presents them.
    init(
        pg: TestPostgres? = nil, sourceConninfo: String? = nil, sourceSettings: PGConnection.SessionSettings = .init(),
        airbyteAuth: AirbyteFakeAuth = .none, airbyteClientAuth: AirbyteAuth = .none, airbyteTimeout: Double = 5
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
        let pollers: [Poller] = [
            SourcePoller(connection: PGConnection(conninfo: sourceConninfo ?? self.pg.url(), settings: sourceSettings), slotNames: nil),
            AirbytePoller(api: airbyteAPI, connectionIDs: [connection]),
            DbtArtifactPoller(projectDir: dbtTarget.path, targetDir: dbtTarget.path),
        ]
        for poller in pollers {
            runners[poller.feed] = PollRunner(poller: poller, schedule: PollSchedule(intervalSeconds: 2, timeoutSeconds: 4), random: { 0.5 }, sink: { _ in })
        }
        func on() -> FeedHealth { FeedHealth(configured: true, configureHint: "", pollInterval: 2) }
        func off() -> FeedHealth { FeedHealth(configured: false, configureHint: "not configured", pollInterval: 2) }
        state = DashboardState(
            now: Date(), source: SourceState(health: on()), airbyte: AirbyteState(health: on()),
            warehouse: WarehouseState(health: off()), dbt: DbtState(health: on()))
    }

    func stop() async {
        await airbyte.stop()
        try? FileManager.default.removeItem(at: dbtTarget)
        if ownsCluster { pg.stop() }
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

    static let feeds: [Feed] = [.source, .airbyte, .dbt]

    /// Everything works: the baseline every fault starts from.
    func assertAllWorking(_ context: String, file: StaticString = #filePath, line: UInt = #line) {
        for feed in Self.feeds {
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
        for other in Self.feeds where other != faulted {
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

extension Event {
    /// When the event was observed, for the events a poll produces.
    var observedAt: Date? {
        switch self {
        case .pollSucceeded(_, let at), .pollFailed(_, _, let at, _): return at
        default: return nil
        }
    }
}
