import CNcursesw
import EltopCore
import EltopUI
import Foundation

/// Why the dashboard could not take the terminal.
public enum TerminalSessionError: Error, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "eltop dash needs a terminal on stdin and stdout; use `eltop snapshot --json` in scripts"
        case .unknownTerminal(let name):
            return "cannot drive terminal type '\(name)': set TERM to one terminfo knows (e.g. xterm-256color)"
        }
    }
}

/// Owns the terminal while the dashboard runs: locale, ncurses screen, raw mode, keypad, cursor, colours,
/// stderr, and the crash handlers. `restore()` undoes all of it, is idempotent, and must run on every exit
/// path (normal quit, SIGINT/SIGTERM/SIGHUP, thrown errors); crashes are covered by `CrashRestore`.
///
/// Not thread-safe: like every ncurses call, use it from the app loop only.
public final class TerminalSession {
    /// The glyph set the locale can show: Unicode under UTF-8, ASCII otherwise (ncursesw prints `~V~G`
    /// for anything it cannot encode).
    public let glyphs: Glyphs
    /// True when the locale's codeset is UTF-8.
    public let isUTF8: Bool
    /// How many colours the terminal has (0 without colour support): decides the colour depth used.
    public let colorCount: Int
    /// True when colour -1 means "the terminal's own colour" (`use_default_colors` worked).
    public let hasDefaultColors: Bool
    let window: UnsafeMutablePointer<WINDOW>
    private let outputFD: Int32
    /// The descriptor ncurses writes to (its own copy of `outputFD`), pointed at `writer`'s pipe while
    /// the screen is owned.
    private let ncursesFD: Int32
    /// Delivers ncurses' output to the tty off the loop's thread; nil if no pipe could be made.
    private let writer: TerminalWriter?
    private var stderrRedirect: StderrRedirect?
    private var restored = false

