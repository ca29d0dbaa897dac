import Dispatch
import Foundation
import Synchronization

/// Tells the app loop that keys are waiting on the terminal, without busy-waiting and without calling
/// ncurses off the loop.
///
/// A dispatch read source watches the input fd. Readiness is level-triggered, so after each notice the
/// source is suspended until the loop has drained the keys (`resume()`); otherwise it would fire again and
/// again while the bytes sit unread. A hung-up terminal is readable forever with nothing to read, so a
/// hangup is reported once, separately, and the watching stops: without that, an SSH drop that does not
/// bring SIGHUP would spin the loop.
public final class StdinWatcher: Sendable {
    private let fd: Int32
    /// The read source with whether it is suspended and cancelled: dispatch sources are not `Sendable`,
    /// and suspend/resume must stay balanced, so the three change together under one lock.
    private let watch: Mutex<Watch>

    private struct Watch {
        let source: DispatchSourceRead
        var suspended = false
        var cancelled = false
    }

    /// Starts watching `fd`. `onReady` runs on a private queue each time input arrives after a `resume()`;
    /// `onHangup` runs once if the terminal goes away.
    public init(fd: Int32 = STDIN_FILENO, onReady: @escaping @Sendable () -> Void, onHangup: @escaping @Sendable () -> Void) {
        self.fd = fd
        watch = Mutex(Watch(source: DispatchSource.makeReadSource(fileDescriptor: fd, queue: DispatchQueue(label: "eltop.stdin"))))
        watch.withLock { watch in
            watch.source.setEventHandler { [weak self] in
                guard let self else { return }
                if self.isHungUp() {
                    self.cancel()
                    onHangup()
                } else {
                    self.pause()
                    onReady()
                }
            }
            watch.source.resume()
        }
    }

    /// Call after the loop has read the waiting keys, to hear about the next ones.
    public func resume() {
        watch.withLock { watch in
            guard watch.suspended, !watch.cancelled else { return }
            watch.suspended = false
            watch.source.resume()
        }
    }

    /// Stops watching for good.
    public func cancel() {
        watch.withLock { watch in
            guard !watch.cancelled else { return }
            watch.cancelled = true
            watch.source.cancel()
            // A suspended source must be resumed for its cancellation to complete.
            if watch.suspended { watch.source.resume() }
        }
    }

    private func pause() {
        watch.withLock { watch in
            guard !watch.suspended, !watch.cancelled else { return }
            watch.suspended = true
            watch.source.suspend()
        }
    }

    private func isHungUp() -> Bool {
        var status = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&status, 1, 0) >= 0 else { return true }
        return status.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    deinit { cancel() }
}
