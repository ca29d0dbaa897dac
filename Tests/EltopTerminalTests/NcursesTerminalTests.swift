import EltopCore
import EltopUI
import Synchronization
import XCTest

@testable import EltopTerminal

/// The real backend on a pseudo-terminal: what reaches the tty, byte for byte in aggregate.
final class NcursesTerminalTests: XCTestCase {
    private var pty: PseudoTerminal!
    private var session: TerminalSession!

    override func setUpWithError() throws {
        setenv("LC_ALL", "C.UTF-8", 1)
        pty = try PseudoTerminal(cols: 40, rows: 10)
        session = try TerminalSession(stderrPath: nil, input: pty.slaveFD, output: pty.slaveFD, terminalType: "xterm-256color")
        pty.writeMarker = { [unowned self] marker in self.session.writeBeside(marker) }
    }

    override func tearDown() {
        session?.restore()
        pty?.close()
        unsetenv("LC_ALL")
    }

    private func frame(_ text: String, role: Role = .text) -> Grid {
        var grid = Grid(size: Size(cols: 40, rows: 10), style: Theme.builtIn.style(.text))
        grid.write(text, x: 2, y: 3, style: Theme.builtIn.style(role))
        return grid
    }

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func testSessionReadsTheTerminal() {
        XCTAssertTrue(session.isUTF8)
        XCTAssertEqual(session.glyphs, .unicode)
        XCTAssertEqual(session.size, Size(cols: 40, rows: 10))
        XCTAssertGreaterThanOrEqual(session.colorCount, 256)
    }

    func testFirstFrameIsWrittenWhole() throws {
        let terminal = NcursesTerminal(session: session)
        try pty.clear()
        terminal.present(frame("hello ─ world"))
        let out = text(try pty.output())
        XCTAssertTrue(out.contains("hello ─ world"), "frame text missing from \(out.debugDescription)")
    }

    func testAnEqualFrameWritesNothing() throws {
        let terminal = NcursesTerminal(session: session)
        terminal.present(frame("steady"))
        try pty.clear()
        terminal.present(frame("steady"))
        terminal.present(frame("steady"))
        XCTAssertEqual(try pty.output(), [], "an unchanged frame must send 0 bytes")
    }

    func testAChangedCellWritesOnlyTheChange() throws {
        let terminal = NcursesTerminal(session: session)
        terminal.present(frame("count 1"))
        try pty.clear()
        terminal.present(frame("count 2"))
        let out = try pty.output()
        XCTAssertTrue(text(out).contains("2"))
        XCTAssertFalse(text(out).contains("count"), "unchanged cells were rewritten: \(text(out).debugDescription)")
        XCTAssertLessThan(out.count, 32, "one cell should cost a cursor move and a glyph")
    }

    func testInvalidateRepaintsEverything() throws {
        let terminal = NcursesTerminal(session: session)
        terminal.present(frame("again"))
        try pty.clear()
        terminal.invalidate()
        terminal.present(frame("again"))
        let out = text(try pty.output())
        XCTAssertTrue(out.contains("again"))
        XCTAssertTrue(out.contains("\u{1B}[H\u{1B}[2J"), "a full repaint starts from a cleared screen")
    }

    func testAWindowResizeRepaintsOnceAtTheNewSize() throws {
        let terminal = NcursesTerminal(session: session)
        terminal.present(frame("before"))
        pty.resize(cols: 50, rows: 12)
        XCTAssertEqual(terminal.adoptWindowSize(), Size(cols: 50, rows: 12))
        XCTAssertEqual(terminal.size, Size(cols: 50, rows: 12))
        try pty.clear()
        var grid = Grid(size: Size(cols: 50, rows: 12), style: Theme.builtIn.style(.text))
        grid.write("after", x: 2, y: 3, style: Theme.builtIn.style(.text))
        terminal.present(grid)
        XCTAssertTrue(text(try pty.output()).contains("\u{1B}[H\u{1B}[2J"), "a resize repaints whole")
        // The KEY_RESIZE that resizeterm queues comes back as input; adopting the same size again is free.
        XCTAssertEqual(terminal.readInput(), [.resized])
        XCTAssertEqual(terminal.adoptWindowSize(), Size(cols: 50, rows: 12))
        try pty.clear()
        terminal.present(grid)
        XCTAssertEqual(try pty.output(), [], "an unchanged size must not cost a second full frame")
    }

    func testColoursUseTheThemes256ColourIndexes() throws {
        let terminal = NcursesTerminal(session: session)
        try pty.clear()
        terminal.present(frame("bad", role: .crit))
        let out = text(try pty.output())
        // crit is xterm-256 colour 203, bold.
        XCTAssertTrue(out.contains("38;5;203"), out.debugDescription)
    }

    func testKeysAreReadFromTheTerminal() {
        let terminal = NcursesTerminal(session: session)
        pty.type("q?\u{03}\t\u{1B}OA\r")
        XCTAssertEqual(readInput(terminal, count: 6), [
            .key(.character("q")), .key(.character("?")), .key(.control("c")), .key(.tab), .key(.up), .key(.enter),
        ])
        XCTAssertEqual(terminal.readInput(), [], "nothing typed since")
    }

