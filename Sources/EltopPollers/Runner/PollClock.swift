import Dispatch
import Foundation
import Synchronization

/// The clock a poll runner (and the runtime) reads and sleeps on; tests inject one that does not really wait.
public protocol PollClock: Sendable {
    func now() -> Date
    /// Sleeps for `seconds`; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
    /// Calls `ring` once, `seconds` from now, on `queue` where the clock has real timers, unless the
    /// alarm is cancelled first. Unlike a sleeping task, an alarm is called off without waking a task
    /// and without a timer firing later anyway: a poll's timeout is called off at almost every poll.
    func alarm(after seconds: Double, on queue: DispatchQueue, _ ring: @escaping @Sendable () -> Void) -> PollAlarm
    /// An alarm as `alarm(after:on:_:)`, made to be moved again and again for as long as its owner keeps
    /// it (the runtime's deadline, moved at every poll): on the wall clock, one whose move wakes no thread.
    func movableAlarm(after seconds: Double, on queue: DispatchQueue, _ ring: @escaping @Sendable () -> Void) -> PollAlarm
}

/// A pending `PollClock.alarm`.
public protocol PollAlarm: Sendable {
    /// Never rings from now on.
    func cancel()
    /// Rings once, `seconds` from now, instead of when it was set, whether or not it has rung already;
    /// false where the alarm cannot be moved (a sleeping task's): then the caller cancels it and sets a
    /// new one. Moving a dispatch timer is one timer update, where cancel + a new source were two, and
    /// each wakes dispatch's manager thread: the runtime moves its alarm at every poll.
    func move(after seconds: Double) -> Bool
}

extension PollClock {
    /// An alarm made of a sleeping task, for clocks without timers of their own (a test's clock):
    /// correct, but each cancel wakes the task and its sleep's timer still fires later.
    public func alarm(after seconds: Double, on queue: DispatchQueue, _ ring: @escaping @Sendable () -> Void) -> PollAlarm {
        SleepingAlarm(clock: self, after: seconds, on: queue, ring)
    }

    public func movableAlarm(after seconds: Double, on queue: DispatchQueue, _ ring: @escaping @Sendable () -> Void) -> PollAlarm {
        alarm(after: seconds, on: queue, ring)
    }
}

/// Wall-clock time and real sleeping.
public struct SystemPollClock: PollClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(seconds: Double) async throws {
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
    public func alarm(after seconds: Double, on queue: DispatchQueue, _ ring: @escaping @Sendable () -> Void) -> PollAlarm {
        DispatchAlarm(after: seconds, on: queue, ring)
    }
    /// A timerfd's thread (`TimerFDAlarm`), or a dispatch timer where the kernel gives no descriptor.
    public func movableAlarm(after seconds: Double, on queue: DispatchQueue, _ ring: @escaping @Sendable () -> Void) -> PollAlarm {
        #if os(Linux)
        if let alarm = TimerFDAlarm(after: seconds, on: queue, ring) { return alarm }
        #endif
        return DispatchAlarm(after: seconds, on: queue, ring)
    }
}

/// A dispatch timer source: cancelled, it is taken off the timer list and never fires. Cancelled from a
/// block on its own queue (the runtime's alarm, on the main queue) that is done there and then. Moved,
/// the same source is scheduled again; a ring already due when it is moved may still come, at most once
/// (the runtime then finds nothing due and keeps the new time).
/// `@unchecked Sendable`: its one field is a dispatch source, whose calls are safe from any thread.
final class DispatchAlarm: PollAlarm, @unchecked Sendable {
    private let timer: DispatchSourceTimer

    init(after seconds: Double, on queue: DispatchQueue, _ ring: @escaping @Sendable () -> Void) {
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + max(0, seconds), leeway: .milliseconds(1))
        timer.setEventHandler(handler: ring)
        timer.activate()
    }

    deinit { timer.cancel() }

    func cancel() { timer.cancel() }

    func move(after seconds: Double) -> Bool {
        timer.schedule(deadline: .now() + max(0, seconds), leeway: .milliseconds(1))
        return true
    }
}

/// `PollClock.alarm` on any clock: a task sleeping on it until a time fixed when the alarm is set, so
/// a task that starts after its clock has moved past that time rings at once, as a timer would. It rings
/// on `queue`, as a timer does, and not once cancelled there: the runtime's alarm rings on the main queue,
/// after whatever the main actor was doing when the clock moved (a test that advanced its clock and then
/// posted its own events), never between.
final class SleepingAlarm<Clock: PollClock>: PollAlarm {
    private let sleeper: Task<Void, Never>
    private let called = CalledOff()

    init(clock: Clock, after seconds: Double, on queue: DispatchQueue, _ ring: @escaping @Sendable () -> Void) {
        let due = clock.now().addingTimeInterval(seconds)
        let called = self.called
        sleeper = Task {
            do {
                try await clock.sleep(seconds: due.timeIntervalSince(clock.now()))
                queue.async { if !called.flag.load(ordering: .acquiring) { ring() } }
            } catch {}
        }
    }

    func cancel() {
        called.flag.store(true, ordering: .releasing)
        sleeper.cancel()
    }

    /// Its time is fixed in the sleeping task.
    func move(after seconds: Double) -> Bool { false }

    /// Set once the alarm is cancelled; shared with the block queued to ring it.
    private final class CalledOff: Sendable {
        let flag = Atomic(false)
    }
}
