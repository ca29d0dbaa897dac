import EltopCore
import EltopUI

/// A terminal the app loop can run on: frames out (`Terminal`), keys in, window size.
///
/// `NcursesTerminal` is the real one; tests use a scripted fake, so the loop is tested without a tty.
/// Both calls are made only from the loop, one at a time.
public protocol InteractiveTerminal: Terminal {
    /// Everything typed since the last call, without waiting.
    func readInput() -> [TerminalInput]
    /// Re-reads the window size after SIGWINCH and adopts it; if it changed, the next frame repaints whole.
    func adoptWindowSize() -> Size
    /// Asks the terminal to put `text` on the user's clipboard (OSC 52; see `OSC52`).
    func setClipboard(_ text: String)
    /// True while earlier frames have not reached the terminal yet (nobody reads it); `notice` then runs,
    /// from any thread, once they have. The loop draws nothing new until then.
    func deliveryPending(then notice: @escaping @Sendable () -> Void) -> Bool
}

extension InteractiveTerminal {
    /// A terminal whose frames arrive as they are presented (the tests' fakes).
    public func deliveryPending(then notice: @escaping @Sendable () -> Void) -> Bool { false }
}

extension NcursesTerminal: InteractiveTerminal {}
