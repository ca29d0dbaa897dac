/// The exit statuses of eltop's commands, one table for all of them (docs/commands.md, `--help`).
///
/// Nagios' numbers, which cron wrappers and ECS task checks read the same way: 0 done, 1 failed,
/// 2 timed out, 3 could not reach what it needed or could not start (bad config, `--read-only`).
/// `transform` exits with dbt's own status when dbt ran; a signal gives 128 + its number (130, 143).
public enum CommandExitCode: Int32, Sendable {
    case ok = 0
    case failed = 1
    case timedOut = 2
    case unreachable = 3

    /// Ctrl-C and SIGTERM, as shells report a death by signal.
    public static func signalled(_ signo: Int32) -> Int32 { 128 + signo }
}
