import EltopCore

/// Carries out the effects of one area (start a sync, run dbt) and reports back in events.
///
/// The runtime offers every effect to each performer in turn; the one that recognises it takes it.
/// Long work runs in the performer's own tasks so `perform` returns at once.
public protocol EffectPerformer: Sendable {
    /// Takes `effect` if it belongs to this area and returns true; otherwise returns false at once.
    func perform(_ effect: Effect, send: @escaping @Sendable (Event) -> Void) async -> Bool
    /// Ends running work (children, requests) before eltop exits.
    func stop() async
}
