import EltopCore
import EltopUI
import Foundation

/// `eltop replay`'s reader: a runtime subscriber that feeds the recording's events into a replay-mode
/// runtime at the recorded pace (or faster), and takes replay's own keys. Seeks go through keyframes
/// (`Recording.state(at:)`) and replace the runtime's state whole.
///
/// At the end of the file it keeps looking for lines still being appended (every `followInterval`),
/// as `tail -f` does, until the file is damaged or the user quits.
@MainActor
final class ReplayPlayer: RuntimeSubscriber {
    let recording: Recording
    /// The next line to apply.
    private(set) var cursor: Int
    private(set) var playing = true
    private(set) var speed: Double = 1
    private var jumpInput: String?
    private var message: String?
    private var timer: Task<Void, Never>?
    private weak var runtime: Runtime?
    private var memory = ReadingMemory()
    private let followInterval: Duration
    static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256]

    /// Starts at `start` (the first line after the keyframe the runtime's initial state came from).
    init(recording: Recording, startingAt cursor: Int, followInterval: Duration = .milliseconds(500)) {
        self.recording = recording
        self.cursor = cursor
        self.followInterval = followInterval
    }

    func runtimeDidStart(_ runtime: Runtime) {
        self.runtime = runtime
        schedule()
    }

    func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) {}

    func runtimeWillStop(_ runtime: Runtime) {
        timer?.cancel()
        timer = nil
    }

    /// Where the replay stands, for its bar.
    var status: ReplayStatus {
        let zone = recording.header.zone
        let now = cursor > 0 ? recording.time(ofLine: cursor - 1) : recording.span.lowerBound
        let span = recording.span
        let position = "\(RecordingClock.clock(now, zone: zone)) of \(RecordingClock.clock(span.lowerBound, zone: zone))–\(RecordingClock.clock(span.upperBound, zone: zone))"
        let atEnd = cursor >= recording.lineCount
        var note = message
        if note == nil, atEnd, let problem = recording.endProblem(stillWritten: playing) { note = problem.description }
        return ReplayStatus(
            clock: RecordingClock.iso(now, zone: zone), playing: playing, speed: speed, position: position,
            following: atEnd && playing && recording.damage == nil, jumpInput: jumpInput, message: note)
    }

    func decorate(_ grid: inout Grid, theme: Theme) {
        ReplayBar.draw(status, into: &grid, theme: theme)
    }

    // MARK: keys

    func handle(_ key: Key) {
        guard let runtime else { return }
        if jumpInput != nil { return typeJump(key, runtime) }
        message = nil
        switch key {
        case .character("q"), .control("c"): return runtime.stop()
        case .character(" "): playing.toggle()
        case .character("+"), .character("="): speed = Self.speeds.first { $0 > speed } ?? speed
        case .character("-"): speed = Self.speeds.last { $0 < speed } ?? speed
        case .character("."):
            playing = false
            step(runtime)
        case .character("["): rewind(runtime)
        case .character("]"): seekToEnd(runtime)
        case .character("J"): jumpInput = ""
        default: return
        }
        schedule()
        runtime.presenter?.redraw(runtime)
    }

    private func typeJump(_ key: Key, _ runtime: Runtime) {
        switch key {
        case .escape: jumpInput = nil
        case .backspace: if jumpInput?.isEmpty == false { jumpInput?.removeLast() }
        case .enter:
            let text = jumpInput ?? ""
            jumpInput = nil
            do {
                try seek(to: RecordingClock.parse(text, span: recording.span, zone: recording.header.zone), runtime)
            } catch {
                message = "\(error)"
            }
        case .character(let c): jumpInput?.append(c)
        default: break
        }
        runtime.presenter?.redraw(runtime)
    }

    // MARK: playing

    /// Applies the next line: an event through the runtime (its effects discarded in replay mode); a
    /// keyframe only if the replayed state drifted from it, which a pure reducer never should.
    @discardableResult
    func step(_ runtime: Runtime) -> Bool {
        guard cursor < recording.lineCount else { return false }
        do {
            let entry = try recording.entry(cursor)
            if case .keyframe(let state) = entry, state != runtime.state { runtime.replaceState(state) }
            if let event = try recording.resolve(entry, cursor, &memory) { runtime.send(event) }
            cursor += 1
            return true
        } catch {
            playing = false
            message = "\(error)"
            runtime.presenter?.redraw(runtime)
            return false
        }
    }

    func seek(to time: Date, _ runtime: Runtime) {
        do {
            let ((state, next), memory) = try recording.stateWithMemory(at: time)
            cursor = next
            self.memory = memory
            runtime.replaceState(state)
        } catch {
            message = "\(error)"
        }
    }

    private func rewind(_ runtime: Runtime) {
        do {
            let ((state, next), memory) = try recording.startWithMemory()
            cursor = next
            self.memory = memory
            runtime.replaceState(state)
        } catch {
            message = "\(error)"
        }
    }

    private func seekToEnd(_ runtime: Runtime) {
        _ = try? recording.refresh()
        seek(to: recording.span.upperBound, runtime)
    }

    /// Sleeps until the next line is due at the current speed (or, at the end, for the file to grow).
    private func schedule() {
        timer?.cancel()
        timer = nil
        guard playing, let runtime else { return }
        let wait: Duration
        if cursor < recording.lineCount {
            let gap = cursor > 0 ? recording.time(ofLine: cursor).timeIntervalSince(recording.time(ofLine: cursor - 1)) : 0
            wait = .milliseconds(Int64(max(0, gap / speed) * 1000))
        } else {
            guard recording.damage == nil else { return }
            wait = followInterval
        }
        timer = Task { [weak self] in
            try? await Task.sleep(for: wait)
            guard !Task.isCancelled, let self else { return }
            self.advance(runtime)
        }
    }

    private func advance(_ runtime: Runtime) {
        timer = nil
        if cursor >= recording.lineCount {
            let grown = (try? recording.refresh()) ?? 0
            if grown == 0, recording.damage != nil { runtime.presenter?.redraw(runtime) }
        } else {
            // Lines applied at the same recorded moment go together: one frame, as live.
            let time = recording.time(ofLine: cursor)
            while cursor < recording.lineCount, recording.time(ofLine: cursor) <= time, step(runtime) {}
            // The bar's clock moves even when the events changed nothing on the panes.
            runtime.presenter?.redraw(runtime)
        }
        if playing { schedule() }
    }
}
