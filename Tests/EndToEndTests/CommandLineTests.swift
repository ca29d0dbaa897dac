import EltopSpawn
import Foundation
import XCTest

/// What the argument parser answers before anything is polled: `check`'s usage errors (exit 64, naming
/// what is valid) and the one exit-status table in every command's `--help` and in docs/commands.md.
final class CommandLineTests: XCTestCase {
    private func eltop(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ChildProcess.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", "HOME=\(NSTemporaryDirectory())", "LANG=C.UTF-8", try TmuxEltop.eltopBinary()] + arguments)
    }

    func testCheckRefusesAnUnknownAreaAndATimeoutShorterThanTheSampleWithExit64() throws {
        let unknown = try eltop(["check", "--only", "source,snowflake"])
        XCTAssertEqual(unknown.status, 64, unknown.output)
        XCTAssertTrue(unknown.output.contains("--only: unknown area \"snowflake\"; valid: source, airbyte, warehouse, dbt"), unknown.output)

        let short = try eltop(["check", "--timeout", "2s"])
        XCTAssertEqual(short.status, 64, short.output)
        XCTAssertTrue(short.output.contains("--timeout 2s is shorter than the 3s WAL-growth sample; give at least 4s"), short.output)
    }

    func testEveryCommandsHelpAndTheDocsCarryTheSameExitStatusTable() throws {
        let rows = [
            "0    OK       succeeded", "1    WARNING  a job failed", "2    CRITICAL --timeout reached", "3    UNKNOWN  unreachable",
            "64   usage    usage error", "130  Ctrl-C   ", "143  SIGTERM  ",
        ]
        for command in [["check"], ["sync"], ["transform"], ["run"], ["snapshot"], ["serve"], ["config", "check"]] {
            let help = try eltop(command + ["--help"])
            XCTAssertEqual(help.status, 0, help.output)
            XCTAssertTrue(help.output.contains("EXIT STATUS (the same for every eltop command):"), "\(command): \(help.output)")
            for row in rows { XCTAssertTrue(help.output.contains("  " + row), "\(command) --help lacks \"\(row)\":\n\(help.output)") }
        }
        let docs = try String(contentsOf: TmuxEltop.repository.appendingPathComponent("docs/commands.md"), encoding: .utf8)
        for (code, check) in [("0", "OK"), ("1", "WARNING"), ("2", "CRITICAL"), ("3", "UNKNOWN"), ("64", "usage"), ("130", "Ctrl-C"), ("143", "SIGTERM")] {
            XCTAssertTrue(docs.contains("| \(code) | \(check) |"), "docs/commands.md has no row for \(code) \(check)")
        }
    }
}
