import Foundation
import XCTest

/// The end of every feed fault, on the real binary: eltop on a pty with all four feeds failing (nothing
/// listens where the source, Airbyte and the warehouse are; the dbt project is not there), each pane
/// saying so, then quit by `q` and by SIGHUP: the tty's settings as before and nothing of eltop's
/// session left. The faults themselves, one feed at a time, are FaultTests'.
final class FailingFeedsExitEndToEndTests: XCTestCase {
    private let config = """
        source:
          url: postgresql://eltop@127.0.0.1:1/none
          poll_interval: 1
        airbyte:
          server: http://127.0.0.1:1
          poll_interval: 1
        warehouse:
          url: postgresql://eltop@127.0.0.1:1/warehouse
          poll_interval: 1
        dbt:
          project_dir: /nonexistent/eltop-dbt-project
          poll_interval: 1
        """

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
    }

    func testHangupWhileEveryFeedFailsRestoresTheTerminal() async throws {
        let eltop = try await failing()
        let status = try await eltop.stop(SIGHUP)
        XCTAssertEqual(status, 129)
        XCTAssertEqual(eltop.termiosNow, eltop.termiosBefore, "the tty's settings are as before")
        XCTAssertEqual(eltop.sessionMembers, [], "nothing of eltop's is left")
    }
}
