import Foundation

/// Starting and waiting for the tools eltop and its tests drive (initdb, pg_ctl, psql, pg_recvlogical, tmux).
///
/// posix_spawn and waitpid rather than Foundation's `Process`, whose `waitUntilExit` was seen to hang here
/// inside async tests with the child already a zombie. Output goes to a file, not a pipe: `pg_ctl start`
/// and `tmux new-session` leave a server holding the inherited stdout, so a pipe never reaches end of
/// file. The child starts with no blocked signals and default handlers, whatever the test process set up
/// for its dispatch sources: a tmux server or pg_recvlogical inheriting blocked signals never obeys them.
public enum ChildProcess {
    /// Where the child's standard error goes.
    public enum ErrorOutput: Sendable {
        case sameAsOutput
        case discarded
    }

    /// Starts `tool` with stdin from /dev/null and stdout into `outputPath`; returns its pid.
    public static func spawn(_ tool: String, _ arguments: [String], outputPath: String, errors: ErrorOutput = .sameAsOutput) throws -> pid_t {
        try spawn(tool, arguments) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            switch errors {
            case .sameAsOutput: posix_spawn_file_actions_adddup2(&actions, 1, 2)
            case .discarded: posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            }
        }
    }

    /// Starts `tool` with the file actions `arrange` adds (its standard streams), in a session of its
    /// own when `newSession` (a test's pty whose processes it then finds by session); returns its pid.
    public static func spawn(_ tool: String, _ arguments: [String], newSession: Bool = false, arrange: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        arrange(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (newSession ? spawnSetSID : 0)))
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw ChildProcessError(description: "cannot run \(tool): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// glibc's `POSIX_SPAWN_SETSID`, a macro Swift's Glibc module does not import.
    private static let spawnSetSID: Int32 = 0x80

    /// Waits for `pid` to end; returns its exit code, or 128 + the signal that ended it.
    @discardableResult
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Runs `tool` to the end; returns its exit code and what it wrote.
    public static func run(_ tool: String, _ arguments: [String], errors: ErrorOutput = .sameAsOutput) throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "eltop-run-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        let status = wait(try spawn(tool, arguments, outputPath: outputPath, errors: errors))
        return (status, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }
}

/// A tool that could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}
