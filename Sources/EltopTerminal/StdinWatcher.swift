import Dispatch
import Foundation

/// Tells the app loop that keys are waiting on stdin, without busy-waiting and without calling ncurses
/// off the loop.
///
/// A dispatch read source watches fd 0. Readiness is level-triggered, so after each notice the source is
/// suspended until the loop has drained the keys (`resume()`); otherwise it would fire again and again
/// while the bytes sit unread.
public final class StdinWatcher: @unchecked Sendable {
    private let source: DispatchSourceRead
    private let lock = NSLock()
    private var suspended = false
    private var cancelled = false

    /// Starts watching; `onReady` runs on a private queue each time input arrives after a `resume()`.
    public init(onReady: @escaping @Sendable () -> Void) {
        source = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: DispatchQueue(label: "eltop.stdin"))
        source.setEventHandler { [weak self] in
            self?.pause()
            onReady()
        }
        source.resume()
    }

    /// Call after the loop has read the waiting keys, to hear about the next ones.
    public func resume() {
        lock.lock()
        defer { lock.unlock() }
        guard suspended, !cancelled else { return }
        suspended = false
        source.resume()
    }

    /// Stops watching for good.
    public func cancel() {
        lock.lock()
        defer { lock.unlock() }
        guard !cancelled else { return }
        cancelled = true
        source.cancel()
        // A suspended source must be resumed for its cancellation to complete.
        if suspended { source.resume() }
    }

    private func pause() {
        lock.lock()
        defer { lock.unlock() }
        guard !suspended, !cancelled else { return }
        suspended = true
        source.suspend()
    }

    deinit { cancel() }
}
