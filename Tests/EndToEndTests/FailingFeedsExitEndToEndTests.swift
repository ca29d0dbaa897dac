import Foundation
import XCTest

/// The end of every feed fault, on the real binary: eltop on a pty with all four feeds failing (nothing
/// listens where the source, Airbyte and the warehouse are; the dbt project is not there), each pane
/// saying so, then quit by `q` and by SIGHUP: the tty's settings as before and nothing of eltop's
/// session left. The passwords in the config's URLs appear nowhere in what eltop drew on the pty nor
/// in its log. The faults themselves, one feed at a time, are FaultTests'.
final class FailingFeedsExitEndToEndTests: XCTestCase {
    private let secrets = ["E2E-SRC-PASS-41c9", "E2E-WH-PASS-8b3e"]

    private var config: String {
        """
        source:
          url: postgresql://eltop:\(secrets[0])@127.0.0.1:1/none
          poll_interval: 1
        airbyte:
          server: http://127.0.0.1:1
          poll_interval: 1
        warehouse:
          url: postgresql://eltop:\(secrets[1])@127.0.0.1:1/warehouse
          poll_interval: 1
        dbt:
          project_dir: /nonexistent/eltop-dbt-project
          poll_interval: 1
        """
    }

    private func failing() async throws -> PseudoTerminalEltop {
        let eltop = try PseudoTerminalEltop(config: config, cols: 160, rows: 48)
        try await eltop.readUntil("Timeline")
        try await eltop.readUntil("refused")
        return eltop
    }

    func testQuitWhileEveryFeedFailsRestoresTheTerminal() async throws {
        let eltop = try await failing()
        eltop.type("q")
        let status = try await eltop.exit(seconds: 10)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(eltop.termiosNow, eltop.termiosBefore, "the tty's settings are as before")
        XCTAssertEqual(eltop.sessionMembers, [], "nothing of eltop's is left")
        assertNoSecret(in: eltop)
    }

    func testHangupWhileEveryFeedFailsRestoresTheTerminal() async throws {
        let eltop = try await failing()
        let status = try await eltop.stop(SIGHUP)
        XCTAssertEqual(status, 129)
        XCTAssertEqual(eltop.termiosNow, eltop.termiosBefore, "the tty's settings are as before")
        XCTAssertEqual(eltop.sessionMembers, [], "nothing of eltop's is left")
        assertNoSecret(in: eltop)
    }

    private func assertNoSecret(in eltop: PseudoTerminalEltop, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(eltop.text.contains("refused"), "the screen was read", file: file, line: line)
        for secret in secrets {
            XCTAssertFalse(eltop.text.contains(secret), "the screen shows \(secret)", file: file, line: line)
            XCTAssertFalse(eltop.log.contains(secret), "the log holds \(secret):\n\(eltop.log)", file: file, line: line)
        }
    }
}
