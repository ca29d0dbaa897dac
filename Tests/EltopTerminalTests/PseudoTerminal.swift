import Foundation

/// A pseudo-terminal for driving the real ncurses backend in tests: the session gets the slave side as
/// its tty; the test reads what was written from the master side and types into it.
/// `@unchecked Sendable`: `received` and `stopped` change only under `lock`; `masterFD` is written
/// before the reader thread starts and after it has stopped.
final class PseudoTerminal: @unchecked Sendable {
    let slaveFD: Int32
    private var masterFD: Int32
    private let lock = NSLock()
    private var received: [UInt8] = []
    private var stopped = false

    /// `drainsOutput` starts a thread that keeps reading the master, or a full frame could fill the pty
    /// buffer and block ncurses.
    init(cols: Int, rows: Int, drainsOutput: Bool = true) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(cols), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw CocoaError(.fileReadUnknown) }
        masterFD = master
        slaveFD = slave
        if drainsOutput {
            let fd = master
            Thread { [self] in drain(fd) }.start()
        }
    }

    /// Bytes written to the terminal so far; waits `settle` first so writes in flight arrive.
    func output(settle: TimeInterval = 0.1) -> [UInt8] {
        Thread.sleep(forTimeInterval: settle)
        return lock.withLock { received }
    }

    /// Forgets what was received so far.
    func clear(settle: TimeInterval = 0.1) {
        Thread.sleep(forTimeInterval: settle)
        lock.withLock { received = [] }
    }

    /// Changes the window size, as a terminal emulator does when its window is resized.
    func resize(cols: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(cols), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(masterFD, UInt(TIOCSWINSZ), &size)
    }

    /// Types `text` as if at the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(masterFD, $0.baseAddress, $0.count) }
    }

    /// Closes the terminal emulator's side: the slave side sees a hangup.
    func closeMaster() {
        let fd = lock.withLock { () -> Int32 in
            stopped = true
            defer { masterFD = -1 }
            return masterFD
        }
        if fd >= 0 {
            Thread.sleep(forTimeInterval: 0.05)  // let the drain thread see `stopped`
            Foundation.close(fd)
        }
    }

    func close() {
        closeMaster()
        Foundation.close(slaveFD)
    }

    private func drain(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var status = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&status, 1, 20)
            if lock.withLock({ stopped }) { return }
            guard ready > 0 else { continue }
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { return }
            lock.withLock { received += buffer[0..<n] }
        }
    }
}
