import EltopCore
import Foundation

/// The self-hosted Airbyte server and the connections to watch.
public struct AirbyteConfig: Equatable, Sendable, FeedSettings {
    /// As given: a host, `host:port` or a full URL. See `baseURL`.
    public var server: String?
    /// Connections to watch; empty watches every connection the credentials can see.
    public var connectionIDs: [String] = []
    public var username: String?
    public var password: Secret?
    public var clientID: String?
    public var clientSecret: Secret?
    public var token: Secret?
    public var pollIntervalSeconds: TimeInterval = 10
    /// `stall_after`: seconds a running job's counts and the walsender may stand still before it is stalled.
    public var stallAfterSeconds: TimeInterval?
    /// `failing_after`: failed jobs in a row that make a connection "failing repeatedly".
    public var failingAfterJobs: Int64?

    public init() {}

    /// The verdicts' thresholds (stalled, failing repeatedly), the defaults where unset.
    public var verdictThresholds: VerdictThresholds {
        var t = VerdictThresholds()
        if let v = stallAfterSeconds { t.stallAfterSeconds = v }
        if let v = failingAfterJobs { t.failingAfterJobs = Int(max(1, v)) }
        return t
    }

    /// The server's base URL (the API paths are appended to it), nil when unset or unusable.
    public var baseURL: URL? { server.flatMap { try? AirbyteServer.baseURL(from: $0).get() } }

    public var isConfigured: Bool { baseURL != nil }
    public var configureHint: String { "set AIRBYTE_SERVER_NAME or airbyte.server in eltop.yaml" }

    /// How to authenticate. Several methods may be configured; the strongest wins: a bearer token,
    /// then client credentials (exchanged for a token), then HTTP Basic (older docker-compose installs).
    public var auth: AirbyteAuth {
        if let token { return .bearer(token) }
        if let clientID, let clientSecret { return .clientCredentials(clientID: clientID, clientSecret: clientSecret) }
        if let username, let password { return .basic(username: username, password: password) }
        return .none
    }

    mutating func read(_ yaml: YAMLSection) {
        if let value = yaml.string("server") { server = value }
        if let ids = yaml.stringList("connection_ids") { connectionIDs = ids }
        if let value = yaml.string("username") { username = value }
        if let value = yaml.secret("password") { password = value }
        if let value = yaml.string("client_id") { clientID = value }
        if let value = yaml.secret("client_secret") { clientSecret = value }
        if let value = yaml.secret("token") { token = value }
        if let value = yaml.interval("poll_interval") { pollIntervalSeconds = value }
        if let value = yaml.interval("stall_after") { stallAfterSeconds = value }
        if let value = yaml.count("failing_after") { failingAfterJobs = value }
    }

    mutating func read(_ environment: EnvironmentReader) {
        if let value = environment.string("AIRBYTE_SERVER_NAME", for: "airbyte.server") { server = value }
        if let ids = environment.list("AIRBYTE_CONNECTION_ID", for: "airbyte.connection_ids") { connectionIDs = ids }
        if let value = environment.string("AIRBYTE_USERNAME", for: "airbyte.username") { username = value }
        if let value = environment.secret("AIRBYTE_PASSWORD", for: "airbyte.password") { password = value }
        if let value = environment.string("AIRBYTE_CLIENT_ID", for: "airbyte.client_id") { clientID = value }
        if let value = environment.secret("AIRBYTE_CLIENT_SECRET", for: "airbyte.client_secret") { clientSecret = value }
        if let value = environment.secret("AIRBYTE_TOKEN", for: "airbyte.token") { token = value }
    }

    func validate(_ context: LoadContext) {
        if let server, case .failure(let invalid) = AirbyteServer.baseURL(from: server) {
            context.error(
                invalid.reason, at: context.origin(of: "airbyte.server"), key: "airbyte.server",
                hint: "e.g. localhost:8000 or https://airbyte.example.com")
        }
        guard !context.hasErrors(under: "airbyte") else { return }
        pairCheck(username != nil, password != nil, "username", "password", context)
        pairCheck(clientID != nil, clientSecret != nil, "client_id", "client_secret", context)
        let methods = [token != nil, clientID != nil && clientSecret != nil, username != nil && password != nil].filter { $0 }.count
        if methods > 1 {
            context.warning(
                "more than one authentication method is set; using \(auth.name)", at: .none, key: "airbyte",
                hint: "remove the credentials you do not use")
        }
        for id in connectionIDs where UUID(uuidString: id) == nil {
            context.warning(
                "\"\(id)\" is not a UUID", at: context.origin(of: "airbyte.connection_ids"), key: "airbyte.connection_ids",
                hint: "copy the id from the connection's URL in the Airbyte web UI")
        }
    }

    /// A user name without its password (or the reverse) is a half-finished setup, not a choice.
    private func pairCheck(_ hasFirst: Bool, _ hasSecond: Bool, _ first: String, _ second: String, _ context: LoadContext) {
        guard hasFirst != hasSecond else { return }
        let (present, missing) = hasFirst ? (first, second) : (second, first)
        context.error(
            "\(present) is set but \(missing) is not", at: context.origin(of: "airbyte.\(present)"), key: "airbyte.\(missing)",
            hint: "set airbyte.\(missing) (or AIRBYTE_\(missing.uppercased())), or remove \(present)")
    }

    var summaryLines: [(key: String, value: String)] {
        [
            ("server", ConnectionStringRedaction.redact(baseURL?.absoluteString ?? server ?? "unset")),
            ("connection_ids", connectionIDs.isEmpty ? "all connections" : connectionIDs.joined(separator: ", ")),
            ("auth", auth.name),
            ("poll_interval", SummaryFormat.seconds(pollIntervalSeconds)),
        ]
    }
}

/// The credentials the Airbyte client sends.
public enum AirbyteAuth: Equatable, Sendable {
    /// Some installs run with auth disabled.
    case none
    /// HTTP Basic, as older docker-compose installs use (default airbyte/password).
    case basic(username: String, password: Secret)
    /// Exchanged for an access token at `/api/v1/applications/token` (0.63+).
    case clientCredentials(clientID: String, clientSecret: Secret)
    /// A ready access token sent as `Authorization: Bearer`.
    case bearer(Secret)

    public var name: String {
        switch self {
        case .none: return "none"
        case .basic(let username, _): return "basic (user \(username), password \(Secret.mask))"
        case .clientCredentials(let clientID, _): return "client credentials (client_id \(clientID), secret \(Secret.mask))"
        case .bearer: return "bearer token \(Secret.mask)"
        }
    }
}

/// Turns `AIRBYTE_SERVER_NAME` into a base URL. The seed's scripts set a bare host and talk to
/// `http://HOST:8000` (Airbyte OSS's port, usually through an SSH tunnel), so a bare host means that;
/// `host:port` keeps its port; a full URL is taken as it is (https verifies TLS as always).
public enum AirbyteServer {
    public static let defaultPort = 8000

    public static func baseURL(from server: String) -> Result<URL, InvalidSetting> {
        var text = server.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        if !text.contains("://") {
            let hasPort = text.hasPrefix("[") ? text.contains("]:") : text.contains(":")
            text = "http://" + text + (hasPort ? "" : ":\(defaultPort)")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            let url = components.url
        else {
            return .failure(InvalidSetting("\"\(ConnectionStringRedaction.redact(server))\" is not a host, host:port or http(s) URL"))
        }
        return .success(url)
    }
}
