@testable import EltopDemoAirbyte
import EltopHTTP
import EltopReplication
import Foundation
import Synchronization
import XCTest

/// The demo's Airbyte server on a free loopback port with a scripted engine, an HTTP client, and every
/// exchange recorded for the spec check.
final class DemoHarness: Sendable {
    let server: DemoAirbyteServer
    let engine: ScriptedEngine
    let http = HTTPClient(userAgent: "eltop-tests")
    private let box: Recorder

    static let fastPolicy = DemoJobPolicy(maxAttempts: 3, retryDelay: .milliseconds(300), statsFlushInterval: .milliseconds(100))
    static let replication = SyncConnection(connectionId: "", sourceConninfo: "host=/nonexistent", warehouseConninfo: "host=/nonexistent")

    private init(server: DemoAirbyteServer, engine: ScriptedEngine, box: Recorder) {
        self.server = server
        self.engine = engine
        self.box = box
    }

    /// `configure` may change anything but the recorder and the clock, which the harness owns.
    /// `realEngine` replaces the scripted one (the replication against a real cluster).
    static func start(
        auth: DemoAuthMode = .none, engine: ScriptedEngine = ScriptedEngine(), policy: DemoJobPolicy = fastPolicy,
        historyURL: URL? = nil, realEngine: (any SyncEngine)? = nil, configure: (inout DemoAirbyteConfig) -> Void = { _ in }
    ) async throws -> DemoHarness {
        var config = DemoAirbyteConfig(auth: auth, historyURL: historyURL, replication: replication, policy: policy)
        configure(&config)
        let box = Recorder()
        config.onExchange = { exchange in box.record(exchange) }
        config.clock = { Date().addingTimeInterval(box.seconds) }
        let server = try await DemoAirbyteServer.start(config, engine: realEngine ?? engine)
        return DemoHarness(server: server, engine: engine, box: box)
    }

    func stop() async { await server.stop() }

    var base: String { server.baseURL.absoluteString }
    var connectionID: String { server.connection.id }
    var exchanges: [DemoAirbyteExchange] { box.exchanges.withLock { $0 } }
    func clearExchanges() { box.exchanges.withLock { $0 = [] } }
    /// Headers sent with every request that names none (the scenario's credential).
    func sendByDefault(_ headers: [(name: String, value: String)]) { box.defaultHeaders.withLock { $0 = headers } }
    /// Moves the server's clock (token expiry).
    func advance(seconds: Double) { box.offset.withLock { $0 += seconds } }

    // MARK: - Requests

    func send(_ method: String, _ path: String, json: String? = nil, headers: [(name: String, value: String)] = [], base: String? = nil) async throws -> HTTPResponse {
        var all = headers.isEmpty ? box.defaultHeaders.withLock { $0 } : headers
        if json != nil { all.append((name: "Content-Type", value: "application/json")) }
        return try await http.send(HTTPRequest(method: method, url: (base ?? self.base) + path, headers: all, body: json.map { Data($0.utf8) }, timeoutSeconds: 10))
    }

    /// Sends a request and checks its answer's status.
    func expectStatus(
        _ expected: Int, _ method: String, _ path: String, json: String? = nil, headers: [(name: String, value: String)] = [], base: String? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let answer = try await send(method, path, json: json, headers: headers, base: base)
        XCTAssertEqual(answer.status, expected, "\(method) \(path): \(answer.bodyText)", file: file, line: line)
    }

    func object(_ response: HTTPResponse, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: response.body)
        return try XCTUnwrap(value as? [String: Any], "not an object: \(response.bodyText)", file: file, line: line)
    }

    /// Starts a sync through the public API; returns its job id.
    func startSync(headers: [(name: String, value: String)] = []) async throws -> Int64 {
        let answer = try await send("POST", "/api/public/v1/jobs", json: #"{"connectionId":"\#(connectionID)","jobType":"sync"}"#, headers: headers)
        XCTAssertEqual(answer.status, 200, answer.bodyText)
        return try XCTUnwrap((try object(answer)["jobId"] as? NSNumber)?.int64Value)
    }

    /// The config API's `jobs/get`.
    func jobInfo(_ id: Int64) async throws -> [String: Any] {
        let answer = try await send("POST", "/api/v1/jobs/get", json: #"{"id":\#(id)}"#)
        XCTAssertEqual(answer.status, 200, answer.bodyText)
        return try object(answer)
    }

    func jobStatus(_ id: Int64) async throws -> String {
        ((try await jobInfo(id))["job"] as? [String: Any])?["status"] as? String ?? "?"
    }

    /// Polls until `condition` holds, failing with the last value seen after `seconds`.
    func eventually<T>(
        _ what: String, seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line,
        _ read: () async throws -> T, until condition: (T) -> Bool
    ) async throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try await read()
        while !condition(last) {
            if Date() > deadline {
                XCTFail("\(what): still \(last) after \(seconds) s", file: file, line: line)
                return last
            }
            try await Task.sleep(for: .milliseconds(50))
            last = try await read()
        }
        return last
    }
}

/// The exchanges and the clock offset that the server's closures write and read.
private final class Recorder: Sendable {
    let exchanges = Mutex<[DemoAirbyteExchange]>([])
    let offset = Mutex<Double>(0)
    let defaultHeaders = Mutex<[(name: String, value: String)]>([])
    func record(_ e: DemoAirbyteExchange) { exchanges.withLock { $0.append(e) } }
    var seconds: Double { offset.withLock { $0 } }
}