    func testCursorKeysAreUnderstoodWhateverTheKeypadMode() {
        let terminal = NcursesTerminal(session: session)
        // ESC [ forms, as sent by terminals that ignore keypad-transmit mode, then Esc alone.
        pty.type("\u{1B}[B\u{1B}[5~\u{1B}[6~\u{1B}[H\u{1B}[F\u{1B}[Z")
        XCTAssertEqual(readInput(terminal, count: 6), [.key(.down), .key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .key(.backTab)])
        pty.type("\u{1B}")
        XCTAssertEqual(readInput(terminal, count: 1), [.key(.escape)], "a lone Esc is a key once ESCDELAY has passed")
    }

    func testANonUTF8LocaleGetsOnlyAscii() throws {
        session.restore()
        setenv("LC_ALL", "C", 1)
        session = try TerminalSession(stderrPath: nil, input: pty.slaveFD, output: pty.slaveFD, terminalType: "xterm-256color")
        XCTAssertFalse(session.isUTF8)
        XCTAssertEqual(session.glyphs, .ascii)
        let terminal = NcursesTerminal(session: session)
        try pty.clear()
        terminal.present(frame("a─b…c中d"))
        let out = try pty.output()
        XCTAssertTrue(out.allSatisfy { $0 < 0x80 }, "non-ASCII bytes under LC_ALL=C: \(text(out).debugDescription)")
        XCTAssertTrue(text(out).contains("a-b.c?"), text(out).debugDescription)
    }

    func testRestoreLeavesTheAlternateScreenAndShowsTheCursor() throws {
        try pty.clear()
        session.restore()
        let out = text(try pty.output())
        XCTAssertTrue(out.contains("\u{1B}[?1049l"), "alternate screen not left: \(out.debugDescription)")
        XCTAssertTrue(out.contains("\u{1B}[?25h") || out.contains("\u{1B}[?12l\u{1B}[?25h"), "cursor not shown: \(out.debugDescription)")
        try pty.clear()
        session.restore()
        XCTAssertEqual(try pty.output(), [], "restore is idempotent")
    }

    /// A terminal nobody reads holds up the session's writer thread, not the caller: frames drawn while
    /// earlier ones are undelivered return at once, the terminal says delivery is pending, and once the
    /// terminal is read again it says so and the last frame arrives.
    func testATerminalNobodyReadsBlocksNeitherTheCallerNorLosesTheLastFrame() throws {
        session.restore()
        pty.close()
        pty = try PseudoTerminal(cols: 200, rows: 60, drainsOutput: false)
        session = try TerminalSession(stderrPath: nil, input: pty.slaveFD, output: pty.slaveFD, terminalType: "xterm-256color")
        let terminal = NcursesTerminal(session: session)
        let delivered = expectation(description: "told that the output arrived")
        let told = Mutex(0)
        var last = 0
        // Whole repaints, as the presenter draws them (only while nothing is pending), until the pty is full.
        let deadline = Date().addingTimeInterval(1)
        while Date() < deadline {
            if terminal.deliveryPending(then: {}) {
                usleep(1_000)
                continue
            }
            last += 1
            var grid = Grid(size: Size(cols: 200, rows: 60), style: Theme.builtIn.style(.text))
            for row in 0..<60 { grid.write("frame \(last) row \(row) " + String(repeating: "·─", count: 80), x: 0, y: row, style: Theme.builtIn.style(row % 2 == 0 ? .crit : .text)) }
            terminal.invalidate()
            terminal.present(grid)
        }
        XCTAssertTrue(terminal.deliveryPending(then: {
            told.withLock { $0 += 1 }
            delivered.fulfill()
        }), "after \(last) frames the pty is full and the writer still holds bytes")
        // Drawing on while pending would only queue; the caller returns, whatever the terminal does.
        terminal.setClipboard("after the frame")

        pty.startDraining()
        wait(for: [delivered], timeout: 5)
        let out = text(try pty.output())
        XCTAssertTrue(out.contains("frame \(last) row 59"), "the last frame arrived whole")
        XCTAssertTrue(out.hasSuffix(OSC52.sequence(copying: "after the frame").map { String(UnicodeScalar($0)) }.joined()), "OSC 52 follows its frame")
        XCTAssertEqual(told.withLock { $0 }, 1)
    }

    /// What the terminal reads until `count` inputs have come or two seconds have passed: typed bytes
    /// reach ncurses when the pty delivers them, and a lone Esc only after ESCDELAY.
    private func readInput(_ terminal: NcursesTerminal, count: Int) -> [TerminalInput] {
        let deadline = Date().addingTimeInterval(2)
        var inputs = terminal.readInput()
        while inputs.count < count, Date() < deadline {
            usleep(5_000)
            inputs += terminal.readInput()
        }
        return inputs
    }
}
