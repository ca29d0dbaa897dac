import EltopCore
import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// The exporter's HTTP side: `/metrics`, `/snapshot.json` and `/healthz` on one FlyingFox listener.
///
/// Every answer is made from the state `currentState` hands over (a copy taken on the runtime's
/// actor), so a scrape never starts a query and never sees a half-applied event. Requests that parse
/// but ask for something else get a 4xx (404 unknown path, 405 another method); bytes that are not
/// HTTP at all are closed without an answer, as RFC 9112 §6.3 allows, and the server goes on.
public final class MetricsServer: Sendable {
    /// Where it listens, with the port the system chose when 0 was asked for.
    public let address: ListenAddress
    private let server: HTTPServer
    private let task: Task<Void, any Error>

    private init(address: ListenAddress, server: HTTPServer, task: Task<Void, any Error>) {
        self.address = address
        self.server = server
        self.task = task
    }

    /// Listens on `address`; throws `MetricsServerError` when the address is taken or unusable.
    public static func start(at address: ListenAddress, answers: ScrapeAnswers) async throws -> MetricsServer {
        let socketAddress: any SocketAddress
        do {
            socketAddress = address.isIPv6
                ? try sockaddr_in6.inet6(ip6: address.host, port: UInt16(address.port))
                : try sockaddr_in.inet(ip4: address.host, port: UInt16(address.port))
        } catch {
            throw MetricsServerError.cannotListen(address, reason: "'\(address.host)' is not an IP address")
        }
        let server = HTTPServer(config: .init(address: socketAddress, timeout: 15, logger: .disabled))
        await server.appendRoute("*") { request in await answers.answer(request) }
        let ended = Mutex<(any Error)?>(nil)
        let task = Task {
            do { try await server.run() } catch {
                ended.withLock { $0 = error }
                throw error
            }
        }
        for _ in 0..<500 {
            if await server.isListening { break }
            if let failure = ended.withLock({ $0 }) { throw MetricsServerError.from(failure, address: address) }
            try await Task.sleep(for: .milliseconds(10))
        }
        var bound = address
        switch await server.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?: bound.port = Int(port)
        default:
            task.cancel()
            throw MetricsServerError.cannotListen(address, reason: "the server did not start listening within 5 s")
        }
        return MetricsServer(address: bound, server: server, task: task)
    }

    public func stop() async {
        await server.stop(timeout: 0.5)
        task.cancel()
    }
}

/// What the three paths answer, from a state handed over by the runtime.
public struct ScrapeAnswers: Sendable {
    let currentState: @Sendable () async -> DashboardState
    let version: String
    let limits: MetricsLimits
    let polls: PollStatistics

    public init(version: String, limits: MetricsLimits, polls: PollStatistics, currentState: @escaping @Sendable () async -> DashboardState) {
        self.currentState = currentState
        self.version = version
        self.limits = limits
        self.polls = polls
    }

    func answer(_ request: HTTPRequest) async -> HTTPResponse {
        let path = request.path
        guard ["/metrics", "/snapshot.json", "/healthz"].contains(path) else {
            return Self.plain(.notFound, "not found: \(path.prefix(200)); eltop serves /metrics, /snapshot.json and /healthz\n")
        }
        guard request.method == .GET || request.method == .HEAD else {
            var response = Self.plain(.methodNotAllowed, "\(request.method.rawValue.prefix(20)) is not allowed here: use GET\n")
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        switch path {
        case "/metrics":
            let text = StateExposition.text(await currentState(), version: version, limits: limits, polls: polls)
            return Self.body(text, contentType: StateExposition.contentType, head: request.method == .HEAD)
        case "/snapshot.json":
            do {
                let text = try SnapshotDocument(await currentState()).jsonText()
                return Self.body(text + "\n", contentType: "application/json", head: request.method == .HEAD)
            } catch {
                return Self.plain(.internalServerError, "the snapshot could not be encoded: \(error)\n")
            }
        default:
            return Self.body("ok\n", contentType: "text/plain; charset=utf-8", head: request.method == .HEAD)
        }
    }

    private static func body(_ text: String, contentType: String, head: Bool) -> HTTPResponse {
        let data = Data(text.utf8)
        var headers: [HTTPHeader: String] = [.contentType: contentType]
        if head { headers[.contentLength] = String(data.count) }
        return HTTPResponse(statusCode: .ok, headers: headers, body: head ? Data() : data)
    }

    private static func plain(_ status: HTTPStatusCode, _ text: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Data(text.utf8))
    }
}

public enum MetricsServerError: Error, Equatable, CustomStringConvertible {
    case addressInUse(ListenAddress)
    case cannotListen(ListenAddress, reason: String)

    static func from(_ error: any Error, address: ListenAddress) -> MetricsServerError {
        if let socket = error as? SocketError, case .failed(_, let code, let message) = socket {
            return code == EADDRINUSE ? .addressInUse(address) : .cannotListen(address, reason: message)
        }
        return .cannotListen(address, reason: "\(error)")
    }

    public var description: String {
        switch self {
        case .addressInUse(let address):
            return "cannot serve metrics on \(address): the port is in use (another eltop?); pick another with --metrics HOST:PORT"
        case .cannotListen(let address, let reason):
            return "cannot serve metrics on \(address): \(reason)"
        }
    }
}
