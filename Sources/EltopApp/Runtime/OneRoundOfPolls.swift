import EltopCore

/// Stops the runtime once every configured feed has answered its first poll (or failed it, each poll
/// cut off by its timeout): what `snapshot` needs, from the same runtime the dashboard runs on.
@MainActor
final class OneRoundOfPolls: RuntimeSubscriber {
    private var waiting: Set<Feed>

    init(feeds: Set<Feed>) {
        waiting = feeds
    }

    func runtimeDidStart(_ runtime: Runtime) {
        if waiting.isEmpty { runtime.stop() }
    }

    func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) {
        switch event {
        case .pollSucceeded(let reading, _): waiting.remove(reading.feed)
        case .pollFailed(let feed, _, _, _): waiting.remove(feed)
        default: return
        }
        if waiting.isEmpty { runtime.stop() }
    }
}
