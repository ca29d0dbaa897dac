import EltopCore
import Foundation

/// Starts and cancels Airbyte syncs for the confirmed `s` and `c` keys, through the public API
/// (`POST /jobs`, `DELETE /jobs/{id}`), which works on self-hosted servers and on Cloud alike.
///
/// Each request goes out once. A second request for the same connection (or job) while the first is
/// unanswered is refused here too, whatever the state said; a timeout is reported as "outcome unknown"
/// and never retried, because the server may have started the sync after all.
public final class AirbyteSyncPerformer: EffectPerformer, @unchecked Sendable {
    private let api: AirbyteAPI
    private let clock: @Sendable () -> Date
    private let lock = NSLock()
    private var inFlight: Set<AirbyteRequestInFlight> = []
    private var tasks: [Task<Void, Never>] = []

    public init(api: AirbyteAPI, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.api = api
        self.clock = clock
    }

    public func perform(_ effect: Effect, send: @escaping @Sendable (Event) -> Void) async -> Bool {
        switch effect {
        case .startAirbyteSync(let connectionID, _):
            guard claim(.sync(connectionID: connectionID)) else { return true }
            track(Task { send(.airbyte(await self.startSync(connectionID))); self.release(.sync(connectionID: connectionID)) })
        case .cancelAirbyteJob(let jobID, _):
            guard claim(.cancel(jobID: jobID)) else { return true }
            track(Task { send(.airbyte(await self.cancel(jobID))); self.release(.cancel(jobID: jobID)) })
        default:
            return false
        }
        return true
    }

    public func stop() async {
        let running = lock.withLock { tasks }
        for task in running { await task.value }
    }

    func startSync(_ connectionID: String) async -> AirbyteEvent {
        do {
            let job = try await api.call(
                "POST", api.endpoints.createJobURL, body: JobCreateRequest(connectionId: connectionID, jobType: "sync"), as: PublicJob.self)
            return .syncStarted(connectionID: connectionID, jobID: job.jobId, status: JobStatus(rawValue: job.status), at: clock())
        } catch let error as AirbyteAPIError where error.isConflict {
            return .syncAlreadyRunning(connectionID: connectionID, jobID: await runningJobID(connectionID), at: clock())
        } catch AirbyteAPIError.timedOut {
            return .syncFailed(
                connectionID: connectionID, message: "no answer in time; the sync may have started, watch the pane before retrying",
                at: clock())
        } catch {
            return .syncFailed(connectionID: connectionID, message: ErrorText.describe(error), at: clock())
        }
    }

    func cancel(_ jobID: Int64) async -> AirbyteEvent {
        do {
            try await api.send("DELETE", api.endpoints.jobURL(jobID))
            return .jobCancelled(jobID: jobID, at: clock())
        } catch {
            return .cancelFailed(jobID: jobID, message: ErrorText.describe(error), at: clock())
        }
    }

    /// After a 409: the job that is running, so the pane can select it. Nil if the lookup fails too.
    private func runningJobID(_ connectionID: String) async -> Int64? {
        for status in [JobStatusFilter.running, .pending] {
            let url = api.endpoints.jobsURL(connectionID: connectionID, limit: 1, status: status)
            if let job = try? await api.call("GET", url, as: PublicJobs.self).data.first { return job.jobId }
        }
        return nil
    }

    private func claim(_ request: AirbyteRequestInFlight) -> Bool {
        lock.withLock { inFlight.insert(request).inserted }
    }

    private func release(_ request: AirbyteRequestInFlight) {
        lock.withLock { _ = inFlight.remove(request) }
    }

    private func track(_ task: Task<Void, Never>) {
        lock.withLock { tasks.append(task) }
    }
}
