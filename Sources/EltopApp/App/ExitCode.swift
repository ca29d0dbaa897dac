/// The exit statuses of every eltop command, in one table, so cron, ECS and Nagios read them alike
/// (docs/commands.md; `helpTable` is what each command's `--help` shows).
///
/// Nagios' numbers: `check` follows the plugin conventions (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) and
/// the other commands give each number the nearest meaning, so "3" always means "eltop could not find out
/// or could not start" (a system unreachable, a bad config, a refusal by `--read-only`), never "the
/// pipeline is broken". `transform` exits with dbt's own status when dbt ran; a signal gives 128 + its
/// number (130, 143). Named `CommandExitCode` because ArgumentParser already has an `ExitCode`.
public enum CommandExitCode: Int32, CaseIterable, Sendable {
    /// check OK; sync, transform, run succeeded; snapshot printed; config check found no error.
    case ok = 0
    /// check WARNING; a job failed or was cancelled; a dbt node failed; config check found an error.
    case failed = 1
    /// check CRITICAL; `--timeout` reached.
    case timedOut = 2
    /// check UNKNOWN; a configured system unreachable, a bad config, or refused by `--read-only`.
    case unreachable = 3
    /// Bad arguments (ArgumentParser's own status for a usage error).
    case usage = 64

    public var status: Int32 { rawValue }

    /// Ctrl-C and SIGTERM, as shells report a death by signal.
    public static func signalled(_ signo: Int32) -> Int32 { 128 + signo }

    /// What the status means for `check`, then for the other commands.
    public var meaning: (check: String, others: String) {
        switch self {
        case .ok: return ("OK", "succeeded; snapshot printed; config check clean")
        case .failed: return ("WARNING", "a job failed or was cancelled; dbt failed; config error")
        case .timedOut: return ("CRITICAL", "--timeout reached")
        case .unreachable: return ("UNKNOWN", "unreachable or not configured; bad config; --read-only")
        case .usage: return ("usage", "usage error (an unknown option or --only name)")
        }
    }

    /// The table as every command's `--help` discussion prints it (within 80 columns).
    public static var helpTable: String {
        var lines = ["EXIT STATUS (the same for every eltop command):", "  code check    sync, transform, run, snapshot, config check"]
        for code in allCases {
            let number = String(code.rawValue).padding(toLength: 5, withPad: " ", startingAt: 0)
            lines.append("  " + number + code.meaning.check.padding(toLength: 9, withPad: " ", startingAt: 0) + code.meaning.others)
        }
        lines.append("  130  Ctrl-C   what this process started was cancelled first")
        lines.append("  143  SIGTERM  the same, without asking (an ECS task being stopped)")
        lines.append("  transform: dbt's own status once dbt ran (1 nodes failed, 2 dbt failed).")
        return lines.joined(separator: "\n")
    }
}
