import EltopTestSupport
import Foundation
import XCTest

/// The CDC tracer in `eltop demo`, on one stack for the class: the real binary in tmux writes the probe
/// (`i`, `u`, `d` + `y`), `p` carries the insert to staging (sync → wait → transform), `s` then `t` the
/// update and the delete, and what the pane claims at each step equals what independent psql queries of
/// source, raw and staging return. Then `--read-only` attached to the same stack refuses the probe keys.
final class TracerEndToEndTests: XCTestCase {
    private var terminal: TmuxEltop?
    private var dataHome: String?
    private let connectionName = "dvdrental → raw"

    override func tearDown() {
        terminal?.stop()
        terminal = nil
        if let dataHome {
            _ = try? DemoEndToEndTests.eltop(["demo", "--down"], dataHome: dataHome)
            try? FileManager.default.removeItem(atPath: dataHome)
        }
        dataHome = nil
    }

    func testInsertUpdateAndDeleteReachStagingAsTheIndependentQueriesSay() throws {
        let dataHome = "/tmp/eltop-e2e-tracer-\(getpid())-\(UUID().uuidString.prefix(6))"
        self.dataHome = dataHome
        try FileManager.default.createDirectory(atPath: dataHome, withIntermediateDirectories: true)
        let terminal = try TmuxEltop(arguments: ["demo"], environment: ["XDG_DATA_HOME": dataHome], cols: 160, rows: 48)
        self.terminal = terminal
        guard terminal.waitFor(text: "airbyte_slot", seconds: 240) else { return }
        guard terminal.waitFor(text: connectionName) else { return }
        terminal.waitFor("the Tracer pane") { $0.contains("6 Tracer") && $0.contains("No probe yet") }
        let demo = try DemoSite(dataHome: dataHome)
        // The first sync is the initial snapshot: raw.eltop_probe exists (empty) after it.
        try sync(demo, job: 1)

        // i: the committed hop is the source's own row and LSN.
        try write("i", question: "Insert a probe row into eltop_probe?")
        let id = try demo.source("SELECT max(id) FROM eltop_probe")
        let note = try demo.source("SELECT note FROM eltop_probe WHERE id = \(id)")
        XCTAssertTrue(note.hasPrefix("eltop probe insert "), note)
        terminal.waitFor(text: "probe \(id) insert committed at LSN")
        terminal.waitFor(text: "#1 insert: waiting for")

        // p carries the insert: sync → wait → transform in one confirmation, and the tracer follows it.
        try terminal.press("2", "p")
        terminal.waitFor(text: "Run the pipeline for \(connectionName)")
        try terminal.press("y")
        let carried = try demo.waitForJob(2, seconds: 60)
        XCTAssertEqual(carried["status"] as? String, "succeeded", "\(carried)")
        terminal.waitFor(text: "#1 insert: in staging ", seconds: 300)
        XCTAssertEqual(try demo.warehouse("SELECT note || '|' || (_airbyte_meta->>'sync_id') FROM raw.eltop_probe WHERE id = \(id)"), note + "|2")
        XCTAssertTrue(tracerRow(1).contains(" j2 "), "the sync hop names job 2, raw's sync_id: \(tracerRow(1))")
        XCTAssertEqual(try demo.warehouse("SELECT note FROM staging.stg_eltop_probe WHERE id = \(id)"), note)
        try checkDetail(trip: 1, source: note, raw: note, staging: note)
        terminal.waitFor("the verdict in the title bar") { $0.split(separator: "\n").first?.contains("source → staging ") == true }

        // u: the updated value in raw and staging.
        try write("u", question: "Update probe \(id) in eltop_probe?")
        let updated = try demo.source("SELECT note FROM eltop_probe WHERE id = \(id)")
        XCTAssertTrue(updated.hasPrefix("eltop probe update "), updated)
        try sync(demo, job: 3)
        terminal.waitFor(text: "#2 update: waiting for a transform: press t")
        XCTAssertEqual(try demo.warehouse("SELECT note FROM raw.eltop_probe WHERE id = \(id)"), updated)
        try transform(until: "#2 update: in staging ")
        XCTAssertEqual(try demo.warehouse("SELECT note FROM staging.stg_eltop_probe WHERE id = \(id)"), updated)
        try checkDetail(trip: 2, source: updated, raw: updated, staging: updated)

        // d: the demo's connection hard-deletes, so the row is gone from raw and staging.
        try write("d", question: "Delete probe \(id) from eltop_probe?")
        XCTAssertEqual(try demo.source("SELECT count(*) FROM eltop_probe WHERE id = \(id)"), "0")
        try sync(demo, job: 4)
        terminal.waitFor(text: "#3 delete: waiting for a transform: press t")
        XCTAssertTrue(tracerRow(3).contains("gone"), "raw: gone (hard delete): \(tracerRow(3))")
        XCTAssertTrue(tracerRow(3).contains(" j4 "), "the sync hop names job 4, the one running when the row went: \(tracerRow(3))")
        XCTAssertEqual(try demo.warehouse("SELECT count(*) FROM raw.eltop_probe WHERE id = \(id)"), "0")
        try transform(until: "#3 delete: in staging ")
        XCTAssertEqual(try demo.warehouse("SELECT count(*) FROM staging.stg_eltop_probe WHERE id = \(id)"), "0")

        // u with no live probe says so.
        try terminal.press("6", "u")
        terminal.waitFor(text: "no live probe to update: press i to insert one")

        // --read-only on the same stack: the probe keys are refused and write nothing.
        let eltopPID = try XCTUnwrap(terminal.eltopPID)
        try terminal.press("q")
        try DemoEndToEndTests.waitUntil("eltop to exit after q", seconds: 20) { kill(eltopPID, 0) != 0 || DemoEndToEndTests.isZombie(eltopPID) }
        terminal.stop()
        let readOnly = try TmuxEltop(arguments: ["demo", "--read-only"], environment: ["XDG_DATA_HOME": dataHome], cols: 160, rows: 48)
        self.terminal = readOnly
        guard readOnly.waitFor(text: "6 Tracer", seconds: 60) else { return }
        let rows = try demo.source("SELECT count(*) FROM eltop_probe")
        try readOnly.press("6", "i")
        readOnly.waitFor(text: "i (insert the probe row) is disabled by --read-only")
        XCTAssertFalse(readOnly.screen().contains("Insert a probe row"), "no prompt under --read-only")
        XCTAssertEqual(try demo.source("SELECT count(*) FROM eltop_probe"), rows, "--read-only wrote a probe")
    }

