import Synchronization
import XCTest

@testable import EltopTerminal

final class StdinWatcherTests: XCTestCase {
    /// Counts calls from the watcher's queue.
    private final class Counter: Sendable {
        private let value = Mutex(0)
        func increment() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }

    /// How long a notice that must not come is given to come anyway.
    private let grace: TimeInterval = 0.2

    /// Whether `condition` came true within five seconds.
    private func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while !condition() {
            guard Date() < deadline else { return false }
            usleep(2_000)
        }
        return true
    }

    func testOneNoticePerBatchUntilResumed() throws {
        let pty = try PseudoTerminal(cols: 20, rows: 5, drainsOutput: false)
        defer { pty.close() }
        var raw = termios()
        tcgetattr(pty.slaveFD, &raw)
        cfmakeraw(&raw)
        tcsetattr(pty.slaveFD, TCSANOW, &raw)
        let ready = Counter(), hangups = Counter()
        let watcher = StdinWatcher(fd: pty.slaveFD, onReady: { ready.increment() }, onHangup: { hangups.increment() })
        defer { watcher.cancel() }

        // What must happen is waited for with a deadline; what must not is given `grace` to happen.
        pty.type("a")
        XCTAssertTrue(eventually { ready.count >= 1 }, "no notice for a typed byte")
        Thread.sleep(forTimeInterval: grace)
        XCTAssertEqual(ready.count, 1, "the unread byte must not fire again and again")
        pty.type("b")
        Thread.sleep(forTimeInterval: grace)
        XCTAssertEqual(ready.count, 1, "no notice while the loop has not drained")

        var buffer = [UInt8](repeating: 0, count: 8)
        XCTAssertEqual(read(pty.slaveFD, &buffer, 8), 2)
        watcher.resume()
        Thread.sleep(forTimeInterval: grace)
        XCTAssertEqual(ready.count, 1, "nothing waiting after the drain")
        pty.type("c")
        XCTAssertTrue(eventually { ready.count >= 2 }, "no notice after resuming: \(ready.count)")
        Thread.sleep(forTimeInterval: grace)
        XCTAssertEqual(ready.count, 2)
        XCTAssertEqual(hangups.count, 0)
    }

    func testAHangupIsReportedOnce() throws {
        let pty = try PseudoTerminal(cols: 20, rows: 5, drainsOutput: false)
        let ready = Counter(), hangups = Counter()
        let watcher = StdinWatcher(fd: pty.slaveFD, onReady: { ready.increment() }, onHangup: { hangups.increment() })
        defer { watcher.cancel() }
        pty.closeMaster()
        XCTAssertTrue(eventually { hangups.count >= 1 }, "no hangup reported")
        Thread.sleep(forTimeInterval: grace)
        XCTAssertEqual(hangups.count, 1)
        XCTAssertEqual(ready.count, 0)
        pty.close()
    }
}
