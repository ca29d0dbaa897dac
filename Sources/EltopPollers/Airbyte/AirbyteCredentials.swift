import EltopConfig
import EltopHTTP
import Foundation

/// Produces the `Authorization` header for each auth mode.
///
/// Client credentials are exchanged at the public API's `applications/token` for a token that is reused
/// until 80 % of its `expires_in` has passed (servers from 1.6 issue 15-minute tokens), and dropped at
/// once when the server answers 401 with it. One exchange at a time: callers arriving meanwhile wait for
/// it instead of starting their own.
public actor AirbyteCredentials {
    /// Older servers answer without `expires_in`; they used to say 180 s, so that is assumed.
    static let assumedLifetimeSeconds: Double = 180
    static let refreshFraction = 0.8

    private let auth: AirbyteAuth
    private let tokenURL: String
    private let http: HTTPClient
    private let clock: @Sendable () -> Date
    private var token: String?
    private var refreshAt: Date = .distantPast
    private var exchange: Task<String, Error>?
    /// How many tokens were fetched; tests read it to see a refresh happen.
    public private(set) var exchanges = 0

    public init(auth: AirbyteAuth, tokenURL: String, http: HTTPClient, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.auth = auth
        self.tokenURL = tokenURL
        self.http = http
        self.clock = clock
    }

    /// True when a 401 may be cured by fetching a new token.
    public nonisolated var canRefresh: Bool {
        if case .clientCredentials = auth { return true }
        return false
    }

    /// The header value, or nil when auth is off.
    public func authorization() async throws -> String? {
        switch auth {
        case .none: return nil
        case .basic(let username, let password):
            return "Basic " + Data("\(username):\(password.revealed)".utf8).base64EncodedString()
        case .bearer(let secret): return "Bearer " + secret.revealed
        case .clientCredentials(let id, let secret):
            if let token, clock() < refreshAt { return "Bearer " + token }
            return "Bearer " + (try await freshToken(clientID: id, secret: secret.revealed))
        }
    }

    /// Forgets the token the server just refused, unless a newer one replaced it meanwhile.
    public func rejected(_ header: String) {
        if let token, header == "Bearer " + token { self.token = nil }
    }

    private func freshToken(clientID: String, secret: String) async throws -> String {
        if let exchange { return try await exchange.value }
        let task = Task { try await self.requestToken(clientID: clientID, secret: secret) }
        exchange = task
        defer { exchange = nil }
        return try await task.value
    }

    private func requestToken(clientID: String, secret: String) async throws -> String {
        let body = try JSONEncoder().encode(
            TokenRequest(client_id: clientID, client_secret: secret, grant_type: "client_credentials"))
        let request = HTTPRequest(
            method: "POST", url: tokenURL, headers: [("Content-Type", "application/json"), ("Accept", "application/json")], body: body)
        let started = clock()
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let error as HTTPTransportError {
            throw error.isTimeout ? AirbyteAPIError.timedOut(error.message) : AirbyteAPIError.unreachable(error.message)
        }
        let name = "POST applications/token"
        guard (200..<300).contains(response.status) else {
            if [400, 401, 403].contains(response.status) {
                throw AirbyteAPIError.refused(response.status, request: name, hint: "check AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET")
            }
            throw AirbyteAPIError.status(response.status, request: name, detail: ResponseExplanation.detail(response))
        }
        let answer: TokenResponse
        do {
            answer = try JSONDecoder().decode(TokenResponse.self, from: response.body)
        } catch {
            let detail = ResponseExplanation.htmlPage(response) ?? ResponseExplanation.decoding(error, bytes: response.body.count)
            throw AirbyteAPIError.unreadable(request: name, detail: detail)
        }
        exchanges += 1
        token = answer.access_token
        let lifetime = answer.expires_in ?? Self.assumedLifetimeSeconds
        refreshAt = started.addingTimeInterval(lifetime * Self.refreshFraction)
        return answer.access_token
    }
}

/// `ApplicationTokenRequestWithGrant` in the public API spec.
struct TokenRequest: Encodable {
    let client_id: String
    let client_secret: String
    let grant_type: String
}

/// `PublicAccessTokenResponse`; `expires_in` is optional because older servers leave it out.
struct TokenResponse: Decodable {
    let access_token: String
    let token_type: String?
    let expires_in: Double?
}
