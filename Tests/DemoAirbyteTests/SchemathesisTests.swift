@testable import EltopDemoAirbyte
import Foundation
import XCTest

/// Schemathesis generates requests from the specs (good and bad ones) for every endpoint the server
/// implements: none may get a 5xx, and every documented answer must match its schema and media type.
/// Undocumented 4xx (an unknown connection on `POST /jobs`, a query out of range) are allowed on
/// purpose: they are what a real server answers too.
final class SchemathesisTests: XCTestCase {
    private func run(spec: String, base: String, paths: String) async throws {
        let tool = SpecChecker.repo.appendingPathComponent(".venv/bin/schemathesis")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else { throw XCTSkip("no \(tool.path): run `make venv`") }
        let specs = ProcessInfo.processInfo.environment["ELTOP_AIRBYTE_SPECS"].map { URL(fileURLWithPath: $0) }
            ?? SpecChecker.repo.deletingLastPathComponent().appendingPathComponent("shared/reference/airbyte")
        guard FileManager.default.fileExists(atPath: specs.appendingPathComponent(spec).path) else { throw XCTSkip("no \(spec) in \(specs.path)") }
        let workdir = FileManager.default.temporaryDirectory.appendingPathComponent("schemathesis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workdir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workdir) }
        let (status, text) = try await ToolRun.run(tool, [
            "run", specs.appendingPathComponent(spec).path, "--url", base, "--include-path-regex", paths,
            "--checks", "not_a_server_error,content_type_conformance,response_schema_conformance",
            "--max-examples", "15", "--seed", "1", "--workers", "1", "--report-dir", workdir.path,
        ], environment: ["NO_COLOR": "1"], directory: workdir, timeoutSeconds: 300)
        XCTAssertEqual(status, 0, text)
        XCTAssertFalse(text.contains("Server error"), text)
        XCTAssertTrue(text.contains("Tested:"), text)
    }

    func testThePublicAPIWithstandsGeneratedRequests() async throws {
        let h = try await DemoHarness.start()
        try await run(
            spec: "api.yaml", base: h.base + "/api/public/v1",
            paths: #"^/(health|jobs|jobs/\{jobId\}|connections|connections/\{connectionId\}|applications/token)$"#)
        await h.stop()
    }

    func testTheConfigAPIWithstandsGeneratedRequests() async throws {
        let h = try await DemoHarness.start()
        try await run(
            spec: "config.yaml", base: h.base + "/api",
            paths: #"^/v1/(health|connections/(list|get|status|sync|reset|sync_progress)|jobs/(list|get|cancel))$"#)
        await h.stop()
    }
}
