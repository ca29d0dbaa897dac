import ArgumentParser
import EltopApp

struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Print the state of every area once and exit.", discussion: ExitStatusTable.text)

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print JSON (the documented format, see docs/snapshot.md).")
    var json = false

    func run() async throws {
        do {
            try await SnapshotOutput.printAndExit(options: options.appOptions, json: json)
        } catch {
            throw CommandFailure.exit(error, status: CommandExitCode.unreachable.status)
        }
    }
}
