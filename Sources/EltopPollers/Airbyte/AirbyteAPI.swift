import EltopHTTP
import EltopConfig
import Foundation

/// JSON over HTTP to one Airbyte server: auth headers, one retry after a 401 with a fresh token,
/// and every failure turned into an `AirbyteAPIError` the pane can show.
///
/// The retry after 401 is safe even for `POST /jobs`: a 401 means the server did not act on the request.
/// Nothing else is retried here; the poll runner's backoff handles the rest.
public final class AirbyteAPI: Sendable {
    public let endpoints: AirbyteEndpoints
    let http: HTTPClient
    let credentials: AirbyteCredentials
    let timeoutSeconds: Double

    public init(endpoints: AirbyteEndpoints, http: HTTPClient, credentials: AirbyteCredentials, timeoutSeconds: Double = 15) {
        self.endpoints = endpoints
        self.http = http
        self.credentials = credentials
        self.timeoutSeconds = timeoutSeconds
    }

    /// Sends a request and decodes a 2xx answer as `T`.
    public func call<T: Decodable>(_ method: String, _ url: String, body: (any Encodable)? = nil, as type: T.Type) async throws -> T {
        let response = try await send(method, url, body: body)
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw Self.unreadable(response, error, method, url)
        }
    }

    /// Sends a request and reads a 2xx answer as `T` with `JSONScanner` (`ScannedAnswer`).
    func call<T: ScannedAnswer>(_ method: String, _ url: String, body: (any Encodable)? = nil, as type: T.Type) async throws -> T {
        let response = try await send(method, url, body: body)
        do {
            return try T.scan(body: response.body)
        } catch {
            throw Self.unreadable(response, error, method, url)
        }
    }

    /// A 2xx answer that did not read: a proxy's HTML page, broken JSON, or a field missing or of the wrong kind.
    private static func unreadable(_ response: HTTPResponse, _ error: Error, _ method: String, _ url: String) -> AirbyteAPIError {
        let detail = ResponseExplanation.htmlPage(response) ?? ResponseExplanation.decoding(error, bytes: response.body.count)
        return AirbyteAPIError.unreadable(request: name(method, url), detail: detail)
    }

    /// Sends a request; any non-2xx answer throws.
    @discardableResult
    public func send(_ method: String, _ url: String, body: (any Encodable)? = nil) async throws -> HTTPResponse {
        let payload = try body.map { try JSONEncoder().encode($0) }
        var response = try await exchange(method, url, payload)
        if response.status == 401 && credentials.canRefresh {
            response = try await exchange(method, url, payload)
        }
        guard (200..<300).contains(response.status) else {
            let name = Self.name(method, url)
            if response.status == 401 || response.status == 403, ResponseExplanation.htmlPage(response) == nil {
                throw AirbyteAPIError.refused(response.status, request: name, hint: "check the Airbyte credentials in the config")
            }
            throw AirbyteAPIError.status(response.status, request: name, detail: ResponseExplanation.detail(response))
        }
        return response
    }

    private func exchange(_ method: String, _ url: String, _ payload: Data?) async throws -> HTTPResponse {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if payload != nil { headers.append(("Content-Type", "application/json")) }
        let authorization = try await credentials.authorization()
        if let authorization { headers.append(("Authorization", authorization)) }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: payload, timeoutSeconds: timeoutSeconds)
        do {
            let response = try await http.send(request)
            if response.status == 401, let authorization { await credentials.rejected(authorization) }
            return response
        } catch let error as HTTPTransportError {
            throw error.isTimeout ? AirbyteAPIError.timedOut(error.message) : AirbyteAPIError.unreachable(error.message)
        }
    }

    /// "GET /api/public/v1/jobs": the request as errors name it, without host or query.
    static func name(_ method: String, _ url: String) -> String {
        "\(method) \(URLComponents(string: url)?.path ?? url)"
    }
}

extension AirbyteAPI {
    /// The client for a config, or nil when no usable server is configured.
    public convenience init?(config: AirbyteConfig, userAgent: String) {
        guard let baseURL = config.baseURL else { return nil }
        let endpoints = AirbyteEndpoints(baseURL: baseURL)
        let http = HTTPClient(userAgent: userAgent)
        self.init(endpoints: endpoints, http: http, credentials: AirbyteCredentials(auth: config.auth, tokenURL: endpoints.tokenURL, http: http))
    }

    /// The same server and token on a connection of its own, so a sync request never queues behind a
    /// slow poll on the shared handle.
    public func withOwnConnection(userAgent: String? = nil) -> AirbyteAPI {
        AirbyteAPI(endpoints: endpoints, http: HTTPClient(userAgent: userAgent ?? http.userAgent), credentials: credentials, timeoutSeconds: timeoutSeconds)
    }
}
