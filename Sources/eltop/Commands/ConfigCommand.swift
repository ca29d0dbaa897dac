import ArgumentParser
import EltopApp

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with the configuration.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the config and show what each feed would use (secrets hidden).", discussion: ExitStatusTable.text)

        @OptionGroup var options: GlobalOptions

        func run() throws {
            let result = ConfigCheckCommand.run(options: options.appOptions)
            print(result.report)
            if result.status != 0 { throw ExitCode(result.status) }
        }
    }
}
