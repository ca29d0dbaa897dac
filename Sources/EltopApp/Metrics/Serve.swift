import EltopConfig
import EltopCore
import EltopMetrics
import EltopPollers
import Foundation
import Logging

/// `eltop serve`: the pollers on the runtime with no terminal, the state served as Prometheus metrics,
/// `/snapshot.json` and `/healthz` until SIGINT, SIGTERM or SIGHUP. For a host where nobody keeps a
/// dashboard open; the config is the dashboard's, and `--record FILE` keeps a flight recording as it does.
public enum Serve {
    /// Runs until a signal and returns 128 + its number, as every eltop command does (143 for SIGTERM: a
    /// systemd unit says `SuccessExitStatus=143`); throws before serving when the config or the address
    /// is unusable. `say` prints the lines a person starting it reads (stderr).
    @MainActor
    public static func run(
        options: AppOptions, metrics: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        say: @escaping (String) -> Void
    ) async throws -> Int32 {
        LoggingSetup.start(options: options, environment: environment)
        let log = Logger(label: "eltop.serve")
        let config = try loadConfig(options: options)
        let address = try MetricsExporter.address(flag: metrics, config: config.metrics)
        let inbox = RuntimeInbox()
        let signals = SignalSources(inbox: inbox)
        defer { signals.cancel() }
        let initial = makeInitialState(now: Date(), options: options, config: config)
        let runtime = Runtime(
            state: initial,
            feeds: FeedCatalog(config: config, userAgent: "eltop/\(EltopVersion.current)"), inbox: inbox)
        // With no terminal the recording says what a replay draws: the state's own size and the configured theme.
        if let path = options.record {
            let theme = try ThemeChoice.resolve(options.theme ?? config.ui.theme, environment: environment)
            runtime.subscribe(FlightRecorder(settings: RecorderSettings(path: path, terminal: initial.ui.size, glyphs: "unicode", theme: theme.name)))
        }
        let exporter = try await MetricsExporter.start(on: address, config: config.metrics, runtime: runtime)
        let base = "http://\(exporter.server.address)"
        say("eltop serve: metrics on \(base)/metrics, the state on \(base)/snapshot.json, liveness on \(base)/healthz")
        if let warning = address.exposureWarning { say("eltop serve: warning: \(warning)") }
        if Feed.allCases.allSatisfy({ !initial.health($0).configured }) {
            say("eltop serve: warning: nothing is configured, so every eltop_feed_configured is 0: see `eltop config check` and docs/configuration.md")
        }
        let exit = await runtime.run()
        await exporter.stop()
        log.info("serve stopped", metadata: ["reason": "\(exit)"])
        return exit.status
    }
}
