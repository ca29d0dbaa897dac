import EltopConfig
import EltopCore
import EltopPollers
import EltopTerminal
import EltopUI
import Foundation
import Logging

/// `eltop dash`: the dashboard, from taking the terminal to giving it back.
public enum Dash {
    /// Runs the dashboard until `q`, Ctrl-C or a signal, and returns the exit status (0, or 128 + signo).
    /// Whatever happens, the terminal is restored before this returns or throws.
    @MainActor
    public static func run(options: AppOptions, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Int32 {
        let logPath = LoggingSetup.start(options: options, environment: environment)
        return try await run(options: options, config: try loadConfig(options: options), logPath: logPath, environment: environment)
    }

    /// Runs the dashboard on a config built by the caller (`eltop demo` builds its own and never reads
    /// the user's file or environment), logging to `logPath` once `LoggingSetup.start` has set it up.
    @MainActor
    public static func run(options: AppOptions, config: Config, logPath: String?, environment: [String: String]) async throws -> Int32 {
        let log = Logger(label: "eltop.app")
        let theme = try ThemeChoice.resolve(options.theme ?? config.ui.theme, environment: environment)

        // Signals first: once they have sources, ncurses leaves them alone (see SignalSources), and a
        // signal arriving while the screen starts waits in the inbox.
        let inbox = RuntimeInbox()
        let signals = SignalSources(inbox: inbox)
        defer { signals.cancel() }
        let memory = ViewMemoryFile(configPath: config.filePath, environment: environment)
        var initial = makeInitialState(now: Date(), options: options, config: config)
        if let view = memory.load(log: log) { initial.restore(view) }
        let feeds = FeedCatalog(config: config, userAgent: "eltop/\(EltopVersion.current)")
        let runtime = Runtime(state: initial, feeds: feeds, inbox: inbox)
        runtime.subscribe(ViewMemory(file: memory))
        // The start's code leaves eltop's RSS once the first polls are in (docs/architecture.md).
        runtime.subscribe(StartupPageRelease(feeds: Set(feeds.pollers.map(\.feed))))
        // Before the terminal is taken, so a port in use is an ordinary error and the warning stays readable.
        var exporter: MetricsExporter?
        if let metrics = options.metrics {
            let address = try MetricsExporter.address(flag: metrics, config: config.metrics)
            exporter = try await MetricsExporter.start(on: address, config: config.metrics, runtime: runtime)
            if let warning = address.exposureWarning { FileHandle.standardError.write(Data("eltop: warning: \(warning)\n".utf8)) }
        }
        let session = try TerminalSession(stderrPath: logPath)
        defer { session.restore() }
        if options.mouse { session.enableMouse() }
        // The recorder hears the start before the presenter, so the window size it sends is recorded too.
        if let path = options.record {
            runtime.subscribe(FlightRecorder(settings: RecorderSettings(
                path: path, terminal: session.size, glyphs: session.glyphs.asciiOnly ? "ascii" : "unicode", theme: theme.name)))
        }
        log.info("dashboard started", metadata: ["size": "\(session.size.cols)x\(session.size.rows)", "utf8": "\(session.isUTF8)", "colors": "\(session.colorCount)"])

        let presenter = TerminalPresenter(terminal: NcursesTerminal(session: session), settings: PresenterSettings(theme: theme, glyphs: session.glyphs, keyMap: config.keys.keyMap))
        runtime.attach(presenter)
        // A terminal that hangs up is treated like SIGHUP, which usually comes with it.
        let watcher = StdinWatcher(onReady: { inbox.post(.terminal(.inputReady)) }, onHangup: { inbox.post(.signal(SIGHUP)) })
        defer { watcher.cancel() }
        presenter.onInputDrained = { watcher.resume() }

        let exit = await runtime.run()
        await exporter?.stop()
        session.restore()
        log.info("dashboard stopped", metadata: ["reason": "\(exit)", "status": "\(exit.status)"])
        return exit.status
    }
}
