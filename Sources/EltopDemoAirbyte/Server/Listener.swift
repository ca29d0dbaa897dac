import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// One FlyingFox server on one port, every request handed to the router with a body limit and a
/// deadline for the body, so a slow or oversized client gets a 4xx instead of holding a handler.
final class Listener: Sendable {
    let port: Int
    private let server: HTTPServer
    private let task: Task<Void, any Error>

    private init(port: Int, server: HTTPServer, task: Task<Void, any Error>) {
        self.port = port
        self.server = server
        self.task = task
    }

    /// Listens on `host:port` (0: a free one). A taken port is `DemoAirbyteError.portInUse`.
    static func start(host: String, port: Int, router: Router, config: DemoAirbyteConfig) async throws -> Listener {
        guard (0...65535).contains(port) else { throw DemoAirbyteError.cannotListen(port: port, reason: "not a port number") }
        let address: any SocketAddress
        do { address = try sockaddr_in.inet(ip4: host, port: UInt16(port)) } catch {
            throw DemoAirbyteError.cannotListen(port: port, reason: "'\(host)' is not an IPv4 address")
        }
        // FlyingFox's own handler timeout answers 500; the body deadline below answers first.
        let requestSeconds = Double(config.requestTimeout.components.seconds) + 30
        let server = HTTPServer(config: .init(address: address, timeout: requestSeconds, logger: .disabled))
        let limit = config.maxBodyBytes, deadline = config.requestTimeout, record = config.onExchange
        await server.appendRoute("*") { (request: HTTPRequest) async -> HTTPResponse in
            await Self.answer(request, router: router, limit: limit, deadline: deadline, record: record)
        }
        let ended = RunOutcome()
        let task = Task {
            do { try await server.run() } catch {
                ended.error = error
                throw error
            }
        }
        try await waitUntilListening(server, ended: ended, task: task, port: port)
        guard case .ip4(_, let bound) = await server.listeningAddress else {
            throw DemoAirbyteError.cannotListen(port: port, reason: "no IPv4 address after binding")
        }
        return Listener(port: Int(bound), server: server, task: task)
    }

    func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }

    /// Returns once the socket listens, or throws why it never will (the run task ended first).
    private static func waitUntilListening(_ server: HTTPServer, ended: RunOutcome, task: Task<Void, any Error>, port: Int) async throws {
        for _ in 0..<500 {
            if await server.isListening { return }
            if let failure = ended.error { throw failure.asDemoError(port: port) }
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        throw DemoAirbyteError.cannotListen(port: port, reason: "the server did not start listening within 5 s")
    }

    private static func answer(
        _ request: HTTPRequest, router: Router, limit: Int, deadline: Duration, record: (@Sendable (DemoAirbyteExchange) -> Void)?
    ) async -> HTTPResponse {
        let family = APIFamily.split(request.path)?.0 ?? .publicAPI
        var api = APIRequest(
            method: request.method.rawValue, path: request.path, query: request.query.map { ($0.name, $0.value) },
            authorization: request.headers[.authorization], contentType: request.headers[.contentType], body: Data())
        let response: APIResponse
        do throws(APIError) {
            api.body = try await BodyReader.read(request, limit: limit, deadline: deadline)
            response = await router.handle(api)
        } catch {
            response = error.response(for: family)
        }
        record?(DemoAirbyteExchange(
            method: api.method, path: api.path, query: request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&"),
            requestContentType: api.contentType, requestBody: api.body.isEmpty ? nil : String(decoding: api.body, as: UTF8.self),
            status: response.status, responseContentType: response.contentType, responseBody: String(decoding: response.body, as: UTF8.self)))
        var headers = HTTPHeaders()
        headers[.contentType] = response.contentType
        for (name, value) in response.headers { headers[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: Self.phrase(response.status)), headers: headers, body: response.body)
    }

    private static func phrase(_ status: Int) -> String {
        [200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed", 408: "Request Timeout",
         409: "Conflict", 413: "Payload Too Large", 422: "Unprocessable Entity"][status] ?? "Status"
    }
}

/// How the server's run task ended, readable while it may still be running.
private final class RunOutcome: Sendable {
    private let value = Mutex<(any Error)?>(nil)
    var error: (any Error)? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

private extension Error {
    func asDemoError(port: Int) -> DemoAirbyteError {
        if let socket = self as? SocketError, case .failed(_, let code, let message) = socket {
            return code == EADDRINUSE ? .portInUse(port) : .cannotListen(port: port, reason: message)
        }
        return .cannotListen(port: port, reason: "\(self)")
    }
}
