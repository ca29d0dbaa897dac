import FlyingFox
import Foundation

/// The fake Airbyte on a real loopback HTTP server, so eltop's libcurl client talks to it for real.
public final class AirbyteTestServer: Sendable {
    public let fake: AirbyteFake
    private let loopback: LoopbackServer

    public init(auth: AirbyteFakeAuth = .none, hasConfigAPI: Bool = true) throws {
        fake = AirbyteFake(auth: auth, hasConfigAPI: hasConfigAPI)
        loopback = try LoopbackServer()
    }

    /// `http://127.0.0.1:PORT`: what `AIRBYTE_SERVER_NAME` would hold.
    public var baseURL: String { loopback.baseURL }

    public func start() async throws {
        let fake = self.fake
        let handler: @Sendable (FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse = { request in
            let body = try await request.bodyData
            var query: [String: String] = [:]
            for item in request.query { query[item.name] = item.value }
            let rawQuery = request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
            let answer = await fake.answer(
                method: request.method.rawValue, path: request.path, query: query, rawQuery: rawQuery,
                authorization: request.headers[.authorization], contentType: request.headers[.contentType], body: body)
            if answer.delaySeconds > 0 { try await Task.sleep(nanoseconds: UInt64(answer.delaySeconds * 1e9)) }
            return FlyingFox.HTTPResponse(
                statusCode: HTTPStatusCode(answer.status, phrase: "Status"), headers: [.contentType: answer.contentType], body: answer.body)
        }
        for prefix in ["/api/public/v1", "/v1", "/api/v1"] {
            for route in ["*", "*/*", "*/*/*"] {
                for method in ["GET", "POST", "DELETE"] {
                    await loopback.server.appendRoute(HTTPRoute("\(method) \(prefix)/\(route)"), handler: handler)
                }
            }
        }
        try await loopback.start()
    }

    public func stop() async { await loopback.stop() }
}
