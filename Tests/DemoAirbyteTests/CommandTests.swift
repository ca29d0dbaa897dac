import EltopHTTP
import Foundation
import XCTest

/// `eltop demo-airbyte` as a user runs it: the banner says where to connect and never shows a secret,
/// the server answers, SIGTERM stops it cleanly with the history written; bad flags are refused.
final class CommandTests: XCTestCase {
    /// The eltop binary beside the test bundle (`swift build --build-tests` builds both).
    private func eltop() throws -> URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = bundle.appendingPathComponent("eltop")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("no eltop at \(binary.path): run `swift build` first") }
        return binary
    }

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eltop-demo-airbyte-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private let database = ["--source", "host=127.0.0.1 port=1 connect_timeout=1", "--warehouse", "host=127.0.0.1 port=1 connect_timeout=1"]

    func testItServesUntilSIGTERMAndNeverPrintsTheSecret() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("out.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = try eltop()
        process.arguments = ["demo-airbyte", "--auth", "client", "--client-id", "demo", "--history", dir.appendingPathComponent("jobs.json").path] + database
        var environment = ProcessInfo.processInfo.environment
        environment["AIRBYTE_CLIENT_SECRET"] = "top-secret-value"
        process.environment = environment
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while !text.contains("auth:") && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        }
        XCTAssertTrue(text.contains("auth: client credentials, client id demo"), text)
        let base = try XCTUnwrap(text.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/).map { String($0.output) }, text)

        let http = HTTPClient(userAgent: "eltop-tests")
        let health = try await http.send(HTTPRequest(method: "GET", url: base + "/health"))
        XCTAssertEqual(health.status, 200)
        let token = try await http.send(HTTPRequest(
            method: "POST", url: base + "/api/public/v1/applications/token", headers: [(name: "Content-Type", value: "application/json")],
            body: Data(#"{"client_id":"demo","client_secret":"top-secret-value"}"#.utf8)))
        XCTAssertEqual(token.status, 200, "the secret from the environment is the one the server checks")
        let bearer = try XCTUnwrap((try JSONSerialization.jsonObject(with: token.body) as? [String: Any])?["access_token"] as? String)
        let sync = try await http.send(HTTPRequest(
            method: "POST", url: base + "/api/public/v1/jobs",
            headers: [(name: "Content-Type", value: "application/json"), (name: "Authorization", value: "Bearer " + bearer)],
            body: Data(#"{"connectionId":"5e4ad2b8-0f53-4bd4-9f43-2b8b8b0cdc11","jobType":"sync"}"#.utf8)))
        XCTAssertEqual(sync.status, 200, sync.bodyText)

        kill(process.processIdentifier, SIGTERM)
        let stopDeadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < stopDeadline { try await Task.sleep(for: .milliseconds(100)) }
        XCTAssertFalse(process.isRunning, "eltop demo-airbyte did not stop on SIGTERM")
        XCTAssertEqual(process.terminationStatus, 128 + SIGTERM)
        try handle.close()
        text = try String(contentsOf: output, encoding: .utf8)
        XCTAssertTrue(text.contains("stopping (signal 15)"), text)
        XCTAssertFalse(text.contains("top-secret-value"), "the secret reached the screen: \(text)")
        let history = try String(contentsOf: dir.appendingPathComponent("jobs.json"), encoding: .utf8)
        XCTAssertTrue(history.contains("\"id\":1"), history)
        XCTAssertFalse(history.contains("top-secret-value"), "the secret reached the history file")
    }

    func testBadFlagsAreRefusedWithWhatToDo() async throws {
        let binary = try eltop()
        var noSecret = ProcessInfo.processInfo.environment
        noSecret["AIRBYTE_CLIENT_SECRET"] = nil
        let cases: [([String], [String: String], String)] = [
            (["--sync-every", "0m"], [:], "at least 1 minute"),
            (["--sync-every", "30s"], [:], "whole minutes"),
            (["--auth", "client"], noSecret, "AIRBYTE_CLIENT_SECRET"),
        ]
        for (flags, environment, expected) in cases {
            let (status, text) = try await ToolRun.run(binary, ["demo-airbyte"] + database + flags, environment: environment, timeoutSeconds: 20)
            XCTAssertNotEqual(status, 0, "\(flags): \(text)")
            XCTAssertTrue(text.contains(expected), "\(flags): \(text)")
        }
    }
}
