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

    @Option(help: ArgumentHelp("Judge the state a flight recording (--record) had instead of polling (docs/recorder.md).", valueName: "file"))
    var replay: String?

    @Option(help: ArgumentHelp("With --replay: the time to judge, HH:MM[:SS] or ISO-8601 (default: the recording's end).", valueName: "time"))
    var at: String?

    @Flag(help: "With --replay: use the recorded dashboard's thresholds instead of the current config's.")
    var recordedThresholds = false

    func validate() throws {
        if replay == nil, at != nil || recordedThresholds { throw ValidationError("--at and --recorded-thresholds need --replay FILE") }
        if replay != nil, timeout != nil { throw ValidationError("--timeout does not apply to --replay: nothing is polled") }
    }

    func run() async throws {
        let arguments: EltopApp.CheckCommand.Arguments
        do {
            arguments = try EltopApp.CheckCommand.Arguments(only: only, timeout: timeout?.seconds)
        } catch let problem as EltopApp.CheckCommand.UsageProblem {
            throw ValidationError(problem.description)
        }
        let result: (text: String, status: Int32)
        if let replay {
            let replayArguments = EltopApp.CheckCommand.ReplayArguments(path: replay, at: at, recordedThresholds: recordedThresholds)
            result = await EltopApp.CheckCommand.replay(options: options.appOptions, arguments, replayArguments, json: json)
        } else {
            result = await EltopApp.CheckCommand.run(options: options.appOptions, arguments, json: json)
        }
        print(result.text)
        if result.status != 0 { throw ExitCode(result.status) }
    }

}
