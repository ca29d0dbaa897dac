import Dispatch
import Foundation

/// SIGINT, SIGTERM, SIGHUP and SIGWINCH as runtime inputs, through dispatch signal sources.
///
/// Why dispatch sources and not handlers: the runtime must run the normal shutdown (end the polls and the effects, restore
/// the terminal, exit 128 + signo), which a handler cannot do safely; a source turns the signal into an
/// ordinary input on a queue. Each signal is first set to SIG_IGN so its default action (death without
/// restoring the terminal) never runs; libdispatch still observes it.
///
/// SIGWINCH is ours too, on purpose: ncurses catches SIGWINCH itself only when the signal is still at
/// SIG_DFL when the screen starts, and its handler merely sets a flag that `wget_wch` looks at, so a
/// resize would go unnoticed until the next key. Creating these sources before `TerminalSession` keeps
/// ncurses' handler out; the loop then reads the size with TIOCGWINSZ, calls `resizeterm` and repaints.
///
/// SIGPIPE is ignored: a peer closing a socket must fail a write, not kill the dashboard.
public final class SignalSources {
    public static let shutdownSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private var sources: [DispatchSourceSignal] = []

    public init(inbox: RuntimeInbox) {
        signal(SIGPIPE, SIG_IGN)
        for signo in Self.shutdownSignals + [SIGWINCH] {
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
            source.setEventHandler {
                inbox.post(signo == SIGWINCH ? .terminal(.windowResized) : .signal(signo))
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops listening. The signals stay ignored: once the loop has ended, a late SIGTERM must not cut
    /// the restore short.
    public func cancel() {
        for source in sources { source.cancel() }
        sources = []
    }

    deinit { cancel() }
}
