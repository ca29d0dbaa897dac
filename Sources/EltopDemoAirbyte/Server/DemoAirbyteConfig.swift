import EltopReplication
import Foundation

/// Everything the demo's Airbyte server is started with.
public struct DemoAirbyteConfig: Sendable {
    /// 0 asks the system for a free port (printed by the command).
    public var port: Int
    /// A second port with the same routes, for the old two-port layout (8006 public, 8000 config).
    public var extraPort: Int?
    /// Where to listen; loopback unless the caller asks otherwise.
    public var host: String
    public var auth: DemoAuthMode
    /// The job history file; nil keeps jobs in memory only.
    public var historyURL: URL?
    public var connection: DemoConnection
    /// Where the connection's syncs read and write (the source, slot, publication, warehouse).
    public var replication: SyncConnection
    public var policy: DemoJobPolicy
    /// Requests with a larger body get 413 (Airbyte's own limit is higher; these APIs take small bodies).
    public var maxBodyBytes: Int
    /// A request whose body has not arrived by then gets 408.
    public var requestTimeout: Duration
    /// Called with every request and answer (for spec checks in tests); nil records nothing.
    public var onExchange: (@Sendable (DemoAirbyteExchange) -> Void)?
    public var clock: @Sendable () -> Date

    public init(
        port: Int = 0, extraPort: Int? = nil, host: String = "127.0.0.1", auth: DemoAuthMode = .defaultBasic, historyURL: URL? = nil,
        connection: DemoConnection = DemoConnection(), replication: SyncConnection, policy: DemoJobPolicy = DemoJobPolicy(), maxBodyBytes: Int = 1 << 20,
        requestTimeout: Duration = .seconds(10), onExchange: (@Sendable (DemoAirbyteExchange) -> Void)? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.port = port
        self.extraPort = extraPort
        self.host = host
        self.auth = auth
        self.historyURL = historyURL
        self.connection = connection
        self.replication = replication
        self.policy = policy
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeout = requestTimeout
        self.onExchange = onExchange
        self.clock = clock
    }
}

/// One request and its answer, shaped like the existing spec checker's input.
public struct DemoAirbyteExchange: Codable, Sendable {
    public var method: String
    public var path: String
    public var query: String
    public var requestContentType: String?
    public var requestBody: String?
    public var status: Int
    public var responseContentType: String
    public var responseBody: String
}
