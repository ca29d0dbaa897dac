import CNcursesw
import Foundation
import Synchronization

/// Carries ncurses' output to the terminal on a thread of its own, so a terminal nobody reads (a frozen
/// SSH session: the TCP window full, then the pty) blocks that thread, never the loop that draws.
///
/// ncurses writes with write(2) to the descriptor of the FILE it was given, not through the FILE (so a
/// `fopencookie` stream would never see a byte). The session therefore moves that descriptor, once the
/// screen is set up, onto the write end of a pipe; this thread reads the pipe and writes to the tty with
/// blocking writes. The pipe is grown to hold more than a frame, and the presenter draws nothing new while
/// bytes are still on their way (`deliveryPending(then:)`): at most one frame waits, and once it has
/// arrived the newest state is drawn, never a backlog.
final class TerminalWriter: Sendable {
    /// The pipe's read end, read by the thread.
    private let readFD: Int32
    private let ttyFD: Int32
    private let state = Mutex(Delivery())

    private struct Delivery {
        /// The thread holds bytes it has read from the pipe and not yet written.
        var writing = false
        /// Told once the pipe is empty and nothing is being written.
        var onDelivered: (@Sendable () -> Void)?
        /// Restoring gave up waiting: what is left is dropped.
        var discarding = false
    }

    /// The capacity asked for the pipe: far more than one frame, and the unprivileged maximum of Linux's
    /// `pipe-max-size`. A frame that does not fit would block the loop until the terminal reads.
    private static let pipeBytes: Int32 = 1 << 20

    /// Creates the pipe and starts the thread. Returns the pipe's write end (close-on-exec) for ncurses'
    /// descriptor, or nil when no pipe could be made (the session then writes to the tty itself).
    static func start(writingTo ttyFD: Int32) -> (TerminalWriter, writeFD: Int32)? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        // Children (dbt) must not inherit either end: the thread stops when the write end closes.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        eltop_grow_pipe(ends[1], pipeBytes)
        let writer = TerminalWriter(readFD: ends[0], ttyFD: ttyFD)
        let thread = Thread { writer.run() }
        thread.name = "eltop.terminal-writer"
        thread.start()
        return (writer, ends[1])
    }

    private init(readFD: Int32, ttyFD: Int32) {
        self.readFD = readFD
        self.ttyFD = ttyFD
    }

    /// True while output written to the pipe has not all reached the terminal; `notice` then runs (on
    /// the writer's thread) once it has. False when everything has arrived: draw now.
    func deliveryPending(then notice: @escaping @Sendable () -> Void) -> Bool {
        state.withLock { delivery in
            guard delivery.writing || eltop_unread(readFD) > 0 else { return false }
            delivery.onDelivered = notice
            return true
        }
    }

    /// Waits until everything written has reached the terminal or `timeout` has passed; after a timeout
    /// what is still on its way is dropped, so the restore that follows is not queued behind it.
    func flush(timeout: Duration) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if !state.withLock({ $0.writing || eltop_unread(readFD) > 0 }) { return }
            usleep(5_000)
        }
        state.withLock { $0.discarding = true }
    }

    private func run() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            var ready = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            state.withLock { $0.writing = true }
            let count = read(readFD, &buffer, buffer.count)
            // EOF: the session took the descriptor back for good.
            if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) { break }
            if count > 0, !state.withLock({ $0.discarding }) { writeAll(ttyFD, buffer[0..<count]) }
            let notice = state.withLock { delivery -> (@Sendable () -> Void)? in
                guard eltop_unread(readFD) == 0 else { return nil }
                delivery.writing = false
                defer { delivery.onDelivered = nil }
                return delivery.onDelivered
            }
            notice?()
        }
        state.withLock { $0.writing = false }
        close(readFD)
    }
}
