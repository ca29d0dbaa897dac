import Foundation

/// A child process the test starts and stops (`pg_recvlogical` streaming a slot), with posix_spawn
/// and waitpid like `TestPostgres.run`, output to a file so nothing blocks on a pipe.
final class BackgroundProcess {
    let pid: pid_t
    let logPath: String

    init(_ tool: String, _ arguments: [String]) throws {
        logPath = NSTemporaryDirectory() + "eltop-bg-\(UUID().uuidString).log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The child starts with no blocked signals and default handlers, whatever the test process set up,
        // so the signal `stop()` sends is not lost.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let spawned = posix_spawn(&child, tool, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw NSError(domain: "spawn", code: Int(spawned)) }
        pid = child
    }

    /// SIGINT and wait: pg_recvlogical's documented way to stop (it ignores SIGTERM while streaming);
    /// it confirms what it has and exits, and the slot becomes inactive.
    func stop() {
        kill(pid, SIGINT)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        unlink(logPath)
    }

    var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}

/// A test precondition that did not hold.
struct SourceTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
