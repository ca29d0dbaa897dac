import Dispatch
import Foundation

/// Tells the app loop that keys are waiting on the terminal, without busy-waiting and without calling
/// ncurses off the loop.
///
/// A dispatch read source watches the input fd. Readiness is level-triggered, so after each notice the
/// source is suspended until the loop has drained the keys (`resume()`); otherwise it would fire again and
/// again while the bytes sit unread. A hung-up terminal is readable forever with nothing to read, so a
/// hangup is reported once, separately, and the watching stops: without that, an SSH drop that does not
/// bring SIGHUP would spin the loop.
public final class StdinWatcher: @unchecked Sendable {
    private let fd: Int32
    private let source: DispatchSourceRead
    private let lock = NSLock()
    private var suspended = false
    private var cancelled = false

    /// Starts watching `fd`. `onReady` runs on a private queue each time input arrives after a `resume()`;
    /// `onHangup` runs once if the terminal goes away.
    public init(fd: Int32 = STDIN_FILENO, onReady: @escaping @Sendable () -> Void, onHangup: @escaping @Sendable () -> Void) {
        self.fd = fd
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: DispatchQueue(label: "eltop.stdin"))
        source.setEventHandler { [weak self] in
            guard let self else { return }
            if self.isHungUp() {
                self.cancel()
                onHangup()
            } else {
                self.pause()
                onReady()
            }
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

    private func isHungUp() -> Bool {
        var status = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&status, 1, 0) >= 0 else { return true }
        return status.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    deinit { cancel() }
}
