import EltopCore
import EltopTerminal
import EltopUI
import Foundation

/// How the presenter draws.
public struct PresenterSettings {
    public var theme: Theme
    public var glyphs: Glyphs
    public var keyMap: KeyMap
    public var timeZone: TimeZone
    /// At most one frame per this interval for changes that arrive on their own (polls, ticks); a key's
    /// frame is drawn at once, so typing never feels the limit.
    public var frameInterval: Duration

    public init(theme: Theme, glyphs: Glyphs, keyMap: KeyMap = .standard, timeZone: TimeZone = .current, frameInterval: Duration = .milliseconds(16)) {
        self.theme = theme
        self.glyphs = glyphs
        self.keyMap = keyMap
        self.timeZone = timeZone
        self.frameInterval = frameInterval
    }
}

/// The dashboard's screen, as a runtime subscriber: it decodes keys into events, adopts new window
/// sizes, and draws a frame when the state changed in a way that shows — never on a timer. A poll that
/// moved only bookkeeping (`FrameSignature`) builds no frame at all; the terminal writes only the
/// cells that differ from the last frame, so a frame equal to the last writes nothing.
///
/// After each frame it measures how far an open detail view can scroll (`detailScrollLimit`, pure) and
/// tells the runtime, since only the renderer knows how text wraps.
@MainActor
public final class TerminalPresenter: RuntimeSubscriber {
    private let terminal: InteractiveTerminal
    private let settings: PresenterSettings
    private let clock = ContinuousClock()
    private var lastFrameAt: ContinuousClock.Instant?
    /// The state moved since the last frame.
    private var dirty = true
    /// What decides the frame on screen, to tell whether a new state draws it again.
    private var drawnSignature: FrameSignature?
    /// The last state's signature that did not draw the frame on screen: usually the state drawn next.
    private var pendingSignature: FrameSignature?
    #if DEBUG
    /// The frame on screen, so debug builds can check that every frame skipped was the one shown.
    private var drawnGrid: Grid?
    #endif
    private var deferredFrame: Task<Void, Never>?
    /// The terminal still holds undelivered bytes of an earlier frame (nobody reads it): nothing is drawn
    /// until `.outputDelivered`, and then the state of that moment, so one frame waits, never a backlog.
    private var awaitingDelivery = false

    /// Called after the presenter has read waiting input, so the stdin watcher can listen again.
    public var onInputDrained: () -> Void = {}
    /// Set by a replay: keys go here instead of the dashboard's key map.
    var keyHandler: ((Key) -> Void)?
    /// Set by a replay: draws its own title and control bar over each frame, after the panes.
    var decorate: ((inout Grid, DashboardState) -> Void)?

    public init(terminal: InteractiveTerminal, settings: PresenterSettings) {
        self.terminal = terminal
        self.settings = settings
    }

    public func runtimeDidStart(_ runtime: Runtime) {
        if runtime.mode == .live { runtime.send(.terminalResized(terminal.size)) }
        drawFrame(runtime)
    }

