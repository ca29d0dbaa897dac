import ArgumentParser
import EltopApp

/// The `eltop` command: parses arguments and hands over to EltopApp. `eltop` alone is `eltop dash`.
@main
struct Eltop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eltop",
        // ASCII arrows: the man page generator drops other characters ("Postgres CDC  Airbyte").
        abstract: "A terminal dashboard for a Postgres CDC -> Airbyte -> warehouse -> dbt pipeline.",
        version: "eltop \(EltopVersion.current)",
        subcommands: [
            DashCommand.self, SnapshotCommand.self, CheckCommand.self, SyncCommand.self, TransformCommand.self, RunCommand.self, ServeCommand.self,
            ConfigCommand.self, DemoCommand.self, DemoAirbyteCommand.self, ReplayCommand.self,
        ],
        defaultSubcommand: DashCommand.self)

    /// glibc's malloc is set before anything else runs (`MallocTuning`), then the arguments are parsed.
    static func main() async {
        MallocTuning.atStartUp()
        await main(nil)
    }
}
