@testable import EltopApp
import EltopTestSupport
import Foundation
import Synchronization
import XCTest

/// One task per key: a newer one cancels the older and starts only once it has ended; quitting ends all.
@MainActor
final class KeyedTasksTests: XCTestCase {
    /// What the tasks did, in order.
    final class Log: Sendable {
        private let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    /// Runs until cancelled, then takes a moment to clean up (as a dbt child takes a moment to die).
    private func longRunning(_ name: String, _ log: Log) -> @Sendable () async -> Void {
        {
            log.add("\(name) started")
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(1)) }
            try? await Task.sleep(for: .milliseconds(20))
            log.add("\(name) ended")
        }
    }

    func testANewerTaskUnderTheSameKeyReplacesTheOlderOnceItHasEnded() async throws {
        let tasks = KeyedTasks(), log = Log()
        tasks.run(.dbtRun, longRunning("first", log))
        _ = try await waitUntil("the first task runs", seen: { log.all }) { $0.contains("first started") }
        tasks.run(.dbtRun, longRunning("second", log))
        let seen = try await waitUntil("the second task runs", seen: { log.all }) { $0.contains("second started") }
        XCTAssertEqual(seen, ["first started", "first ended", "second started"])
        await tasks.cancelAll()
        XCTAssertEqual(log.all.last, "second ended", "quitting waits for the task to end")
    }

    func testTasksUnderDifferentKeysRunSideBySide() async throws {
        let tasks = KeyedTasks(), log = Log()
        tasks.run(.airbyteSync(connectionID: "a"), longRunning("a", log))
        tasks.run(.airbyteSync(connectionID: "b"), longRunning("b", log))
        let seen = try await waitUntil("both run", seen: { log.all }) { $0.count == 2 }
        XCTAssertEqual(Set(seen), ["a started", "b started"])
        await tasks.cancelAll()
        XCTAssertEqual(Set(log.all.suffix(2)), ["a ended", "b ended"])
    }
}
