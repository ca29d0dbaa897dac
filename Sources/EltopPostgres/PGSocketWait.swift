import Foundation
import Synchronization

/// The statement did not answer by the deadline its caller gave (`PGConnection.query(_:_:deadline:)`).
/// The statement is cancelled on the server (PQcancel) after the caller is told; the connection stays.
public struct PGDeadlinePassed: Error, Sendable {}

/// Waits for libpq's socket with poll(2), up to a deadline, and wakes early when the waiting task is
/// cancelled: the deadline is poll's own timeout, so a statement with a time limit costs no timer, no
/// second task and no thread besides the one waiting, and its answer wakes that thread once.
///
/// One per connection. Its pipe is written by a cancelled task (from any thread) and read only by the
/// connection's queue; a byte left by a cancellation that came after its statement ended is drained and
/// ignored by the next wait, which heeds only its own `PGInterrupt`.
final class PGSocketWait: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        // Without a pipe (no descriptors left) waits still honour their deadline; cancellation then
        // waits for the deadline or the answer.
        if pipe(&ends) == 0 {
            for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK); _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        if readEnd >= 0 { close(readEnd) }
        if writeEnd >= 0 { close(writeEnd) }
    }

    /// Marks `interrupt` cancelled and wakes the wait that heeds it; safe from any thread.
    func cancel(_ interrupt: PGInterrupt) {
        interrupt.cancelled.store(true, ordering: .releasing)
        var byte: UInt8 = 1
        if writeEnd >= 0 { _ = write(writeEnd, &byte, 1) }
    }

    /// Returns once `socket` is ready for `events` (POLLIN, POLLOUT). Throws `PGDeadlinePassed` at
    /// `deadline` and `CancellationError` once `interrupt` is cancelled; nil waits without a deadline.
    func wait(socket: Int32, for events: Int16, deadline: ContinuousClock.Instant?, interrupt: PGInterrupt) throws {
        guard socket >= 0 else { throw PGError(kind: .connection, message: "the connection has no socket") }
        while true {
            if interrupt.cancelled.load(ordering: .acquiring) { throw CancellationError() }
            var timeout: Int32 = -1
            if let deadline {
                let left = deadline - .now
                if left <= .zero { throw PGDeadlinePassed() }
                // Rounded up, so the wait never ends a little before its deadline and spins.
                timeout = Int32(clamping: (left.components.seconds * 1000) + (left.components.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
            }
            var fds = [pollfd(fd: socket, events: events, revents: 0), pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, nfds_t(readEnd >= 0 ? 2 : 1), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw PGError(kind: .connection, message: "poll(2) on the connection failed: \(String(cString: strerror(errno)))")
            }
            if fds[1].revents != 0 { drain() }
            // An error or hang-up on the socket is ready too: libpq reads it and reports the break.
            if fds[0].revents != 0 { return }
        }
    }

    private func drain() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &bytes, bytes.count) > 0 {}
    }
}

/// Whether the task waiting for one statement was cancelled: a fresh one per statement, so a
/// cancellation never reaches a later statement of the same connection.
final class PGInterrupt: Sendable {
    let cancelled = Atomic(false)
}
