import ArgumentParser
import EltopApp

struct DashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dash", abstract: "Show the dashboard (the default command).")

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp(
        "Serve the dashboard's state as Prometheus metrics meanwhile, on HOST:PORT (e.g. 127.0.0.1:39187; see docs/metrics.md).",
        valueName: "addr"))
    var metrics: String?

    func run() async throws {
        let status: Int32
        var appOptions = options.appOptions
        appOptions.metrics = metrics
        do {
            status = try await Dash.run(options: appOptions)
        } catch {
            throw CommandFailure.exit(error)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
