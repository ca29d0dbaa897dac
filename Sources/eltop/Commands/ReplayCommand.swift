import ArgumentParser
import EltopApp

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recording made with --record: the dashboard as it was, with replay's own keys.",
        discussion: "Space pause/resume, + and - speed, . step, [ and ] start/end, J jump to a time, q quit. Nothing is polled and nothing is started: a replay cannot run a sync or dbt.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The recording.", valueName: "file"))
    var file: String

    func run() async throws {
        let status: Int32
        do {
            status = try await Replay.run(path: file, options: options.appOptions)
        } catch {
            throw CommandFailure.exit(error)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
