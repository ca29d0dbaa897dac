/// The exit statuses of every eltop command, in one table, so cron, ECS and Nagios read them alike.
///
/// The first four follow the Nagios plugin conventions `check` needs (0 OK, 1 WARNING, 2 CRITICAL,
/// 3 UNKNOWN); the other commands give each number the nearest meaning, so "3" always means "eltop
/// could not find out" (a system unreachable, a bad config, a refusal by `--read-only`) and never
/// "the pipeline is broken". Named `CommandExitCode` because ArgumentParser already has an `ExitCode`.
/// docs/commands.md prints the same table; `helpTable` is what each command's `--help` shows.
public enum CommandExitCode: Int32, CaseIterable, Sendable {
    /// check OK; sync, transform, run succeeded; snapshot printed; config check found no error.
    case ok = 0
    /// check WARNING; a sync failed or was cancelled; a dbt node failed; config check found an error.
    case warningOrFailed = 1
    /// check CRITICAL; `sync --wait` or `run` ran out of `--timeout` (dbt's own "error" for transform).
    case criticalOrTimedOut = 2
    /// check UNKNOWN; a configured system unreachable, a bad config, or refused by `--read-only`.
    case unknownOrUnreachable = 3
    /// Bad arguments (ArgumentParser's own status for a usage error).
    case usage = 64
    /// Ctrl-C (SIGINT): what this process started was cancelled first.
    case interrupted = 130
    /// SIGTERM (an ECS task being stopped): the same, without asking.
    case terminated = 143

    public var status: Int32 { rawValue }

    /// What the status means for `check`, then for the commands that do something.
    public var meaning: (check: String, others: String) {
        switch self {
        case .ok: return ("OK", "succeeded; snapshot printed; config check clean")
        case .warningOrFailed: return ("WARNING", "a job failed or was cancelled; a dbt node failed; config error")
        case .criticalOrTimedOut: return ("CRITICAL", "--timeout reached (job left running); dbt's own error")
        case .unknownOrUnreachable: return ("UNKNOWN", "a system unreachable; bad config; refused by --read-only")
        case .usage: return ("usage", "usage error (an unknown option or --only name)")
        case .interrupted: return ("Ctrl-C", "Ctrl-C: what this process started was cancelled")
        case .terminated: return ("SIGTERM", "SIGTERM: the same, without asking")
        }
    }

    /// The table as every command's `--help` discussion prints it.
    public static var helpTable: String {
        var lines = ["EXIT STATUS (the same for every eltop command):", "  code check    sync, transform, run, snapshot, config check"]
        for code in allCases {
            let number = String(code.rawValue).padding(toLength: 5, withPad: " ", startingAt: 0)
            lines.append("  " + number + code.meaning.check.padding(toLength: 9, withPad: " ", startingAt: 0) + code.meaning.others)
        }
        lines.append("  Another signal ends eltop with 128 + its number, as shells report it.")
        return lines.joined(separator: "\n")
    }
}
