import EltopTestSupport
import Foundation
import XCTest

/// `eltop demo` as a new user meets it: the real binary in tmux brings the stack up and opens the
/// dashboard with live Source, Warehouse and dbt panes; `q` quits, `eltop demo --down` stops the
/// clusters, and then nothing of the demo runs.
final class DemoEndToEndTests: XCTestCase {
    private var terminal: TmuxEltop?
    private var dataHome: String?

    override func tearDown() {
        terminal?.stop()
        terminal = nil
        if let dataHome {
            _ = try? Self.eltop(["demo", "--down"], dataHome: dataHome)
            try? FileManager.default.removeItem(atPath: dataHome)
        }
        dataHome = nil
    }

    func testDemoOpensWithLivePanesAndQuitThenDownLeavesNothingRunning() throws {
        let dataHome = "/tmp/eltop-e2e-demo-\(getpid())-\(UUID().uuidString.prefix(6))"
        self.dataHome = dataHome
        try FileManager.default.createDirectory(atPath: dataHome, withIntermediateDirectories: true)
        let terminal = try TmuxEltop(arguments: ["demo", "--traffic", "5"], environment: ["XDG_DATA_HOME": dataHome], cols: 160, rows: 48)
        self.terminal = terminal

        // Setup (two initdb, the generator, the raw load) then the first polls.
        guard terminal.waitFor(text: "airbyte_slot", seconds: 240) else { return }
        terminal.waitFor("the Warehouse pane lists raw tables") { $0.contains("rental") && $0.contains("payment") }
        terminal.waitFor(text: "local Airbyte is not running yet")
        terminal.waitFor("the dbt pane lists the bundled project's models") { $0.contains("fct_rental") }

        // t builds every model against the loaded raw tables.
        try terminal.press("4", "t")
        terminal.waitFor(text: "Run `dbt build")
        try terminal.press("y")
        // The timeline's last line for the run: "dbt build … finished in 24s" or "… exited with 1 after …".
        terminal.waitFor("dbt build to end", seconds: 300) { $0.contains(" finished in ") || $0.contains(" exited with ") }
        XCTAssertTrue(terminal.screen().contains(" finished in "), "dbt build failed:\n\(terminal.screen())")
        terminal.waitFor("staging filled from raw") { $0.contains("total raw 44.8k, staging 44.8k") }

        let eltopPID = try XCTUnwrap(terminal.eltopPID)
        try terminal.press("q")
        try Self.waitUntil("eltop to exit after q", seconds: 20) { kill(eltopPID, 0) != 0 || Self.isZombie(eltopPID) }

        // The servers name their data directories (…/eltop/demo/source, …/warehouse) on their command lines.
        let demoDirectory = dataHome + "/eltop/demo/"
        let clusters = Self.processes(mentioning: demoDirectory)
        XCTAssertFalse(clusters.isEmpty, "the clusters should still run after q (they stop with --down)")
        let down = try Self.eltop(["demo", "--down"], dataHome: dataHome)
        XCTAssertTrue(down.contains("stopped the demo's source and warehouse"), down)
        try Self.waitUntil("every process of the demo to end", seconds: 20) { Self.processes(mentioning: demoDirectory).isEmpty }
    }

    /// Runs the built eltop to the end with only HOME, PATH and XDG_DATA_HOME set.
    static func eltop(_ arguments: [String], dataHome: String) throws -> String {
        let binary = try TmuxEltop.eltopBinary()
        let (_, output) = try ChildProcess.run(
            "/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", "HOME=\(dataHome)", "XDG_DATA_HOME=\(dataHome)", binary] + arguments)
        return output
    }

    /// Pids whose command line mentions `text` (a postgres server names its data directory with -D).
    static func processes(mentioning text: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), pid != getpid(), !isZombie(pid),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return line.contains(text) ? pid : nil
        }
    }

    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    static func waitUntil(_ what: String, seconds: Double, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { throw E2EError("waited \(Int(seconds)) s for \(what)") }
            usleep(100_000)
        }
    }
}
