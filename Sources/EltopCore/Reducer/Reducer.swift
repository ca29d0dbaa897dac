import Foundation

/// The one way the state changes: apply an event, return the effects the runtime must carry out.
///
/// Pure: no clock, no I/O. Time comes in events. Each area's details live in an extension
/// (`Reducer+Polls`, `Reducer+UI`, `Reducer+Source`, ...).
public func reduce(_ state: inout DashboardState, _ event: Event) -> [Effect] {
    let effects = reduceArea(&state, event)
    // The pipeline follows what the areas saw: a job's status, dbt's exit, the clock.
    return effects + state.advancePipeline(after: event)
}

private func reduceArea(_ state: inout DashboardState, _ event: Event) -> [Effect] {
    switch event {
    case .clockTicked(let now):
        state.tick(to: now)
        return []
    case .pollSucceeded(let reading, let at):
        state.applySuccess(reading, at: at)
        return state.tracerAfterPoll(reading, at: at)
    case .pollFailed(let feed, let message, let at, let nextAttemptAt):
        state.applyFailure(feed, message: message, at: at, nextAttemptAt: nextAttemptAt)
        return []
    case .actionRequested(let action):
        return state.apply(action)
    case .terminalResized(let size):
        state.ui.size = size
        return []
    case .detailMeasured(let limit):
        state.measureDetail(scrollLimit: limit)
        return []
    case .keyRefused(let binding):
        state.ui.notice = "\(binding.keyLabel) (\(binding.help)) is disabled by --read-only"
        return []
    case .airbyte(let event):
        return state.applyAirbyte(event)
    case .dbt(let event):
        return state.applyDbtEvent(event) + state.tracerAfterDbt(event)
    case .tracer(let event):
        return state.applyTracer(event)
    case .pipeline(let event):
        return state.applyPipeline(event)
    case .recorderFailed(let path, let message, let at):
        state.timeline.add(TimelineEntry(at: at, origin: .app, severity: .warn, message: "recording to \(path) stopped: \(message)"))
        return []
    }
}
