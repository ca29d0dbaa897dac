import Foundation

/// One HTTP request as the handlers see it: no sockets, no FlyingFox types.
struct APIRequest: Sendable {
    var method: String
    var path: String
    var query: [(name: String, value: String)]
    var authorization: String?
    var contentType: String?
    var body: Data

    func queryValue(_ name: String) -> String? { query.last { $0.name == name }?.value }
}

/// One HTTP answer: status, media type, body and any extra headers.
struct APIResponse: Sendable {
    var status: Int
    var contentType: String
    var body: Data
    var headers: [String: String] = [:]

    static func json(_ status: Int, _ value: some Encodable) -> APIResponse {
        APIResponse(status: status, contentType: "application/json", body: encode(value))
    }

    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}

/// Which of Airbyte's APIs a path belongs to: each writes its errors its own way.
enum APIFamily: Sendable {
    /// `/api/public/v1/...`, and `/v1/...` as the old standalone API on port 8006 served it: problem+json errors.
    case publicAPI
    /// `/api/v1/...`: `KnownExceptionInfo`-style `{"message": ...}` errors.
    case configAPI

    /// The family and the path below its prefix (`/jobs/12`), or nil for a path of neither.
    static func split(_ path: String) -> (APIFamily, String)? {
        if path == "/health" { return (.publicAPI, "/health") }
        for (prefix, family) in [("/api/public/v1", APIFamily.publicAPI), ("/api/v1", .configAPI), ("/v1", .publicAPI)] {
            if path == prefix { return (family, "/") }
            if path.hasPrefix(prefix + "/") { return (family, String(path.dropFirst(prefix.count))) }
        }
        return nil
    }
}
