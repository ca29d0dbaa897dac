import EltopApp

/// The exit statuses, as `--help` shows them: the one table of `CommandExitCode` (docs/commands.md).
enum ExitStatusTable {
    static var text: String { CommandExitCode.helpTable }
}
