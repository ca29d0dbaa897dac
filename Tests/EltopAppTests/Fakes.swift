import EltopApp
import EltopCore
import EltopTerminal
import EltopUI
import Foundation
import XCTest

/// A terminal for the loop without a tty: frames go to a `MemoryTerminal`, keys come from a script.
final class ScriptedTerminal: InteractiveTerminal {
    let memory: MemoryTerminal
    /// What the next `readInput()` returns.
    var pendingInput: [TerminalInput] = []
    /// The size `adoptWindowSize()` finds, as if the window had been resized.
    var windowSize: Size

    init(size: Size) {
        memory = MemoryTerminal(size: size)
        windowSize = size
    }

    var size: Size { memory.size }
    func present(_ grid: Grid) { memory.present(grid) }
    func invalidate() { memory.invalidate() }

    func readInput() -> [TerminalInput] {
        defer { pendingInput = [] }
        return pendingInput
    }

    func adoptWindowSize() -> Size {
        if windowSize != memory.size { memory.resize(to: windowSize) }
        return windowSize
    }

    /// The glyph lines on screen, joined.
    var screenText: String { memory.screen?.lines().joined(separator: "\n") ?? "" }
}

/// An effect runner that records what it was asked and lets a test send events as a poller would.
final class RecordingRunner: EffectRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var _effects: [Effect] = []
    private var _send: (@Sendable (Event) -> Void)?
    private var _started = false
    private var _stopped = false

    var effects: [Effect] { lock.withLock { _effects } }
    var started: Bool { lock.withLock { _started } }
    var stopped: Bool { lock.withLock { _stopped } }

    func start(send: @escaping @Sendable (Event) -> Void) async {
        lock.withLock {
            _started = true
            _send = send
        }
    }

    func run(_ effect: Effect) async { lock.withLock { _effects.append(effect) } }
    func stop() async { lock.withLock { _stopped = true } }

    /// Sends an event to the loop, as a poller does.
    func send(_ event: Event) {
        let send = lock.withLock { _send }
        send?(event)
    }
}

/// Waits until `condition` holds, checking every few milliseconds; fails the test after `timeout` seconds.
/// (A correctness wait, not a timing assertion: the loop applies inputs asynchronously.)
@MainActor
func waitUntil(
    _ what: String, timeout: TimeInterval = 5, file: StaticString = #filePath, line: UInt = #line,
    _ condition: () async -> Bool
) async {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if await condition() { return }
        try? await Task.sleep(for: .milliseconds(5))
    }
    XCTFail("timed out waiting until \(what)", file: file, line: line)
}