    /// Takes over the terminal on `input`/`output` (stdin/stdout; tests pass a pty). While the screen is
    /// owned, stderr goes to `stderrPath` (the log file; /dev/null when nil) so nothing written to stderr
    /// lands on the dashboard. `terminalType` overrides `$TERM`.
    public init(stderrPath: String?, input inputFD: Int32 = STDIN_FILENO, output outputFD: Int32 = STDOUT_FILENO, terminalType: String? = nil) throws {
        guard isatty(inputFD) == 1, isatty(outputFD) == 1 else { throw TerminalSessionError.notATerminal }
        setlocale(LC_ALL, "")
        isUTF8 = String(cString: eltop_codeset()) == "UTF-8"
        glyphs = isUTF8 ? .unicode : .ascii

        var shellMode = termios()
        tcgetattr(inputFD, &shellMode)
        guard let output = fdopen(dup(outputFD), "w"), let input = fdopen(dup(inputFD), "r"),
            newterm(terminalType, output, input) != nil, let window = eltop_stdscr()
        else {
            throw TerminalSessionError.unknownTerminal(terminalType ?? ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        self.outputFD = outputFD
        let ncursesFD = fileno(output)
        self.ncursesFD = ncursesFD
        self.window = window
        raw()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        curs_set(0)
        // Esc is a key of its own here (close help, leave detail); the default 1 s wait for the rest of
        // an escape sequence would make it feel broken.
        set_escdelay(25)
        Self.defineCursorKeysInBothModes()
        if has_colors() {
            start_color()
            hasDefaultColors = use_default_colors() == OK
            colorCount = Int(eltop_colors())
        } else {
            hasDefaultColors = false
            colorCount = 0
        }

        writer = Self.divertOutput(of: ncursesFD, to: outputFD)
        stderrRedirect = stderrPath.flatMap(StderrRedirect.init(to:)) ?? StderrRedirect(to: "/dev/null")
        let note = "eltop crashed; the terminal was restored. Details: \(stderrPath ?? "(no log file)")\n"
        CrashRestore.install(
            savedTermios: shellMode, inputFD: inputFD, outputFD: outputFD,
            reset: Self.resetSequence(), note: Array(note.utf8), noteFD: stderrRedirect?.originalFD ?? -1)
    }

    deinit { restore() }

    /// The screen size ncurses currently uses.
    public var size: Size { Size(cols: Int(getmaxx(window)), rows: Int(getmaxy(window))) }

    /// Reads the window size from the tty and tells ncurses about it; call after SIGWINCH.
    /// Returns the new size (unchanged when the tty cannot say).
    @discardableResult
    /// Turns on mouse reporting (`--mouse`): left presses and the wheel. Off by default so the
    /// terminal's own text selection keeps working; `endwin` turns it off again.
    public func enableMouse() {
        eltop_mouse_on()
    }

    /// The mouse event ncurses queued with KEY_MOUSE, when it is one eltop uses.
    func readMouse() -> MouseInput? {
        var x: Int32 = 0, y: Int32 = 0
        let button: MouseInput.Button
        switch eltop_read_mouse(&x, &y) {
        case 1: button = .press
        case 4: button = .wheelUp
        case 5: button = .wheelDown
        default: return nil
        }
        return MouseInput(x: Int(x), y: Int(y), button: button)
    }

    /// Writes bytes to the terminal beside ncurses, for sequences that do not touch the screen (OSC 52).
    /// ncurses has flushed its frame by the time the loop gets here, and the bytes take the same way
    /// (the writer's pipe), so they arrive after it and nothing interleaves.
    func writeBeside(_ bytes: [UInt8]) {
        writeAll(ncursesFD, bytes[...])
    }

    /// True while earlier output is still on its way to the terminal (nobody reads it: a frozen SSH
    /// session); `notice` runs, on another thread, once it has arrived. Draw nothing new meanwhile.
    func deliveryPending(then notice: @escaping @Sendable () -> Void) -> Bool {
        guard !restored, let writer else { return false }
        return writer.deliveryPending(then: notice)
    }

    /// Points ncurses' descriptor at a `TerminalWriter`'s pipe. Only writes go there: ncurses changes
    /// the tty's modes through the same descriptor, and does so only at start and in `endwin`, when it
    /// is the tty.
    private static func divertOutput(of ncursesFD: Int32, to ttyFD: Int32) -> TerminalWriter? {
        guard let (writer, pipeFD) = TerminalWriter.start(writingTo: ttyFD) else { return nil }
        defer { close(pipeFD) }
        guard dup2(pipeFD, ncursesFD) >= 0 else { return nil }
        // Children (dbt) must not hold the pipe open: the writer stops at its end.
        _ = fcntl(ncursesFD, F_SETFD, FD_CLOEXEC)
        return writer
    }

    public func adoptWindowSize() -> Size {
        var rows: Int32 = 0, cols: Int32 = 0
        if eltop_window_size(outputFD, &rows, &cols) == 0, Size(cols: Int(cols), rows: Int(rows)) != size {
            resizeterm(rows, cols)
        }
        return size
    }

    /// Gives the terminal back: leaves the alternate screen, shows the cursor, restores the tty modes and
    /// stderr, and disarms the crash handlers. Safe to call more than once.
    public func restore() {
        guard !restored else { return }
        restored = true
        CrashRestore.uninstall()
        // The last frame gets a moment to arrive; then ncurses writes to the tty itself again, so
        // `endwin` reaches it (and sets the tty's modes back) whatever is still queued.
        if let writer {
            writer.flush(timeout: .milliseconds(500))
            dup2(outputFD, ncursesFD)
        }
        // Blank the alternate screen before leaving it: terminals that reflow on resize (tmux does) would
        // otherwise wrap its full-width lines into the shell's scrollback when the size changed meanwhile.
        wclear(window)
        wrefresh(window)
        endwin()
        stderrRedirect?.undo()
        stderrRedirect = nil
    }

    /// Terminfo knows each key in one form (xterm's arrows as `ESC O A`, keypad-transmit mode), but terminals
    /// and SSH clients that ignore keypad mode send the `ESC [ A` form; teach ncurses both, so arrows,
    /// Home/End, PgUp/PgDn and Shift-Tab never arrive as Esc followed by letters.
    private static func defineCursorKeysInBothModes() {
        let sequences: [(String, Int32)] = [
            ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
            ("\u{1B}OA", KEY_UP), ("\u{1B}OB", KEY_DOWN), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}OD", KEY_LEFT),
            ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
            ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[Z", KEY_BTAB),
        ]
        for (sequence, key) in sequences where key_defined(sequence) != key {
            define_key(sequence, key)
        }
    }

    /// The bytes that undo what ncurses did to the terminal, from terminfo, for the crash handler:
    /// reset attributes, blank the alternate screen (see `restore`), show the cursor, leave
    /// keypad-transmit mode and the alternate screen.
    private static func resetSequence() -> [UInt8] {
        let fallbacks = [("sgr0", "\u{1B}[0m"), ("clear", "\u{1B}[H\u{1B}[2J"), ("cnorm", "\u{1B}[?25h"), ("rmkx", ""), ("rmcup", "")]
        var bytes: [UInt8] = []
        for (capability, fallback) in fallbacks {
            let value = eltop_tigetstr(capability).map { String(cString: $0) } ?? fallback
            bytes += Array(withoutPadding(value).utf8)
        }
        return bytes
    }

    /// Terminfo strings may hold delays like `$<5>`; those are for tputs, not for the terminal.
    private static func withoutPadding(_ capability: String) -> String {
        capability.replacingOccurrences(of: #"\$<[0-9.*/]*>"#, with: "", options: .regularExpression)
    }
}
