import EltopSpawn
import EltopTestSupport
import Foundation
import XCTest

/// `eltop serve` as a child process, the way the tests that scrape it start it and wait for it.
enum ServeProcess {
    /// Starts `eltop serve ARGUMENTS` writing to `output`; returns its pid and the base URL it says it
    /// listens on (within 20 s; else it is killed and the wait's failure thrown). The caller ends it.
    static func spawn(_ arguments: [String], output: String, file: StaticString = #filePath, line: UInt = #line) async throws -> (pid: pid_t, base: String) {
        let pid = try ChildProcess.spawn(try ServeScrapeTests.eltopBinary(), ["serve"] + arguments, outputPath: output)
        do {
            let banner = try await waitUntil("serve says where it listens", timeout: 20, seen: { () -> String in
                try? await Task.sleep(for: .milliseconds(100))
                return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            }) { $0.contains("/metrics") }
            return (pid, try XCTUnwrap(banner.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/).map { String($0.output) }, banner, file: file, line: line))
        } catch {
            kill(pid, SIGKILL)
            ChildProcess.wait(pid)
            throw error
        }
    }

    /// Waits (up to `timeout` s) until `/snapshot.json`, read by `get`, has every section's `updated_at`:
    /// every feed has then answered its first poll.
    static func waitForEverySection(timeout: TimeInterval, _ get: (String) async throws -> String) async throws {
        _ = try await waitUntil("every section has data", timeout: timeout, seen: { () -> String in
            try? await Task.sleep(for: .milliseconds(200))
            return (try? await get("/snapshot.json")) ?? ""
        }) { text in
            guard let root = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return false }
            return ["source", "airbyte", "warehouse", "dbt"].allSatisfy { (root[$0] as? [String: Any])?["updated_at"] is String }
        }
    }
}
