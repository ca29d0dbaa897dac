import EltopSpawn
import Foundation

/// Runs the PostgreSQL tools the demo drives (initdb, pg_ctl, runuser) to completion.
///
/// Through `ChildProcess`: a clean signal mask (the dashboard blocks signals for its dispatch sources,
/// and a server started by pg_ctl would inherit that and ignore `pg_ctl stop`) and output into a file
/// (pg_ctl's server keeps the inherited stdout open forever). Tools run from /tmp: as root they run as
/// `postgres`, who may not enter the current directory.
enum DemoProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `tool` and returns its output; a non-zero exit throws with that output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], asPostgres: Bool = false) throws -> String {
        let command = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments : [tool] + arguments
        let (status, output) = try ChildProcess.run("/bin/sh", ["-c", "cd /tmp && exec \"$@\"", "sh"] + command)
        guard status == 0 else {
            let name = (tool as NSString).lastPathComponent
            throw Failure(description: "\(name) failed (exit \(status)): \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return output
    }
}
