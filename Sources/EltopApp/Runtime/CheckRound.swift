import EltopCore
import EltopPollers
import Foundation

/// Stops the runtime once every checked feed has answered (or failed) its first poll and, when the
/// source has slots, a second source poll `sampleSeconds` later has answered too: two readings are
/// what a WAL growth or `safe_wal_size` shrink rate needs. A timer stops it at `timeout` whatever
/// has answered; `eltop check` reports the rest as UNKNOWN.
@MainActor
final class CheckRound: RuntimeSubscriber {
    private var waiting: Set<Feed>
    private let sampleSeconds: TimeInterval?
    private let timeout: TimeInterval
    private let clock: PollClock
    private var firstSourceAt: Date?
    private var awaitingSample = false
    private var timers: [Task<Void, Never>] = []
    /// Seconds between the two source readings, once both answered.
    private(set) var sampledSeconds: TimeInterval?
    /// True when the timeout, not the answers, ended the round.
    private(set) var timedOut = false

    init(feeds: Set<Feed>, sampleSeconds: TimeInterval?, timeout: TimeInterval, clock: PollClock) {
        waiting = feeds
        self.sampleSeconds = feeds.contains(.source) ? sampleSeconds : nil
        self.timeout = timeout
        self.clock = clock
    }

    func runtimeDidStart(_ runtime: Runtime) {
        let clock = self.clock, timeout = self.timeout
        timers.append(Task { [weak self, weak runtime] in
            guard (try? await clock.sleep(seconds: timeout)) != nil else { return }
            self?.timedOut = true
            runtime?.stop()
        })
        stopIfDone(runtime)
    }

    func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) {
        switch event {
        case .pollSucceeded(.source(let reading), let at):
            if awaitingSample, let first = firstSourceAt {
                awaitingSample = false
                sampledSeconds = at.timeIntervalSince(first)
            } else if firstSourceAt == nil {
                firstSourceAt = at
                if let sample = sampleSeconds, !reading.slots.isEmpty { scheduleSample(after: sample, runtime) }
            }
            waiting.remove(.source)
        case .pollSucceeded(let reading, _): waiting.remove(reading.feed)
        case .pollFailed(let feed, _, _, _):
            if feed == .source { awaitingSample = false }
            waiting.remove(feed)
        default: return
        }
        stopIfDone(runtime)
    }

    func runtimeWillStop(_ runtime: Runtime) {
        for timer in timers { timer.cancel() }
    }

    private func scheduleSample(after seconds: TimeInterval, _ runtime: Runtime) {
        awaitingSample = true
        let clock = self.clock
        timers.append(Task { [weak runtime] in
            guard (try? await clock.sleep(seconds: seconds)) != nil else { return }
            runtime?.pollNow([.source])
        })
    }

    private func stopIfDone(_ runtime: Runtime) {
        if waiting.isEmpty && !awaitingSample { runtime.stop() }
    }
}
