import EltopConfig
import EltopCore
import EltopHTTP
import EltopPollers
import EltopTestSupport
import Foundation

/// A fake Airbyte on loopback and an eltop client pointed at it, plus a clock the test moves.
/// `@unchecked Sendable`: `offsetSeconds`, its one mutable field, changes only under `lock`.
final class AirbyteHarness: @unchecked Sendable {
    let server: AirbyteTestServer
    /// False plays Airbyte Cloud: public API at `/v1`, no config API.
    let hasConfigAPI: Bool
    var fake: AirbyteFake { server.fake }
    private let lock = NSLock()
    private var offsetSeconds: Double = 0

    init(auth: AirbyteFakeAuth = .none, hasConfigAPI: Bool = true) async throws {
        server = try AirbyteTestServer(auth: auth, hasConfigAPI: hasConfigAPI)
        self.hasConfigAPI = hasConfigAPI
        try await server.start()
    }

    func stop() async { await server.stop() }

    /// Now, plus whatever the test advanced the clock by (for token lifetimes).
    var clock: @Sendable () -> Date { { [self] in Date().addingTimeInterval(lock.withLock { offsetSeconds }) } }
    func advance(seconds: Double) { lock.withLock { offsetSeconds += seconds } }

    var endpoints: AirbyteEndpoints {
        !hasConfigAPI
            ? AirbyteEndpoints(publicBase: server.baseURL + "/v1", configBase: nil)
            : AirbyteEndpoints(baseURL: URL(string: server.baseURL)!)
    }

    func api(_ auth: AirbyteAuth = .none, timeoutSeconds: Double = 5) -> AirbyteAPI {
        let http = HTTPClient(userAgent: "eltop/test")
        let credentials = AirbyteCredentials(auth: auth, tokenURL: endpoints.tokenURL, http: http, clock: clock)
        return AirbyteAPI(endpoints: endpoints, http: http, credentials: credentials, timeoutSeconds: timeoutSeconds)
    }

    func poller(_ auth: AirbyteAuth = .none, ids: [String] = [], timeoutSeconds: Double = 5) -> AirbytePoller {
        AirbytePoller(api: api(auth, timeoutSeconds: timeoutSeconds), connectionIDs: ids)
    }

    static func reading(_ reading: Reading) -> AirbyteReading? {
        if case .airbyte(let r) = reading { return r }
        return nil
    }
}

/// A fresh dashboard state with Airbyte configured.
func airbyteState(now: Date = Date()) -> DashboardState {
    func off() -> FeedHealth { FeedHealth(configured: false, configureHint: "x", pollInterval: 10) }
    return DashboardState(
        now: now, source: SourceState(health: off()),
        airbyte: AirbyteState(health: FeedHealth(configured: true, configureHint: "x", pollInterval: 10)),
        warehouse: WarehouseState(health: off()), dbt: DbtState(health: off()))
}
