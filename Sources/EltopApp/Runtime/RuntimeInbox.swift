import EltopCore

/// Everything the runtime reacts to, one at a time, in arrival order.
public enum RuntimeInput: Sendable {
    /// An event for the reducer: from a poller, an effect's task, or a test.
    case event(Event)
    /// SIGINT, SIGTERM or SIGHUP: shut down and exit with 128 + the signal number.
    case signal(Int32)
    /// Something only the terminal presenter understands (keys waiting, a resize, a deferred frame).
    case terminal(TerminalInputNotice)
    /// The next deadline of `nextDeadline(state)` has come: the runtime sends `clockTicked`.
    case deadlineReached
    /// Stop as asked from outside the loop (a one-shot command that has what it came for).
    case stop(RuntimeExit)
}

/// What the terminal side posts; the presenter handles each on the runtime's actor.
public enum TerminalInputNotice: Sendable {
    /// Bytes are waiting on stdin: read them through the terminal (on the main actor, never elsewhere).
    case inputReady
    /// A decoded key (tests post keys directly).
    case key(Key)
    /// The window changed size (SIGWINCH).
    case windowResized
    /// The frame that frame pacing put off is due.
    case frameDue
    /// The frames written earlier have reached the terminal: the one put off meanwhile can be drawn.
    case outputDelivered
}

/// The runtime's mailbox. Created before anything that posts (signal sources, the stdin watcher) so
/// nothing is lost while the terminal starts; inputs posted before `Runtime.run` wait in it.
public struct RuntimeInbox: Sendable {
    let inputs: AsyncStream<RuntimeInput>
    private let continuation: AsyncStream<RuntimeInput>.Continuation

    public init() {
        (inputs, continuation) = AsyncStream<RuntimeInput>.makeStream()
    }

    /// Queues an input; safe from any thread.
    public func post(_ input: RuntimeInput) {
        continuation.yield(input)
    }

    /// Ends the stream; the runtime stops after the inputs already queued.
    func finish() {
        continuation.finish()
    }
}
