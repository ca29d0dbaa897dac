import EltopSpawn
import EltopTestSupport
import Foundation

/// A child process the test starts and stops (`pg_recvlogical` streaming a slot), output to a file.
final class BackgroundProcess {
    let pid: pid_t
    let logPath: String

    init(_ tool: String, _ arguments: [String]) throws {
        logPath = NSTemporaryDirectory() + "eltop-bg-\(UUID().uuidString).log"
        // A clean signal mask in the child (ChildProcess), so the signal `stop()` sends is not lost.
        pid = try ChildProcess.spawn(tool, arguments, outputPath: logPath)
    }

    /// SIGINT and wait: pg_recvlogical's documented way to stop (it ignores SIGTERM while streaming);
    /// it confirms what it has and exits, and the slot becomes inactive.
    func stop() {
        kill(pid, SIGINT)
        ChildProcess.wait(pid)
        unlink(logPath)
    }

    var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}

/// A test precondition that did not hold.
struct SourceTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
