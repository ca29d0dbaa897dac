import EltopCore

/// Why the runtime stopped, and the exit status that goes with it.
public enum RuntimeExit: Equatable, Sendable {
    /// `q`, Ctrl-C (a key in raw mode), a `.quit` effect, or a one-shot command that is done.
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

/// Where a runtime's events come from. In a replay the recording is the only source: nothing is
/// polled, no deadline of the wall clock ticks the state, and every effect a replayed event produces is
/// discarded, so a replay can never start a sync or a dbt run.
public enum RuntimeMode: Equatable, Sendable {
    case live, replay
}

/// Something that follows the runtime: the terminal presenter, a one-shot command waiting for its
/// polls, the flight recorder, the metrics exporter.
///
/// Each applied event is published with the state it produced, on the runtime's actor and in order, so a
/// subscriber sees exactly what the reducer saw. `changed` is false when the reducer left the state as it
/// was (a presenter draws nothing then; a recorder still keeps the event).
@MainActor
public protocol RuntimeSubscriber: AnyObject {
    /// The runtime is about to take inputs; its state is the initial one.
    func runtimeDidStart(_ runtime: Runtime)
    func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool)
    /// The runtime has stopped taking inputs; background work is being ended.
    func runtimeWillStop(_ runtime: Runtime)
}

extension RuntimeSubscriber {
    public func runtimeDidStart(_ runtime: Runtime) {}
    public func runtimeWillStop(_ runtime: Runtime) {}
}
