import Foundation

/// Where Airbyte's two APIs live for a configured server.
///
/// Self-hosted: the public API at `/api/public/v1` and the internal config API at `/api/v1` (all POST).
/// Airbyte Cloud (`api.airbyte.com`): the public API at `/v1` and no config API, so no live progress.
/// A server given with a path prefix (a reverse proxy at `/airbyte`) keeps it; a server given with the
/// API path already on it (`.../api/public/v1`, `.../api`) is not doubled.
public struct AirbyteEndpoints: Equatable, Sendable {
    public static let cloudHost = "api.airbyte.com"

    /// The public API's base, no trailing slash.
    public let publicBase: String
    /// The config API's base, nil on Cloud.
    public let configBase: String?

    public init(publicBase: String, configBase: String?) {
        self.publicBase = publicBase
        self.configBase = configBase
    }

    public init(baseURL: URL) {
        var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) ?? URLComponents()
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        components.path = ""
        components.query = nil
        let root = components.string ?? baseURL.absoluteString
        if baseURL.host?.lowercased() == Self.cloudHost {
            publicBase = root + (path.hasSuffix("/v1") ? path : path + "/v1")
            configBase = nil
            return
        }
        for suffix in ["/api/public/v1", "/api/v1", "/api"] where path.hasSuffix(suffix) {
            path.removeLast(suffix.count)
            break
        }
        publicBase = root + path + "/api/public/v1"
        configBase = root + path + "/api/v1"
    }

    public var tokenURL: String { publicBase + "/applications/token" }

    /// `GET /jobs` for one connection, newest first (the server's default order is oldest first).
    public func jobsURL(connectionID: String, limit: Int, status: JobStatusFilter? = nil) -> String {
        var query = [
            URLQueryItem(name: "connectionId", value: connectionID), URLQueryItem(name: "limit", value: String(limit)),
            URLQueryItem(name: "orderBy", value: "createdAt|DESC"),
        ]
        if let status { query.append(URLQueryItem(name: "status", value: status.rawValue)) }
        return publicBase + "/jobs?" + Self.encode(query)
    }

    public func connectionsURL(limit: Int) -> String { publicBase + "/connections?limit=\(limit)" }
    public func connectionURL(_ id: String) -> String { publicBase + "/connections/" + Self.pathComponent(id) }
    public var createJobURL: String { publicBase + "/jobs" }
    public func jobURL(_ id: Int64) -> String { publicBase + "/jobs/\(id)" }

    /// A config API endpoint (`connections/status`, ...), nil without the config API.
    public func config(_ endpoint: String) -> String? { configBase.map { $0 + "/" + endpoint } }

    /// Query strings percent-encode `|` too: libcurl sends the URL as given, and some proxies reject a bare `|`.
    static func encode(_ items: [URLQueryItem]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "|&=+")
        return items.map { "\($0.name)=\($0.value?.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }

    static func pathComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }
}

/// The `status` filter of `GET /jobs`.
public enum JobStatusFilter: String, Sendable {
    case running, pending
}
