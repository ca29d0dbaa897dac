import ArgumentParser
import EltopApp
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Poll headless and serve the state as Prometheus metrics, /snapshot.json and /healthz.",
        discussion: """
            Runs the dashboard's pollers with no terminal until SIGINT, SIGTERM or SIGHUP, then exits 128 + the \
            signal's number like every eltop command (143 for SIGTERM). Listens on 127.0.0.1:39187 unless \
            --metrics or metrics.listen says otherwise; an address beyond loopback is warned about. A bad \
            config or an unusable address exits 3 before anything is polled. See docs/metrics.md.

            \(ExitStatusTable.text)
            """)

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("Where to listen, HOST:PORT (default: metrics.listen, else 127.0.0.1:39187).", valueName: "addr"))
    var metrics: String?

    func run() async throws {
        let status: Int32
        do {
            status = try await Serve.run(options: options.appOptions, metrics: metrics) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        } catch {
            // Could not start: status 3 in the commands' one table, as a bad config is for `run`.
            FileHandle.standardError.write(Data("eltop: \(error)\n".utf8))
            throw ExitCode(CommandExitCode.unreachable.rawValue)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
