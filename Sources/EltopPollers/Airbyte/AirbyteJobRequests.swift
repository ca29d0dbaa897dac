import EltopCore
import Foundation

/// Starts and cancels Airbyte syncs for the confirmed `s` and `c` keys, through the public API
/// (`POST /jobs`, `DELETE /jobs/{id}`), which works on self-hosted servers and on Cloud alike.
///
/// Each request goes out once: a timeout is reported as "outcome unknown" and never retried, because the
/// server may have started the sync after all. The runtime keys each request (one per connection, one per
/// job), and the reducer refuses a second one while the first is unanswered.
public final class AirbyteJobRequests: Sendable {
    private let api: AirbyteAPI
    private let clock: @Sendable () -> Date

    public init(api: AirbyteAPI, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.api = api
        self.clock = clock
    }

    public func startSync(_ connectionID: String) async -> AirbyteEvent {
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

    public func cancel(_ jobID: Int64) async -> AirbyteEvent {
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
}
