import FlyingFox
import Foundation

/// A real HTTP server on 127.0.0.1 with a free port, for contract tests of eltop's libcurl clients.
///
/// Routes are FlyingFox handlers; `baseURL` is `http://127.0.0.1:PORT`. Stop it in `tearDown`.
///
/// `@unchecked Sendable`: `baseURL` and `task` are written once, in `start()`, which a test awaits before
/// anything reads them; a lock would guard nothing that can race.
public final class LoopbackServer: @unchecked Sendable {
    public let server: HTTPServer
    public private(set) var baseURL = ""
    private var task: Task<Void, Error>?

    public init() throws {
        server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30)
    }

    /// Starts listening; returns once the port is known.
    public func start() async throws {
        task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress else {
            throw TestPostgresError(message: "the loopback server has no IPv4 address")
        }
        baseURL = "http://127.0.0.1:\(port)"
    }

    public func stop() async {
        await server.stop(timeout: 1)
        task?.cancel()
    }
}
