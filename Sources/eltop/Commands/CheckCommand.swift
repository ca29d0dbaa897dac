import ArgumentParser
import EltopApp

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the pipeline once, as a Nagios/Icinga plugin: one summary line with performance data, details after.",
        discussion: """
            Polls every configured area once (the source twice, \(Int(EltopApp.CheckCommand.walSampleSeconds))s apart, to sample WAL \
            growth) and reports with the dashboard's thresholds. When findings disagree, CRITICAL wins over \
            UNKNOWN, which wins over WARNING. See docs/commands.md.

            \(ExitStatusTable.text)
            """)

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print the report as JSON (docs/commands.md).")
    var json = false

    @Option(help: ArgumentHelp("Check only these areas (comma-separated): source, airbyte, warehouse, dbt.", valueName: "areas"))
    var only: String?

    @Option(help: ArgumentHelp("Give up after this long; what has not answered is UNKNOWN (default 10s).", valueName: "duration"))
    var timeout: DurationArgument?

    func run() async throws {
        let arguments: EltopApp.CheckCommand.Arguments
        do {
            arguments = try EltopApp.CheckCommand.Arguments(only: only, timeout: timeout?.seconds)
        } catch let problem as EltopApp.CheckCommand.UsageProblem {
            throw ValidationError(problem.description)
        }
        let result = await EltopApp.CheckCommand.run(options: options.appOptions, arguments, json: json)
        print(result.text)
        if result.status != 0 { throw ExitCode(result.status) }
    }

}
