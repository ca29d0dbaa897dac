import EltopCore
import Foundation
import XCTest

/// dbt's status strings in and out, including one a newer dbt might write.
final class DbtNodeStatusTests: XCTestCase {
    func testEveryDbtStringRoundTripsThroughJSON() throws {
        let strings = ["success", "error", "skipped", "pass", "fail", "warn", "runtime error", "no-op", "partial success", "queued", "running", "cancelled", "unknown"]
        for string in strings {
            let status = DbtNodeStatus(rawValue: string)
            XCTAssertNotEqual(status, .other(string), "\(string) has a case of its own")
            let json = try JSONEncoder().encode(status)
            XCTAssertEqual(String(decoding: json, as: UTF8.self), "\"\(string)\"")
            XCTAssertEqual(try JSONDecoder().decode(DbtNodeStatus.self, from: json), status)
        }
    }

    func testAnUnknownStatusKeepsItsString() throws {
        let status = try JSONDecoder().decode(DbtNodeStatus.self, from: Data("\"reused\"".utf8))
        XCTAssertEqual(status, .other("reused"))
        XCTAssertEqual(status.rawValue, "reused")
        XCTAssertNil(status.severity, "not judged: shown as it came")
    }

    func testTheLogsStartedIsRunning() {
        XCTAssertEqual(DbtNodeStatus(rawValue: "started"), .running)
    }

    func testFailuresAreTheCriticalResults() {
        XCTAssertEqual([DbtNodeStatus.error, .fail, .runtimeError, .warn, .success, .skipped].filter(\.isFailure), [.error, .fail, .runtimeError])
    }
}
