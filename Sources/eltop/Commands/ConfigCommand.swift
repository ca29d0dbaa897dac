import ArgumentParser
import EltopApp

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with the configuration.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the config and show what each feed would use (secrets hidden).", discussion: ExitStatusTable.text)

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let result = ConfigCheckCommand.run(options: options.appOptions)
            print(result.report)
            if let tracer = await ConfigCheckCommand.tracerSetup(options: options.appOptions) { print(tracer) }
            if result.status != 0 { throw ExitCode(result.status) }
        }
    }
}
