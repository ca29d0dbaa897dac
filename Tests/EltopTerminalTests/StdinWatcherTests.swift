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

        pty.type("a")
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(ready.count, 1, "the unread byte must not fire again and again")
        pty.type("b")
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(ready.count, 1, "no notice while the loop has not drained")

        var buffer = [UInt8](repeating: 0, count: 8)
        XCTAssertEqual(read(pty.slaveFD, &buffer, 8), 2)
        watcher.resume()
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(ready.count, 1, "nothing waiting after the drain")
        pty.type("c")
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(ready.count, 2)
        XCTAssertEqual(hangups.count, 0)
    }

    func testAHangupIsReportedOnce() throws {
        let pty = try PseudoTerminal(cols: 20, rows: 5, drainsOutput: false)
        let ready = Counter(), hangups = Counter()
        let watcher = StdinWatcher(fd: pty.slaveFD, onReady: { ready.increment() }, onHangup: { hangups.increment() })
        defer { watcher.cancel() }
        pty.closeMaster()
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(hangups.count, 1)
        XCTAssertEqual(ready.count, 0)
        pty.close()
    }
}
