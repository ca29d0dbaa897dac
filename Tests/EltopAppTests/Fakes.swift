import EltopApp
import EltopCore
import EltopTerminal
import EltopUI
import EltopPollers
import Foundation
import Synchronization
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

    /// What `setClipboard` was asked to copy, in order.
    var clipboard: [String] = []
    func setClipboard(_ text: String) { clipboard.append(text) }

    /// True while the terminal plays one nobody reads: earlier frames have not arrived yet.
    var undelivered = false
    private var onDelivered: (@Sendable () -> Void)?
    func deliveryPending(then notice: @escaping @Sendable () -> Void) -> Bool {
        guard undelivered else { return false }
        onDelivered = notice
        return true
    }

    /// The terminal is read again: what was written has arrived.
    func deliver() {
        undelivered = false
        onDelivered?()
        onDelivered = nil
    }

    /// The glyph lines on screen, joined.
    var screenText: String { memory.screen?.lines().joined(separator: "\n") ?? "" }
}

/// A poller that counts its polls and fails each with a fixed message, so a test sees on screen that
/// it ran and can tell a refresh from the interval.
final class CountingPoller: Poller, Sendable {
    let feed: Feed
    private let count = Mutex(0)

    init(feed: Feed) { self.feed = feed }

    var polls: Int { count.withLock { $0 } }

    func poll() async throws -> Reading {
        let n = count.withLock { count in
            count += 1
            return count
        }
        throw PollRefused(description: "poll \(n) refused")
    }

    struct PollRefused: Error, CustomStringConvertible { let description: String }
}
