import Dispatch
import Foundation
import Synchronization

/// A poll that did not answer in time.
public struct PollTimeout: Error, CustomStringConvertible, Sendable {
    public var seconds: Double
    public var description: String { "no answer within \(Int(seconds.rounded()))s" }
}

/// Runs `operation`, giving up after `seconds`.
///
/// Unlike a task group, this returns at the deadline even when the operation ignores cancellation (a
/// blocking libpq call on its own queue): the operation is cancelled and its late result dropped. A
/// libcurl request ends within a second of the cancellation; a libpq query at its statement timeout.
/// The deadline is an alarm, not a sleeping task: cancelling a sleep wakes its task, and its timer fires
/// anyway at the deadline, two wake-ups per poll for a timeout that almost never comes.
func withTimeout<T: Sendable>(seconds: Double, clock: PollClock, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let gate = OnceGate<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            gate.arm(continuation)
            let work = Task { gate.finish(await Result(catching: { try await operation() })) }
            let timer = clock.alarm(after: seconds, on: timeoutQueue) {
                gate.finish(.failure(PollTimeout(seconds: seconds)))
                work.cancel()
            }
            gate.onFinish { timer.cancel() }
        }
    } onCancel: {
        gate.finish(.failure(CancellationError()))
    }
}

/// Where every poll's timeout alarm rings (and is called off): one queue for all feeds.
private let timeoutQueue = DispatchQueue(label: "eltop.poll-timeouts")

/// Resumes a continuation once, whichever of the racers comes first.
private final class OnceGate<T: Sendable>: Sendable {
    private struct Race {
        var continuation: CheckedContinuation<T, Error>?
        var pending: Result<T, Error>?
        var done = false
        var finishHandlers: [@Sendable () -> Void] = []
    }

    private let race = Mutex(Race())

    func arm(_ c: CheckedContinuation<T, Error>) {
        let pending: Result<T, Error>? = race.withLock { race in
            if let pending = race.pending { return pending }
            race.continuation = c
            return nil
        }
        if let pending { c.resume(with: pending) }
    }

    func onFinish(_ handler: @escaping @Sendable () -> Void) {
        let runNow = race.withLock { race in
            if race.done { return true }
            race.finishHandlers.append(handler)
            return false
        }
        if runNow { handler() }
    }

    func finish(_ result: Result<T, Error>) {
        let taken: (CheckedContinuation<T, Error>?, [@Sendable () -> Void])? = race.withLock { race in
            guard !race.done else { return nil }
            race.done = true
            let c = race.continuation
            race.continuation = nil
            if c == nil { race.pending = result }
            let handlers = race.finishHandlers
            race.finishHandlers = []
            return (c, handlers)
        }
        guard let (continuation, handlers) = taken else { return }
        continuation?.resume(with: result)
        handlers.forEach { $0() }
    }
}

extension Result where Failure == Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
