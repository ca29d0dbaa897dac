import EltopCore
import Foundation
import Synchronization

/// Runs one poller for as long as its task lives: poll, report, wait, repeat.
///
/// It emits only `pollSucceeded` or `pollFailed` (with the observation time and, on failure, when it will
/// try again); ages, staleness and "last good value" are the reducer's business. Never two polls of one
/// feed at once: a `pollNow()` during a poll is remembered and runs right after it.
public actor PollRunner {
    public typealias Sink = @Sendable (Event) async -> Void
    /// Told how long each poll took and whether it failed (the metrics exporter's poll figures).
    public typealias Observer = @Sendable (Feed, _ seconds: Double, _ failed: Bool) -> Void

    public nonisolated let feed: Feed
    private let poller: Poller
    private let schedule: PollSchedule
    private let clock: PollClock
    private let random: @Sendable () -> Double
    private let sink: Sink
    private let observer: Observer?
    private var consecutiveFailures = 0
    private var wakeRequested = false
    private var sleeper: Task<Void, Never>?
    /// The poller, when it makes the waits between polls itself (`PacedPoller`, on the wall clock only).
    private let paced: (any PacedPoller)?

    /// - Parameter random: a uniform value in 0..<1 for jitter; tests pass a constant.
    public init(poller: Poller, schedule: PollSchedule, clock: PollClock = SystemPollClock(), random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, observer: Observer? = nil, sink: @escaping Sink) {
        feed = poller.feed
        self.poller = poller
        self.schedule = schedule
        self.clock = clock
        self.random = random
        self.sink = sink
        self.observer = observer
        paced = clock is SystemPollClock ? poller as? any PacedPoller : nil
    }

    /// Polls until the calling task is cancelled. The first poll runs at once.
    public func run() async {
        if let paced { return await run(pacedBy: paced) }
        while !Task.isCancelled {
            let event = await pollOnce()
            if Task.isCancelled { return }
            await sink(event)
            await pause(nextDelay())
        }
    }

    /// `run` for a poller that waits between polls itself: each poll is asked for with the wait before it.
    private func run(pacedBy paced: any PacedPoller) async {
        var delay = 0.0
        while !Task.isCancelled {
            let event = await pollOnce(after: delay, pacedBy: paced)
            if Task.isCancelled { return }
            await sink(event)
            delay = wakeRequested ? 0 : nextDelay()
            wakeRequested = false
        }
    }

    /// One poll with the schedule's timeout, as the event it produces (`snapshot` uses this directly).
    /// A `DeadlinePoller` keeps the timeout in its own wait; any other poller is raced by `withTimeout`.
    public func pollOnce() async -> Event {
        let poller = self.poller
        let started = ContinuousClock.now
        let timeout = schedule.timeoutSeconds
        let outcome: Result<Reading, Error>
        do {
            outcome = .success(try await {
                if let timed = poller as? any DeadlinePoller { return try await timed.poll(within: timeout) }
                return try await withTimeout(seconds: timeout, clock: clock) { try await poller.poll() }
            }())
        } catch {
            outcome = .failure(error)
        }
        return event(for: outcome, seconds: Self.seconds(since: started))
    }

    /// A paced poll: the poller waits `delay` first; the poll's own time is counted from when it begins.
    private func pollOnce(after delay: Double, pacedBy paced: any PacedPoller) async -> Event {
        let start = PollStart()
        let outcome: Result<Reading, Error>
        do {
            outcome = .success(try await paced.poll(after: delay, within: schedule.timeoutSeconds, started: { start.mark() }))
        } catch {
            outcome = .failure(error)
        }
        return event(for: outcome, seconds: start.marked.map(Self.seconds(since:)) ?? 0)
    }

    private func event(for outcome: Result<Reading, Error>, seconds: Double) -> Event {
        switch outcome {
        case .success(let reading):
            consecutiveFailures = 0
            observer?(feed, seconds, false)
            return .pollSucceeded(reading, at: clock.now())
        case .failure(let error):
            observer?(feed, seconds, true)
            consecutiveFailures += 1
            let now = clock.now()
            let retry = now.addingTimeInterval(schedule.delay(afterConsecutiveFailures: consecutiveFailures))
            return .pollFailed(feed, message: ErrorText.describe(error), at: now, nextAttemptAt: retry)
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
    }

    /// Cuts the current wait short ("refresh now"). Asked during a poll, the next wait is skipped.
    public func pollNow() {
        if let paced, paced.cutWait() { return }
        wakeRequested = true
        sleeper?.cancel()
    }

    /// The wait before the next poll: interval or backoff, with jitter.
    func nextDelay() -> Double {
        let base = schedule.delay(afterConsecutiveFailures: consecutiveFailures)
        let jitter = (random() * 2 - 1) * schedule.jitterFraction
        return max(0, base * (1 + jitter))
    }

    /// Waits `seconds`, or less when `pollNow` cancels the sleeper. One sleeping task per wait: a task
    /// group racing the sleep against a wake-up waiter cost four more thread wake-ups per poll.
    private func pause(_ seconds: Double) async {
        if wakeRequested {
            wakeRequested = false
            return
        }
        let clock = self.clock
        let sleep = Task { _ = try? await clock.sleep(seconds: seconds) }
        sleeper = sleep
        await withTaskCancellationHandler { await sleep.value } onCancel: { sleep.cancel() }
        sleeper = nil
        wakeRequested = false  // the poll that follows answers a refresh asked during the wait
    }
}

/// When a paced poll itself began, after its wait: set on the poller's thread, read by the runner.
private final class PollStart: Sendable {
    private let instant = Mutex<ContinuousClock.Instant?>(nil)

    func mark() { instant.withLock { $0 = .now } }
    var marked: ContinuousClock.Instant? { instant.withLock { $0 } }
}
