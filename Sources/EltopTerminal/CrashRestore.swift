import Foundation

/// Puts the terminal back when eltop dies on a fatal signal, so a crash never leaves the shell in raw
/// mode on the alternate screen with no cursor.
///
/// Swift has no panic hook: a `fatalError`, a failed precondition or a bad pointer ends in SIGILL, SIGTRAP,
/// SIGSEGV, SIGBUS, SIGFPE or SIGABRT. The handler does only async-signal-safe things with memory prepared
/// in advance: `tcsetattr` with the termios saved before ncurses started, `write(2)` of a precomputed reset
/// string and a one-line note, then it restores the default action and re-raises, so the process dies of
/// the signal as it would have (core dump, shell's "Illegal instruction"). The default and not the previous
/// action: the previous one is Swift's backtracer, which prints to stdout and, on a tty, waits 30 s for a
/// key; the runtime's own message (`Fatal error: …`) has already gone to stderr, i.e. the log file.
enum CrashRestore {
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Arms the handlers. `reset` is the byte string that leaves the alternate screen, shows the cursor and
    /// resets attributes; `note` is written to `noteFD` (the user's real stderr) after it.
    static func install(savedTermios: termios, inputFD: Int32, outputFD: Int32, reset: [UInt8], note: [UInt8], noteFD: Int32) {
        uninstall()
        // Allocated once per install and never freed: a handler may be running on another thread.
        let state = UnsafeMutablePointer<CrashState>.allocate(capacity: 1)
        state.initialize(to: CrashState(
            termios: savedTermios, inputFD: inputFD, outputFD: outputFD,
            reset: copy(reset), note: copy(note), noteFD: noteFD,
            previous: UnsafeMutablePointer<sigaction>.allocate(capacity: Int(fatalSignals.max()! + 1))))
        for signo in fatalSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = crashHandler
            sigemptyset(&action.sa_mask)
            // The signal stays blocked while the handler runs, so the re-raise is delivered, to the
            // default action, once the handler returns.
            action.sa_flags = 0
            sigaction(signo, &action, state.pointee.previous + Int(signo))
        }
        armed = state
    }

    /// Puts the previous actions back; called by `TerminalSession.restore()`. The prepared memory is kept:
    /// it is small, and freeing it could race a handler already running on another thread.
    static func uninstall() {
        guard let state = armed else { return }
        armed = nil
        for signo in fatalSignals {
            sigaction(signo, state.pointee.previous + Int(signo), nil)
        }
    }

    private static func copy(_ bytes: [UInt8]) -> UnsafeBufferPointer<UInt8> {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = buffer.initialize(from: bytes)
        return UnsafeBufferPointer(rebasing: buffer[0..<bytes.count])
    }
}

/// Everything the handler touches, in memory that is never freed or moved.
struct CrashState {
    var termios: termios
    var inputFD: Int32
    var outputFD: Int32
    var reset: UnsafeBufferPointer<UInt8>
    var note: UnsafeBufferPointer<UInt8>
    var noteFD: Int32
    /// The actions replaced by `install`, indexed by signal number.
    var previous: UnsafeMutablePointer<sigaction>
}

/// Set once by `install` before any handler can run, read by the handler; a plain pointer, so reading it
/// takes no lock and no reference count.
nonisolated(unsafe) private var armed: UnsafeMutablePointer<CrashState>?

/// The fatal-signal handler: async-signal-safe calls only (tcsetattr, write, signal, raise).
private func crashHandler(_ signo: Int32) {
    if let state = armed {
        var saved = state.pointee.termios
        tcsetattr(state.pointee.inputFD, TCSAFLUSH, &saved)
        writeAll(state.pointee.outputFD, state.pointee.reset)
        if state.pointee.noteFD >= 0 { writeAll(state.pointee.noteFD, state.pointee.note) }
    }
    signal(signo, SIG_DFL)
    raise(signo)
}

private func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
    guard var next = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
        let n = write(fd, next, left)
        if n <= 0 {
            if n < 0 && errno == EINTR { continue }
            return
        }
        next += n
        left -= n
    }
}
