import EltopCore

/// Everything the app loop reacts to, one at a time, in arrival order.
public enum LoopInput: Sendable {
    /// Bytes are waiting on stdin: read them through the terminal (on the loop, never elsewhere).
    case inputReady
    /// A decoded key (tests post keys directly).
    case key(Key)
    /// The window changed size (SIGWINCH).
    case windowResized
    /// SIGINT, SIGTERM or SIGHUP: shut down and exit with 128 + the signal number.
    case signal(Int32)
    /// An event for the store, from a poller, an effect, or the clock.
    case event(Event)
    /// The store's version moved: a frame may be needed.
    case stateChanged
    /// The frame deferred by the 16 ms frame limit is due.
    case frameDue
}

/// The loop's mailbox. Created before anything that posts (signal sources, the stdin watcher, pollers)
/// so nothing is lost while the terminal starts; inputs posted before `AppLoop.run` wait in it.
public struct LoopInbox: Sendable {
    let inputs: AsyncStream<LoopInput>
    private let continuation: AsyncStream<LoopInput>.Continuation

    public init() {
        (inputs, continuation) = AsyncStream<LoopInput>.makeStream()
    }

    /// Queues an input for the loop; safe from any thread.
    public func post(_ input: LoopInput) {
        continuation.yield(input)
    }

    /// Ends the stream; the loop stops after the inputs already queued.
    func finish() {
        continuation.finish()
    }
}
