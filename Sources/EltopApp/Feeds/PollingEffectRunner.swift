import EltopCore
import EltopPollers
import Foundation

/// The runtime's effect runner: one `PollRunner` per configured feed, and the areas' effect performers.
public final class PollingEffectRunner: EffectRunner, @unchecked Sendable {
    private let catalog: FeedCatalog
    private let lock = NSLock()
    private var runners: [Feed: PollRunner] = [:]
    private var tasks: [Task<Void, Never>] = []
    private var send: (@Sendable (Event) -> Void)?

    public init(catalog: FeedCatalog) {
        self.catalog = catalog
    }

    public func start(send: @escaping @Sendable (Event) -> Void) async {
        var started: [Feed: PollRunner] = [:]
        var newTasks: [Task<Void, Never>] = []
        for poller in catalog.pollers {
            let schedule = catalog.schedules[poller.feed] ?? PollSchedule(intervalSeconds: 10)
            let runner = PollRunner(poller: poller, schedule: schedule, sink: { send($0) })
            started[poller.feed] = runner
            newTasks.append(Task { await runner.run() })
        }
        lock.withLock {
            self.send = send
            runners = started
            tasks = newTasks
        }
    }

    public func run(_ effect: Effect) async {
        switch effect {
        case .refresh(let feeds):
            let chosen = lock.withLock { feeds.compactMap { runners[$0] } }
            for runner in chosen { await runner.pollNow() }
        case .quit:
            break
        default:
            guard let send = lock.withLock({ self.send }) else { return }
            for performer in catalog.performers where await performer.perform(effect, send: send) { return }
        }
    }

    public func stop() async {
        let running = lock.withLock { tasks }
        running.forEach { $0.cancel() }
        for performer in catalog.performers { await performer.stop() }
        for task in running { await task.value }
    }
}
