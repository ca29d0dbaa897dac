import EltopTestSupport
import Foundation
import XCTest

/// `y` and a rebound key in the real binary: the OSC 52 bytes are read from what tmux saw the pane
/// write (`pipe-pane`) and from the paste buffer tmux made of them (`set-clipboard on`); the rebound
/// keys are driven by their new names while the old ones are shown to do nothing.
final class ClipboardAndKeysEndToEndTests: XCTestCase {
    private var server: AirbyteTestServer?
    private var terminal: TmuxEltop?
    private var directory: URL?
    private let connectionName = "orders_cdc_copy"
    private let connectionID = "3f1b2c4d-0000-4000-8000-00000000c0e1"

    override func tearDown() async throws {
        terminal?.stop()
        terminal = nil
        await server?.stop()
        server = nil
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func testYWritesOSC52WithTheRowAndReboundKeysReplaceTheirDefaults() async throws {
        let server = try AirbyteTestServer()
        self.server = server
        await server.fake.addConnection(id: connectionID, name: connectionName)
        try await server.start()
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("eltop-keys-\(UUID().uuidString)")
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("eltop.yaml")
        try "keys:\n  toggle_help: H\n  quit: [Q, ctrl-c]\n".write(to: config, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("pane-output")

        let terminal = try TmuxEltop(
            arguments: ["--config", config.path], environment: ["AIRBYTE_SERVER_NAME": server.baseURL, "AIRBYTE_CONNECTION_ID": connectionID],
            cols: 100, rows: 30)
        self.terminal = terminal
        try terminal.tmux("set-option", "-g", "set-clipboard", "on")
        try terminal.tmux("pipe-pane", "-O", "-t", "e2e", "cat >> '\(output.path)'")
        guard terminal.waitFor(text: connectionName) else { return }
        XCTAssertTrue(terminal.screen().contains("Q quit  H help"), "the hint bar shows the rebound keys:\n\(terminal.screen())")

        try terminal.press("2", "y")
        terminal.waitFor(text: "Copied connection id: \(connectionID)")
        let expected = connectionID
        let sequence = "\u{1B}]52;c;" + Data(expected.utf8).base64EncodedString() + "\u{07}"
        let deadline = Date().addingTimeInterval(10)
        var written = ""
        while !written.contains(sequence) && Date() < deadline {
            usleep(100_000)
            written = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        }
        XCTAssertTrue(written.contains(sequence), "the pane never wrote the OSC 52 sequence; it wrote \(written.count) characters, OSC 52 parts: \(written.components(separatedBy: "\u{1B}]52").dropFirst().map { String($0.prefix(80)) })")
        XCTAssertEqual(try terminal.tmux("show-buffer"), expected, "tmux's paste buffer holds the copied row")

        // `?` is no longer help: after `?` then `H`, help is open (had `?` opened it, `H` would close it).
        try terminal.press("?", "H")
        terminal.waitFor(text: "Help · Esc closes")
        XCTAssertTrue(terminal.screen().contains("H         show or hide this help"), terminal.screen())
        try terminal.press("Escape")
        terminal.waitFor("help to close") { !$0.contains("Help · Esc closes") }
        // `q` no longer quits: eltop still answers `H` after it.
        try terminal.press("q", "H")
        terminal.waitFor(text: "Help · Esc closes")
        XCTAssertTrue(terminal.eltopRunning, "q still quit")
        try terminal.press("Escape", "Q")
        let quitBy = Date().addingTimeInterval(10)
        while terminal.eltopRunning && Date() < quitBy { usleep(100_000) }
        XCTAssertFalse(terminal.eltopRunning, "Q did not quit; the screen shows:\n\(terminal.screen())")
    }

    /// `--mouse`: a left press (xterm's X10 report, as a terminal sends it) inside the dbt pane focuses
    /// it, so Enter opens dbt's detail view; without the flag the same bytes do nothing.
    func testWithMouseAClickFocusesThePaneUnderIt() throws {
        // At 100×30 the dbt pane is the lower right one (x 50–99, y 15–28); (60, 18) is well inside.
        let click = "\u{1B}[M" + String(UnicodeScalar(32)) + String(UnicodeScalar(UInt8(32 + 60 + 1))) + String(UnicodeScalar(UInt8(32 + 18 + 1)))
        for mouse in [true, false] {
            let terminal = try TmuxEltop(arguments: mouse ? ["--mouse"] : [], environment: [:], cols: 100, rows: 30)
            self.terminal = terminal
            guard terminal.waitFor(text: "5 Timeline") else { return }
            try terminal.tmux("send-keys", "-t", "e2e", "-l", click)
            try terminal.press("Enter")
            terminal.waitFor(text: "· detail")
            XCTAssertEqual(terminal.screen().contains("4 dbt · models · detail"), mouse, terminal.screen())
            terminal.stop()
        }
    }
}
