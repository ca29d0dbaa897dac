import EltopCore

/// Carries out the effects the loop does not handle itself (everything but `.quit`) and owns whatever
/// produces events in the background: pollers, jobs, children.
///
/// The seam between the runtime and the feeds: the loop calls `start` once, `run` for each effect the
/// reducer returns, and `stop` once before the terminal is restored.
public protocol EffectRunner: AnyObject, Sendable {
    /// Starts background work. `send` hands an event to the loop, which applies it in turn with the others.
    func start(send: @escaping @Sendable (Event) -> Void) async
    /// Carries out one effect. Must return promptly: long work runs in the runner's own tasks and reports
    /// back through `send`.
    func run(_ effect: Effect) async
    /// Cancels background work and waits for it to end (children stopped, connections closed).
    func stop() async
}
