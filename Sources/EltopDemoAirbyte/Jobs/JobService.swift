import EltopReplication
import Foundation
import Synchronization

/// Starts, runs, retries and cancels jobs: the store says what state a job is in, the engine moves the
/// data, and this actor owns the one task per running job that ties them together.
public actor JobService {
    let store: JobStore
    private let engine: any SyncEngine
    private let replication: SyncConnection
    private let policy: DemoJobPolicy
    private var jobTasks: [Int64: Task<Void, Never>] = [:]

    /// `replication` says where the connection reads and writes; its id is replaced by each job's.
    init(store: JobStore, engine: any SyncEngine, replication: SyncConnection, policy: DemoJobPolicy) {
        self.store = store
        self.engine = engine
        self.replication = replication
        self.policy = policy
    }

    /// Creates the job with its first attempt running (the API answers `running`, as Airbyte does once
    /// the job is handed to a worker) and starts running it. Throws `DemoJobConflict` when one is active.
    func start(connectionID: String, kind: DemoJobKind, scheduled: Bool = false) async throws -> DemoJobRecord {
        let generation = await store.generation(of: connectionID)
        let job = try await store.createRunning(connectionID: connectionID, kind: kind, scheduled: scheduled)
        var replication = self.replication
        replication.connectionId = connectionID
        replication.generationId = generation
        let store = self.store, engine = self.engine, policy = self.policy
        jobTasks[job.id] = Task { [replication] in
            await JobAttempts(store: store, engine: engine, replication: replication, policy: policy, job: job).run()
            self.finished(job.id)
        }
        return job
    }

    /// Cancels a job: recorded first, then its attempt's task is cancelled, so an attempt that ends in the
    /// meantime cannot turn a cancelled job into a succeeded one. Nil for an unknown id.
    func cancel(_ id: Int64) async throws -> DemoJobRecord? {
        let job = try await store.cancel(id)
        jobTasks[id]?.cancel()
        return job
    }

    /// Cancels every running job and waits for the attempts to stop (the server is shutting down).
    func stopAll() async {
        let tasks = Array(jobTasks.values)
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// Waits until a job's task has finished (tests and shutdown).
    func waitUntilFinished(_ id: Int64) async {
        await jobTasks[id]?.value
    }

    private func finished(_ id: Int64) { jobTasks[id] = nil }
}

/// The attempts of one job, run one after another until one succeeds, the job is cancelled, or the
/// attempts are used up.
private struct JobAttempts: Sendable {
    let store: JobStore
    let engine: any SyncEngine
    let replication: SyncConnection
    let policy: DemoJobPolicy
    let job: DemoJobRecord

    func run() async {
        var attempt: Int? = 0
        while let number = attempt, !Task.isCancelled {
            let outcome = await runAttempt(number)
            guard case .failed(let failure, let streams) = outcome else { return }
            let willRetry = failure.retryable && number + 1 < policy.maxAttempts
            await store.failAttempt(job.id, attempt: number, streams: streams, failure: failure, willRetry: willRetry)
            // A cancel during the pause has already ended the job; the next attempt then never starts.
            guard willRetry, (try? await Task.sleep(for: policy.retryDelay)) != nil else { return }
            attempt = await store.startNextAttempt(job.id)
        }
    }

    private enum Outcome {
        case done
        case failed(AttemptFailure, [DemoStreamCounts])
    }

    /// One attempt, with a flusher writing its latest counts to the store while it runs.
    private func runAttempt(_ number: Int) async -> Outcome {
        let latest = LatestCounts()
        let flusher = Task { [store, job, policy] in
            while (try? await Task.sleep(for: policy.statsFlushInterval)) != nil {
                await store.flush(job.id, attempt: number, streams: latest.streams)
            }
        }
        defer { flusher.cancel() }
        do {
            if policy.failFirstAttempt && number == 0 { throw DemoJobPolicy.forcedFailure }
            let final: [DemoStreamCounts]
            switch job.kind {
            case .sync:
                // Airbyte's sync id, written to `_airbyte_meta.sync_id`, is the job id.
                let outcome = try await engine.runSync(connection: replication, syncId: job.id) { progress in
                    latest.streams = progress.streams.map(DemoStreamCounts.init)
                }
                final = outcome.progress.streams.map(DemoStreamCounts.init)
            case .reset, .clear:
                try await engine.reset(connection: replication)
                final = []
            }
            if Task.isCancelled { return .done }
            await store.succeed(job.id, attempt: number, streams: final)
            return .done
        } catch is CancellationError {
            await store.flush(job.id, attempt: number, streams: latest.streams)
            return .done
        } catch let failure as SyncFailure {
            return Task.isCancelled ? .done : .failed(AttemptFailure(failure), latest.streams)
        } catch let failure as AttemptFailure {
            return Task.isCancelled ? .done : .failed(failure, latest.streams)
        } catch {
            if Task.isCancelled { return .done }
            let failure = AttemptFailure(
                failureOrigin: "airbyte_platform", failureType: "system_error",
                externalMessage: "Something went wrong in the replication: \(error)", retryable: true)
            return .failed(failure, latest.streams)
        }
    }
}

/// The engine's latest counts, written from its progress callback and read by the flusher.
private final class LatestCounts: Sendable {
    private let value = Mutex<[DemoStreamCounts]>([])
    var streams: [DemoStreamCounts] {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
