import EltopCore
import EltopPollers
import EltopTerminal
import EltopUI
import Foundation
import Logging

/// `eltop replay FILE`: the dashboard driven by a recording. The same runtime and presenter as live, in
/// replay mode — the recording is the only source of events, nothing is polled and every effect is
/// discarded — so the panes show, cell for cell, what the live screen showed.
public enum Replay {
    @MainActor
    public static func run(path: String, options: AppOptions, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Int32 {
        let logPath = LoggingSetup.start(options: options, environment: environment)
        let recording = try Recording(path: path)
        let header = recording.header
        // The recorded theme when it can be found here (a theme file's path may not exist on this machine).
        let recordedTheme = try? ThemeChoice.resolve(options.theme ?? header.theme, environment: environment)
        let theme = try recordedTheme ?? ThemeChoice.resolve(nil, environment: environment)
        let (start, next) = try recording.start()

        let inbox = RuntimeInbox()
        let signals = SignalSources(inbox: inbox)
        defer { signals.cancel() }
        let session = try TerminalSession(stderrPath: logPath)
        defer { session.restore() }
        let glyphs: Glyphs = header.glyphs == "ascii" || session.glyphs.asciiOnly ? .ascii : .unicode
        let runtime = Runtime(state: start, feeds: FeedCatalog(pollers: []), inbox: inbox, mode: .replay)
        let player = ReplayPlayer(recording: recording, startingAt: next)
        runtime.subscribe(player)
        let presenter = TerminalPresenter(
            terminal: NcursesTerminal(session: session),
            settings: PresenterSettings(theme: theme, glyphs: glyphs, timeZone: header.zone))
        presenter.keyHandler = { player.handle($0) }
        presenter.decorate = { grid, _ in player.decorate(&grid, theme: theme) }
        runtime.attach(presenter)
        let watcher = StdinWatcher(onReady: { inbox.post(.terminal(.inputReady)) }, onHangup: { inbox.post(.signal(SIGHUP)) })
        defer { watcher.cancel() }
        presenter.onInputDrained = { watcher.resume() }

        Logger(label: "eltop.replay").info("replay started", metadata: ["path": "\(path)", "recorded by": "\(header.eltopVersion)"])
        let exit = await runtime.run()
        session.restore()
        return exit.status
    }
}
