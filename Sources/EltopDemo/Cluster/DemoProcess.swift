import Foundation

/// Runs the PostgreSQL tools the demo drives (initdb, pg_ctl, runuser) to completion.
///
/// posix_spawn with a clean signal mask and default handlers: the dashboard blocks signals for its
/// dispatch sources, and a server started by pg_ctl would inherit that and ignore `pg_ctl stop`. Output
/// goes to a file, not a pipe, because pg_ctl's server keeps the inherited stdout open forever. Tools
/// run from /tmp: as root they run as `postgres`, who may not enter the current directory.
enum DemoProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `tool` and returns its output; a non-zero exit throws with that output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], asPostgres: Bool = false) throws -> String {
        let command = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments : [tool] + arguments
        let (status, output) = try spawnAndWait(["/bin/sh", "-c", "cd /tmp && exec \"$@\"", "sh"] + command)
        guard status == 0 else {
            let name = (tool as NSString).lastPathComponent
            throw Failure(description: "\(name) failed (exit \(status)): \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return output
    }

    /// Exit status (or 128 + signal) and combined output.
    static func spawnAndWait(_ argv: [String]) throws -> (Int32, String) {
        let outputPath = NSTemporaryDirectory() + "eltop-demo-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
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
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
        guard spawned == 0 else { throw Failure(description: "cannot run \(argv[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }
}
