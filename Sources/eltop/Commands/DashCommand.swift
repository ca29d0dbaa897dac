import ArgumentParser
import EltopApp

struct DashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dash", abstract: "Show the dashboard (the default command).")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let status: Int32
        do {
            status = try await Dash.run(options: options.appOptions)
        } catch {
            throw CommandFailure.exit(error)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
