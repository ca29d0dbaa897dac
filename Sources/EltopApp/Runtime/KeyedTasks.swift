/// What an effect's task is keyed by: at most one task per key runs at a time.
public enum EffectKey: Hashable, Sendable {
    /// A sync request for one Airbyte connection.
    case airbyteSync(connectionID: String)
    /// A cancel request for one Airbyte job.
    case airbyteCancel(jobID: Int64)
    /// The dbt run (there is only ever one).
    case dbtRun
    /// The tracer's probe write, and its trace (one of each at a time; the reducer asks for no second).
    case probeWrite, probeTrace
}

/// The effects' running tasks, by key. A newer task under a key cancels the older one and starts once it
/// has ended (a dbt child is gone before the next starts); `cancelAll` ends everything when eltop quits.
@MainActor
final class KeyedTasks {
    private var running: [EffectKey: (id: Int, task: Task<Void, Never>)] = [:]
    private var nextID = 0

    /// Runs `operation` as the task for `key`, replacing (cancelling, then awaiting) the one before.
    func run(_ key: EffectKey, _ operation: @escaping @Sendable () async -> Void) {
        let previous = running[key]?.task
        previous?.cancel()
        nextID += 1
        let id = nextID
        running[key] = (id, Task {
            await previous?.value
            if !Task.isCancelled { await operation() }
            self.finished(key, id: id)
        })
    }

    /// Cancels every task and waits until all have ended.
    func cancelAll() async {
        let tasks = running.values.map(\.task)
        running = [:]
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    private func finished(_ key: EffectKey, id: Int) {
        if running[key]?.id == id { running[key] = nil }
    }
}
