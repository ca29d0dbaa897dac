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
