import ArgumentParser
import EltopApp

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
