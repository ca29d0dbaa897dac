#if os(Linux)
import CTimerFD
import Dispatch
import Foundation
import Synchronization

/// A `PollAlarm` on a Linux timerfd, waited on by a thread of its own. Moving it is one
/// timerfd_settime(2) on the mover's thread and wakes no one: the kernel just changes when the waiting
/// thread wakes. A dispatch timer's move wakes dispatch's manager thread to reprogram its own timer, and
/// the runtime moves its alarm at every poll (each success pushes the staleness deadline on), so an idle
/// dashboard's alarm is this one: one thread that sleeps until the deadline really comes.
///
/// Made once and moved for as long as its owner lives (`PollClock.movableAlarm`); the thread ends
/// when the alarm is released. Rings on `queue`, not once cancelled there.
final class TimerFDAlarm: PollAlarm {
    private let timer: Int32
    /// The write end of the pipe whose closing ends the thread (the read end is the thread's).
    private let stop: Int32
    private let called = CalledOff()

    /// Nil where the kernel gives no timerfd or pipe (no descriptors left): the caller uses another alarm.
    init?(after seconds: Double, on queue: DispatchQueue, _ ring: @escaping @Sendable () -> Void) {
        let timer = eltop_timerfd_create()
        guard timer >= 0 else { return nil }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            close(timer)
            return nil
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        self.timer = timer
        self.stop = ends[1]
        let called = self.called, stopped = ends[0]
        Thread.detachNewThread {
            // Named from inside: Foundation on Linux does not pass a name set before start to the thread.
            Thread.current.name = "eltop.alarm"
            Self.wait(timer: timer, stop: stopped) { queue.async { if !called.flag.load(ordering: .acquiring) { ring() } } }
        }
        _ = move(after: seconds)
    }

    /// Closing the pipe's write end wakes the thread, which closes the rest and ends.
    deinit {
        close(stop)
    }

    func cancel() {
        called.flag.store(true, ordering: .releasing)
        _ = eltop_timerfd_arm(timer, 0)
    }

    func move(after seconds: Double) -> Bool {
        called.flag.store(false, ordering: .releasing)
        // Zero disarms a timerfd: a deadline already due rings as soon as can be, a nanosecond on.
        return eltop_timerfd_arm(timer, max(1, Int64((max(0, seconds) * 1e9).rounded(.up)))) == 0
    }

    /// The thread's life: each expiry rings; the pipe's closing closes the rest and ends it.
    private static func wait(timer: Int32, stop: Int32, ring: () -> Void) {
        var fds = [pollfd(fd: timer, events: Int16(POLLIN), revents: 0), pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&fds, 2, -1)
            if ready < 0, errno == EINTR { continue }
            if ready < 0 || fds[1].revents != 0 { break }
            var expirations: UInt64 = 0
            if fds[0].revents != 0, read(timer, &expirations, 8) == 8 { ring() }
        }
        close(timer)
        close(stop)
    }

    /// Set once the alarm is cancelled; shared with the blocks queued to ring it.
    private final class CalledOff: Sendable {
        let flag = Atomic(false)
    }
}
#endif
