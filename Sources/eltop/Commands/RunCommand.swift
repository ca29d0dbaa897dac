import ArgumentParser
import EltopApp

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
