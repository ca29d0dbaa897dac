import EltopCore
import EltopTerminal
import EltopUI
import Foundation

/// Why the loop ended, and the exit status that goes with it.
public enum LoopExit: Equatable, Sendable {
    /// `q`, Ctrl-C (a key in raw mode) or any other `.quit` effect.
    case quit
    /// SIGINT, SIGTERM or SIGHUP.
    case signal(Int32)

    /// 0 for a quit; 128 + the signal number otherwise (130, 143, 129), as shells report a signal death.
    public var status: Int32 {
        switch self {
        case .quit: return 0
        case .signal(let signo): return 128 + signo
        }
    }
}

/// How the loop draws and keeps time.
public struct LoopSettings {
    public var theme: Theme
    public var glyphs: Glyphs
    public var keyMap: KeyMap
    public var timeZone: TimeZone
    /// At most one frame per this interval; state changes inside it are drawn together.
    public var frameInterval: Duration
    /// Send `.clockTicked` every whole second, so ages and staleness move on while nothing else happens.
    public var ticksClock: Bool

    public init(
        theme: Theme, glyphs: Glyphs, keyMap: KeyMap = .standard, timeZone: TimeZone = .current,
        frameInterval: Duration = .milliseconds(16), ticksClock: Bool = true
    ) {
        self.theme = theme
        self.glyphs = glyphs
        self.keyMap = keyMap
        self.timeZone = timeZone
        self.frameInterval = frameInterval
        self.ticksClock = ticksClock
    }
}

/// The one loop of the dashboard, as in bubbletea: it takes one input at a time (keys, signals, resizes,
/// clock ticks, poller events, store changes), turns it into an event for the store, hands the effects the
/// reducer returns to the `EffectRunner`, and draws a frame when the state changed.
///
/// Frames: only after the store's version moved (or a resize), at most one per `frameInterval`, never on a
/// timer. The terminal writes nothing for a frame equal to the last, so an idle dashboard is silent.
/// Runs on the main actor: ncurses is only ever touched from here.
@MainActor
public final class AppLoop {
    private let store: Store
    private let terminal: InteractiveTerminal
    private let runner: EffectRunner
    private let settings: LoopSettings
    private let inbox: LoopInbox
    private let clock = ContinuousClock()
    private var lastFrameAt: ContinuousClock.Instant?
    /// The store version of the last frame drawn, so a late `.stateChanged` draws nothing twice.
    private var drawnVersion: UInt64?
    private var deferredFrame: Task<Void, Never>?
    private var background: [Task<Void, Never>] = []

    /// Called after the loop has read waiting input, so the stdin watcher can listen again.
    public var onInputDrained: () -> Void = {}

    public init(store: Store, terminal: InteractiveTerminal, runner: EffectRunner, settings: LoopSettings, inbox: LoopInbox) {
        self.store = store
        self.terminal = terminal
        self.runner = runner
        self.settings = settings
        self.inbox = inbox
    }

    /// Runs until a quit or a signal; stops the runner and the loop's own tasks before returning.
    /// The caller restores the terminal afterwards.
    public func run() async -> LoopExit {
        startBackground()
        let inbox = self.inbox
        await runner.start(send: { inbox.post(.event($0)) })
        var exit = await apply(.terminalResized(terminal.size))
        await drawFrame()
        if exit == nil {
            for await input in inbox.inputs {
                exit = await handle(input)
                if exit != nil { break }
            }
        }
        for task in background { task.cancel() }
        background = []
        deferredFrame?.cancel()
        await runner.stop()
        inbox.finish()
        return exit ?? .quit
    }

    private func handle(_ input: LoopInput) async -> LoopExit? {
        switch input {
        case .inputReady:
            defer { onInputDrained() }
            for item in terminal.readInput() {
                switch item {
                case .key(let key):
                    if let exit = await press(key) { return exit }
                case .resized:
                    if let exit = await resize() { return exit }
                }
            }
            return nil
        case .key(let key):
            return await press(key)
        case .windowResized:
            return await resize()
        case .signal(let signo):
            return .signal(signo)
        case .event(let event):
            return await apply(event)
        case .stateChanged:
            if await store.version != drawnVersion { await requestFrame() }
            return nil
        case .frameDue:
            deferredFrame = nil
            await drawFrame()
            return nil
        }
    }

    private func press(_ key: Key) async -> LoopExit? {
        let ui = await store.state.ui
        guard let event = KeyDispatch.event(for: key, ui: ui, keyMap: settings.keyMap) else { return nil }
        return await apply(event)
    }

    /// Adopts the window's size (the terminal repaints whole if it changed), tells the store, and asks for
    /// a frame even when the state's size is the same: the grid must match the new screen.
    private func resize() async -> LoopExit? {
        let size = terminal.adoptWindowSize()
        let exit = await apply(.terminalResized(size))
        await requestFrame()
        return exit
    }

    /// Sends an event to the store and carries out the effects it returns.
    private func apply(_ event: Event) async -> LoopExit? {
        for effect in await store.send(event) {
            if effect == .quit { return .quit }
            await runner.run(effect)
        }
        return nil
    }

    /// Draws now, or once `frameInterval` has passed since the last frame.
    private func requestFrame() async {
        guard deferredFrame == nil else { return }
        if let last = lastFrameAt, clock.now - last < settings.frameInterval {
            let wait = settings.frameInterval - (clock.now - last)
            let inbox = self.inbox
            deferredFrame = Task {
                try? await Task.sleep(for: wait)
                if !Task.isCancelled { inbox.post(.frameDue) }
            }
            return
        }
        await drawFrame()
    }

    private func drawFrame() async {
        // Version first: should the state move in between, the next `.stateChanged` still draws.
        drawnVersion = await store.version
        let state = await store.state
        let grid = render(state, size: terminal.size, theme: settings.theme, glyphs: settings.glyphs, keyMap: settings.keyMap, timeZone: settings.timeZone)
        terminal.present(grid)
        lastFrameAt = clock.now
        // The detail view's scroll limit depends on wrapping, which only the renderer knows.
        let limit = detailScrollLimit(state, size: terminal.size, glyphs: settings.glyphs, timeZone: settings.timeZone)
        if limit != state.ui.detailScrollLimit { await store.send(.detailMeasured(scrollLimit: limit)) }
    }

    /// The store watcher and the clock: both only post to the inbox.
    private func startBackground() {
        let inbox = self.inbox
        let store = self.store
        background.append(Task {
            for await _ in await store.versions() { inbox.post(.stateChanged) }
        })
        if settings.ticksClock {
            background.append(Task {
                while !Task.isCancelled {
                    // Tick on whole seconds, so every age on screen moves at the same moment.
                    let now = Date()
                    let untilNextSecond = 1 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
                    try? await Task.sleep(for: .seconds(untilNextSecond))
                    if Task.isCancelled { break }
                    inbox.post(.event(.clockTicked(Date())))
                }
            })
        }
    }
}