    public func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) {
        guard changed else { return }
        if !dirty, showsTheDrawnFrame(runtime.state) { return }
        dirty = true
        requestFrame(runtime)
    }

    /// True when `state` would draw the frame already on screen. A replay draws its own bar over each
    /// frame from the player, which the state does not hold, so it always draws.
    private func showsTheDrawnFrame(_ state: DashboardState) -> Bool {
        guard decorate == nil, let drawnSignature else { return false }
        let next = signature(of: state)
        guard drawnSignature.drawsTheSameFrame(as: next) else {
            pendingSignature = next
            return false
        }
        #if DEBUG
        assert(drawnGrid == buildFrame(state), "a frame was skipped that would have changed the screen")
        #endif
        return true
    }

    public func runtimeWillStop(_ runtime: Runtime) {
        deferredFrame?.cancel()
        deferredFrame = nil
    }

    func handle(_ notice: TerminalInputNotice, in runtime: Runtime) {
        switch notice {
        case .inputReady:
            defer { onInputDrained() }
            for item in terminal.readInput() {
                switch item {
                case .key(let key): press(key, runtime)
                case .resized: resize(runtime)
                case .mouse(let input): click(input, runtime)
                }
            }
        case .key(let key):
            press(key, runtime)
        case .windowResized:
            resize(runtime)
        case .frameDue:
            deferredFrame = nil
            if dirty { drawFrame(runtime) }
        case .outputDelivered:
            awaitingDelivery = false
            if dirty { drawFrame(runtime) }
        }
    }

    /// A key's own frame is drawn now, whatever the pacing: the answer to a key must not wait.
    private func press(_ key: Key, _ runtime: Runtime) {
        if let keyHandler { return keyHandler(key) }
        guard let event = KeyDispatch.event(for: key, ui: runtime.state.ui, keyMap: settings.keyMap) else { return }
        runtime.catchUpClock()
        runtime.send(event)
        if dirty { drawFrame(runtime) }
    }

    /// Adopts the window's size (the terminal repaints whole if it changed), tells the runtime, and draws
    /// even when the state's size is the same: the grid must match the new screen.
    /// A click or wheel turn, answered at once like a key.
    private func click(_ input: MouseInput, _ runtime: Runtime) {
        let actions = MouseDispatch.actions(for: input, state: runtime.state)
        if !actions.isEmpty { runtime.catchUpClock() }
        for action in actions { runtime.send(.actionRequested(action)) }
        if dirty { drawFrame(runtime) }
    }

    /// Carries out `Effect.copyToClipboard`: the terminal is the presenter's alone.
    func copyToClipboard(_ text: String) {
        terminal.setClipboard(text)
    }

    private func resize(_ runtime: Runtime) {
        let size = terminal.adoptWindowSize()
        // A replay's state keeps the recorded size: it is part of what the recording says.
        if runtime.mode == .live { runtime.send(.terminalResized(size)) }
        drawFrame(runtime)
    }

    /// Draws now, or once `frameInterval` has passed since the last frame.
    private func requestFrame(_ runtime: Runtime) {
        guard deferredFrame == nil, !awaitingDelivery else { return }
        if let last = lastFrameAt, clock.now - last < settings.frameInterval {
            let wait = settings.frameInterval - (clock.now - last)
            let inbox = runtime.inbox
            deferredFrame = Task {
                try? await Task.sleep(for: wait)
                if !Task.isCancelled { inbox.post(.terminal(.frameDue)) }
            }
            return
        }
        drawFrame(runtime)
    }

    /// Draws now: the state was replaced whole (a replay's seek), not changed by an event.
    func redraw(_ runtime: Runtime) {
        dirty = true
        drawFrame(runtime)
    }

    private func drawFrame(_ runtime: Runtime) {
        deferredFrame?.cancel()
        deferredFrame = nil
        let inbox = runtime.inbox
        if terminal.deliveryPending(then: { inbox.post(.terminal(.outputDelivered)) }) {
            // Drawn once the earlier frame has arrived, whatever asked for this one (a key, a resize).
            awaitingDelivery = true
            dirty = true
            return
        }
        dirty = false
        let state = runtime.state
        var grid = buildFrame(state)
        decorate?(&grid, state)
        terminal.present(grid)
        if decorate == nil {
            drawnSignature = pendingSignature.flatMap { $0.state == state ? $0 : nil } ?? signature(of: state)
        }
        pendingSignature = nil
        #if DEBUG
        drawnGrid = grid
        #endif
        lastFrameAt = clock.now
        guard runtime.mode == .live else { return }
        // The detail view's scroll limit depends on wrapping, which only the renderer knows.
        let limit = detailScrollLimit(state, size: terminal.size, glyphs: settings.glyphs, timeZone: settings.timeZone)
        if limit != state.ui.detailScrollLimit { runtime.send(.detailMeasured(scrollLimit: limit)) }
    }

    private func signature(of state: DashboardState) -> FrameSignature {
        FrameSignature(state, size: terminal.size, theme: settings.theme, glyphs: settings.glyphs, timeZone: settings.timeZone)
    }

    private func buildFrame(_ state: DashboardState) -> Grid {
        render(state, size: terminal.size, theme: settings.theme, glyphs: settings.glyphs, keyMap: settings.keyMap, timeZone: settings.timeZone)
    }
}
