import Foundation

/// A poll that did not answer in time.
public struct PollTimeout: Error, CustomStringConvertible, Sendable {
    public var seconds: Double
    public var description: String { "no answer within \(Int(seconds.rounded()))s" }
}

/// Runs `operation`, giving up after `seconds`.
///
/// Unlike a task group, this returns at the deadline even when the operation ignores cancellation (a
/// blocking libpq or libcurl call on its own queue): the operation is cancelled and its late result
/// dropped. The clients' own timeouts end the blocked call soon after.
func withTimeout<T: Sendable>(seconds: Double, clock: PollClock, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let gate = OnceGate<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            gate.arm(continuation)
            let work = Task { gate.finish(await Result(catching: { try await operation() })) }
            let timer = Task {
                try? await clock.sleep(seconds: seconds)
                if !Task.isCancelled { gate.finish(.failure(PollTimeout(seconds: seconds))) }
                work.cancel()
            }
            gate.onFinish { timer.cancel() }
        }
    } onCancel: {
        gate.finish(.failure(CancellationError()))
    }
}

/// Resumes a continuation once, whichever of the racers comes first.
private final class OnceGate<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Error>?
    private var pending: Result<T, Error>?
    private var done = false
    private var finishHandlers: [() -> Void] = []

    func arm(_ c: CheckedContinuation<T, Error>) {
        lock.lock()
        if let pending {
            lock.unlock()
            c.resume(with: pending)
            return
        }
        continuation = c
        lock.unlock()
    }

    func onFinish(_ handler: @escaping () -> Void) {
        lock.lock()
        if done {
            lock.unlock()
            handler()
            return
        }
        finishHandlers.append(handler)
        lock.unlock()
    }

    func finish(_ result: Result<T, Error>) {
        lock.lock()
        guard !done else { lock.unlock(); return }
        done = true
        let c = continuation
        continuation = nil
        if c == nil { pending = result }
        let handlers = finishHandlers
        finishHandlers = []
        lock.unlock()
        c?.resume(with: result)
        handlers.forEach { $0() }
    }
}

extension Result where Failure == Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
