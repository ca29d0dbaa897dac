import Foundation

/// A pseudo-terminal for driving the real ncurses backend in tests: the session gets the slave side as
/// its tty; the test reads what was written from the master side and types into it.
final class PseudoTerminal: @unchecked Sendable {
    let masterFD: Int32
    let slaveFD: Int32
    private let lock = NSLock()
    private var received: [UInt8] = []
    private var reader: Thread?
    private var stopped = false

    init(cols: Int, rows: Int) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(cols), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw CocoaError(.fileReadUnknown) }
        masterFD = master
        slaveFD = slave
        // Drain the master continuously, or a full frame could fill the pty buffer and block ncurses.
        let thread = Thread { [unowned self] in self.drain() }
        reader = thread
        thread.start()
    }

    /// Bytes written to the terminal so far; waits `settle` first so writes in flight arrive.
    func output(settle: TimeInterval = 0.1) -> [UInt8] {
        Thread.sleep(forTimeInterval: settle)
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Forgets what was received so far.
    func clear(settle: TimeInterval = 0.1) {
        Thread.sleep(forTimeInterval: settle)
        lock.lock()
        received = []
        lock.unlock()
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

    func close() {
        lock.lock()
        stopped = true
        lock.unlock()
        Foundation.close(slaveFD)
        Thread.sleep(forTimeInterval: 0.05)
        Foundation.close(masterFD)
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = pollfd(fd: masterFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, 20)
            lock.lock()
            let done = stopped
            lock.unlock()
            if done { return }
            guard ready > 0 else { continue }
            let n = read(masterFD, &buffer, buffer.count)
            if n <= 0 { return }
            lock.lock()
            received += buffer[0..<n]
            lock.unlock()
        }
    }
}