    /// A probe key, its prompt, `y`, and the write's confirmation on screen.
    private func write(_ key: String, question: String) throws {
        let terminal = try XCTUnwrap(terminal)
        try terminal.press("6", key)
        terminal.waitFor(text: question)
        try terminal.press("y")
        terminal.waitFor(text: "committed at LSN")
    }

    private func sync(_ demo: DemoSite, job: Int) throws {
        let terminal = try XCTUnwrap(terminal)
        try terminal.press("2", "s")
        terminal.waitFor(text: "Start a sync of \(connectionName)?")
        try terminal.press("y")
        let ended = try demo.waitForJob(job, seconds: 60)
        XCTAssertEqual(ended["status"] as? String, "succeeded", "\(ended)")
        terminal.waitFor(text: "\(connectionName): job \(job) succeeded")
    }

    /// `t` + `y`, then the tracer's own line saying the trip reached staging (dbt builds the whole project).
    private func transform(until arrived: String) throws {
        let terminal = try XCTUnwrap(terminal)
        try terminal.press("4", "t")
        terminal.waitFor(text: "Run `dbt build")
        try terminal.press("y")
        terminal.waitFor(text: arrived, seconds: 300)
    }

    /// The Tracer pane's row of trip `trip` as the screen shows it.
    private func tracerRow(_ trip: Int) -> String {
        let screen = terminal?.screen() ?? ""
        let pattern = "│ *\(trip) (insert|update|delete) "
        return screen.split(separator: "\n").map(String.init).first { $0.range(of: pattern, options: .regularExpression) != nil } ?? "(no row for trip \(trip))\n\(screen)"
    }

    /// Enter on the trip: the detail's values side by side equal the independent queries'.
    private func checkDetail(trip: Int, source: String, raw: String, staging: String) throws {
        let terminal = try XCTUnwrap(terminal)
        try terminal.press("6", "g", "Enter")
        terminal.waitFor(text: "#\(trip): ")
        let flat = terminal.screen().split(separator: "\n").joined(separator: " ").replacingOccurrences(of: "│", with: " ")
        let squeezed = flat.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        let expected = "source '\(source)' · raw '\(raw)' · staging '\(staging)'".split(separator: " ").joined(separator: " ")
        XCTAssertTrue(squeezed.contains(expected), "the detail does not show \(expected):\n\(terminal.screen())")
        try terminal.press("Escape")
    }
}
