import Foundation
import Synchronization

/// The statement did not answer by the deadline its caller gave (`PGConnection.query(_:_:deadline:)`).
/// The statement is cancelled on the server (PQcancel) after the caller is told; the connection stays.
public struct PGDeadlinePassed: Error, Sendable {}

/// Waits for libpq's socket with poll(2), up to a deadline, and wakes early when the waiting task is
/// cancelled: the deadline is poll's own timeout, so a statement with a time limit costs no timer, no
/// second task and no thread besides the one waiting, and its answer wakes that thread once.
///
/// One per connection. Its pipe is written by a cancelled task or a cut pause (from any thread) and read
/// only by the connection's queue; a byte left by a cancellation that came after its statement ended is
/// drained and ignored by the next wait, which heeds only its own `PGInterrupt`.
///
/// It also makes the pause before a paced statement (`pause(for:interrupt:)`): the same poll(2) on the
/// pipe alone, so the wait between two polls is the kernel's timeout on a thread that waits anyway, not
/// a timer of dispatch's (armed and fired by its manager thread) and a task to wake.
final class PGSocketWait: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32
    /// True from when a paced statement is handed to the queue until its pause ends: while it is, a cut
    /// (`cutPause`) ends the pause, and the statement that follows answers the refresh.
    private let pausing = Atomic(false)

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

    /// A pause is about to be handed to the queue: cuts from now on end it (see `cutPause`).
    func willPause() {
        pausing.store(true, ordering: .releasing)
    }

    /// Ends the pause under way or handed to the queue, and says whether there was one; false while no
    /// pause is pending (a statement is running), when the caller must ask for the next one at once.
    func cutPause() -> Bool {
        guard pausing.exchange(false, ordering: .acquiringAndReleasing) else { return false }
        var byte: UInt8 = 1
        if writeEnd >= 0 { _ = write(writeEnd, &byte, 1) }
        return true
    }

    /// Waits `duration` on the connection's queue, or less when `cutPause` ends it; throws
    /// `CancellationError` once `interrupt` is cancelled. Follows `willPause`.
    func pause(for duration: Duration, interrupt: PGInterrupt) throws {
        defer { pausing.store(false, ordering: .releasing) }
        let end = ContinuousClock.now + duration
        while pausing.load(ordering: .acquiring) {
            if interrupt.cancelled.load(ordering: .acquiring) { throw CancellationError() }
            let left = end - .now
            if left <= .zero { return }
            var fds = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
            let ready = readEnd >= 0 ? poll(&fds, 1, Self.milliseconds(left)) : poll(nil, 0, Self.milliseconds(left))
            if ready < 0, errno != EINTR {
                throw PGError(kind: .connection, message: "poll(2) before the statement failed: \(String(cString: strerror(errno)))")
            }
            if ready > 0 { drain() }
        }
        if interrupt.cancelled.load(ordering: .acquiring) { throw CancellationError() }
    }

    /// Milliseconds for poll(2), rounded up, so a wait never ends a little before its end and spins.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(clamping: (duration.components.seconds * 1000) + (duration.components.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
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
                timeout = Self.milliseconds(left)
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
