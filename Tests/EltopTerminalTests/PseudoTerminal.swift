import Foundation

/// A pseudo-terminal for driving the real ncurses backend in tests: the session gets the slave side as
/// its tty; the test reads what was written from the master side and types into it.
/// `@unchecked Sendable`: `received`, `stopped` and `syncs` change only under `lock`; `masterFD` is
/// written before the reader thread starts and after it has stopped.
final class PseudoTerminal: @unchecked Sendable {
    let slaveFD: Int32
    private var masterFD: Int32
    private let lock = NSLock()
    private var received: [UInt8] = []
    private var stopped = false
    private var syncs = 0
    private var drains: Bool
    private let drainEnded = DispatchSemaphore(value: 0)
    /// How `output()` and `clear()` send their marker: straight to the slave by default. A session's
    /// output travels through its writer's pipe, so its tests send the marker that way too, behind it.
    var writeMarker: ([UInt8]) -> Void = { _ in }

    /// `drainsOutput` starts a thread that keeps reading the master, or a full frame could fill the pty
    /// buffer and block ncurses.
    init(cols: Int, rows: Int, drainsOutput: Bool = true) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(cols), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw CocoaError(.fileReadUnknown) }
        masterFD = master
        slaveFD = slave
        drains = drainsOutput
        writeMarker = { bytes in _ = bytes.withUnsafeBytes { write(slave, $0.baseAddress, $0.count) } }
        if drainsOutput {
            let fd = master
            Thread { [self] in drain(fd) }.start()
        }
    }

    /// Starts reading a pty made with `drainsOutput: false`: the terminal is read again.
    func startDraining() {
        guard !drains else { return }
        drains = true
        let fd = masterFD
        Thread { [self] in drain(fd) }.start()
    }

    /// Every byte written to the terminal since the last `clear()` (the draining side only).
    func output() throws -> [UInt8] { try sync(clearing: false) }

    /// Forgets every byte written to the terminal so far.
    func clear() throws { _ = try sync(clearing: true) }

    /// Writes a marker through the slave side, after what the session wrote there, and waits until the
    /// drain has read it: the pty keeps order, so every byte written before it has then arrived, with no
    /// guess at how long the kernel takes. Returns the bytes before the marker and removes the marker
    /// (with them when `clearing`). Throws, with what did arrive, if the marker has not come in 2 s.
    private func sync(clearing: Bool) throws -> [UInt8] {
        let marker = Array(lock.withLock { () -> String in
            syncs += 1
            return "<pty-sync-\(syncs)>"
        }.utf8)
        writeMarker(marker)
        let deadline = Date().addingTimeInterval(2)
        while true {
            let before: [UInt8]? = lock.withLock {
                guard let found = received.firstRange(of: marker) else { return nil }
                defer { received.removeSubrange(clearing ? received.startIndex..<found.upperBound : found) }
                return Array(received[..<found.lowerBound])
            }
            if let before { return before }
            guard Date() < deadline else {
                let arrived = lock.withLock { received }
                throw PseudoTerminalError(description: "no sync marker from the pty in 2 s; arrived: \(String(decoding: arrived, as: UTF8.self).debugDescription)")
            }
            usleep(1_000)
        }
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
            // The drain thread sees `stopped` within one 20 ms poll; the fd is closed only once it has.
            if drains { _ = drainEnded.wait(timeout: .now() + 2) }
            Foundation.close(fd)
        }
    }

    func close() {
        closeMaster()
        Foundation.close(slaveFD)
    }

    private func drain(_ fd: Int32) {
        defer { drainEnded.signal() }
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

/// What `PseudoTerminal.output()` and `clear()` throw when the pty did not deliver their marker.
struct PseudoTerminalError: Error, CustomStringConvertible {
    let description: String
}
