import ArgumentParser
import EltopApp

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Trigger an Airbyte sync; with --wait, wait for the job to end.",
        discussion: """
            A sync already running for the connection is waited on, never duplicated; `incomplete` attempts are \
            waited through, as Airbyte retries them. Ctrl-C cancels the job this command started (asking first \
            on a terminal) and exits 130; SIGTERM does the same without asking and exits 143.

            \(ExitStatusTable.text)
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("The Airbyte connection id (default: the one configured).", valueName: "id"))
    var connection: String?

    @Flag(help: "Wait for the job to end, with its progress.")
    var wait = false

    @Option(help: ArgumentHelp("Give up waiting after this long (90, 90s, 15m, 2h).", valueName: "duration"))
    var timeout: DurationArgument?

    @Flag(name: .customLong("cancel-on-timeout"), help: "On timeout, cancel the job instead of leaving it running.")
    var cancelOnTimeout = false

    func validate() throws {
        if (timeout != nil || cancelOnTimeout) && !wait { throw ValidationError("--timeout and --cancel-on-timeout need --wait") }
    }

    func run() async throws {
        let status = await PipelineCommand.run(
            options: options.appOptions,
            command: .init(kind: .sync, connectionID: connection, wait: wait, timeoutSeconds: timeout?.seconds, cancelOnTimeout: cancelOnTimeout))
        if status != 0 { throw ExitCode(status) }
    }
}

struct TransformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform", abstract: "Run the configured dbt command with live progress; exits with dbt's status.",
        discussion: """
            Arguments after `--` are added to the configured dbt command (e.g. `eltop transform -- --select staging`). \
            Ctrl-C stops dbt (asking first on a terminal) and exits 130; SIGTERM exits 143.

            \(ExitStatusTable.text)
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("Stop dbt after this long (90, 90s, 15m, 2h).", valueName: "duration"))
    var timeout: DurationArgument?

    @Argument(parsing: .postTerminator, help: ArgumentHelp("Extra dbt arguments, after --.", valueName: "dbt-args"))
    var dbtArguments: [String] = []

    func run() async throws {
        let status = await PipelineCommand.run(
            options: options.appOptions, command: .init(kind: .transform, timeoutSeconds: timeout?.seconds, dbtArguments: dbtArguments))
        if status != 0 { throw ExitCode(status) }
    }
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Sync, wait for the job, then transform: the pipeline, for cron or an ECS task.",
        discussion: """
            The same pipeline as the dashboard's `p`. Stops at the first step that fails and names it. Ctrl-C \
            cancels the step in progress (the job this run started, or dbt) and exits 130; SIGTERM exits 143.

            \(ExitStatusTable.text)
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("The Airbyte connection id (default: the one configured).", valueName: "id"))
    var connection: String?

    @Option(help: ArgumentHelp("Stop the whole run after this long (90, 90s, 15m, 2h).", valueName: "duration"))
    var timeout: DurationArgument?

    @Flag(name: .customLong("cancel-on-timeout"), help: "On timeout during the sync, cancel its job instead of leaving it running.")
    var cancelOnTimeout = false

    func run() async throws {
        let status = await PipelineCommand.run(
            options: options.appOptions,
            command: .init(kind: .run, connectionID: connection, wait: true, timeoutSeconds: timeout?.seconds, cancelOnTimeout: cancelOnTimeout))
        if status != 0 { throw ExitCode(status) }
    }
}

/// The exit statuses, as `--help` shows them (docs/commands.md has the same table).
enum ExitStatusTable {
    static let text = """
        Exit status: 0 done · 1 failed or cancelled (transform: dbt's own status) · 2 timed out · \
        3 unreachable, not configured or refused by --read-only · 130 Ctrl-C · 143 SIGTERM.
        """
}
