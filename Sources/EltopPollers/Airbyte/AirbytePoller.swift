import EltopCore
import Foundation

/// Reads the watched connections from Airbyte: names and schedules and the last jobs from the public
/// API; sync status, live progress, attempts and failure summaries from the config API when the server
/// has one (self-hosted), the public API's committed counts when it has not (Cloud).
public actor AirbytePoller: Poller {
    public nonisolated let feed = Feed.airbyte
    /// How many jobs each connection's history shows.
    public static let historyCount = 10
    /// Failed jobs whose failure summaries are fetched per poll at most, so a long failing streak costs
    /// a bounded number of requests; finished jobs are cached, so each is asked about once.
    static let failureLookupsPerPoll = 3

    private let api: AirbyteAPI
    private let connectionIDs: [String]
    private var finishedFailures: [Int64: [AirbyteFailure]] = [:]

    public init(api: AirbyteAPI, connectionIDs: [String]) {
        self.api = api
        self.connectionIDs = connectionIDs
    }

    public func poll() async throws -> Reading {
        let connections = try await watchedConnections()
        let statuses = try await syncStatuses(connections.map(\.connectionId))
        var result: [AirbyteConnection] = []
        for connection in connections {
            let jobs = try await api.call(
                "GET", api.endpoints.jobsURL(connectionID: connection.connectionId, limit: Self.historyCount), as: PublicJobs.self
            ).data
            result.append(try await build(connection, jobs: jobs, status: statuses?[connection.connectionId], hasConfigAPI: statuses != nil))
        }
        return .airbyte(AirbyteReading(connections: result, hasConfigAPI: statuses != nil))
    }

    /// The configured connections, or every connection the credentials can see when none is configured.
    private func watchedConnections() async throws -> [PublicConnection] {
        if connectionIDs.isEmpty {
            return try await api.call("GET", api.endpoints.connectionsURL(limit: 100), as: PublicConnections.self).data
        }
        var found: [PublicConnection] = []
        for id in connectionIDs {
            found.append(try await api.call("GET", api.endpoints.connectionURL(id), as: PublicConnection.self))
        }
        return found
    }

    /// `connections/status` by connection id; nil when the server has no config API (Cloud, or a 404).
    private func syncStatuses(_ ids: [String]) async throws -> [String: ConnectionStatusRead]? {
        guard let url = api.endpoints.config("connections/status"), !ids.isEmpty else { return nil }
        do {
            let list = try await api.call("POST", url, body: ConnectionStatusesRequest(connectionIds: ids), as: [ConnectionStatusRead].self)
            return Dictionary(list.map { ($0.connectionId, $0) }, uniquingKeysWith: { first, _ in first })
        } catch AirbyteAPIError.status(404, _, _) {
            return nil
        }
    }

    private func build(
        _ connection: PublicConnection, jobs wire: [PublicJob], status: ConnectionStatusRead?, hasConfigAPI: Bool
    ) async throws -> AirbyteConnection {
        var jobs = wire.map(Self.job)
        if let active = status?.activeJob, !jobs.contains(where: { $0.id == active.id }) {
            jobs.insert(Self.job(active), at: 0)
        }
        var lookups = 0
        for index in jobs.indices {
            let job = jobs[index]
            if job.status.isActive && job.id == jobs.first(where: { $0.status.isActive })?.id {
                jobs[index] = try await live(job, connectionID: connection.connectionId, status: status, hasConfigAPI: hasConfigAPI)
            } else if hasConfigAPI, job.status == .failed || job.status == .incomplete {
                if let cached = finishedFailures[job.id] {
                    jobs[index].failures = cached
                } else if lookups < Self.failureLookupsPerPoll {
                    lookups += 1
                    let info = try await jobInfo(job.id)
                    jobs[index].failures = info.failures
                    jobs[index].attempt = info.attempts
                    if job.status == .failed { finishedFailures[job.id] = info.failures }
                }
            }
        }
        let lastSuccess = AirbyteTime.epoch(status?.lastSuccessfulSync) ?? jobs.first { $0.status == .succeeded }.flatMap { job in
            job.startedAt.map { $0.addingTimeInterval(job.durationSeconds ?? 0) }
        }
        var built = AirbyteConnection(
            id: connection.connectionId, name: connection.name, syncStatus: status?.connectionSyncStatus, jobs: jobs,
            schedule: Self.scheduleText(connection.schedule), lastSuccessfulSyncAt: lastSuccess)
        built.status = connection.status
        return built
    }

    /// The running job with its live counts: `sync_progress` and `jobs/get` with the config API, the
    /// public API's committed counts without it.
    private func live(_ job: AirbyteJob, connectionID: String, status: ConnectionStatusRead?, hasConfigAPI: Bool) async throws -> AirbyteJob {
        var job = job
        guard hasConfigAPI, let progressURL = api.endpoints.config("connections/sync_progress") else {
            job.progress = AirbyteProgress(recordsEmitted: nil, recordsCommitted: job.rowsSynced, bytesEmitted: nil, bytesCommitted: job.bytesSynced)
            return job
        }
        let progress = try await api.call("POST", progressURL, body: ConnectionIDRequest(connectionId: connectionID), as: SyncProgressRead.self)
        if progress.jobId == nil || progress.jobId == job.id {
            job.progress = AirbyteProgress(
                recordsEmitted: progress.recordsEmitted, recordsCommitted: progress.recordsCommitted,
                bytesEmitted: progress.bytesEmitted, bytesCommitted: progress.bytesCommitted,
                streams: progress.streams.map {
                    AirbyteStreamProgress(
                        name: $0.streamName, namespace: $0.streamNamespace, recordsEmitted: $0.recordsEmitted,
                        recordsCommitted: $0.recordsCommitted, bytesEmitted: $0.bytesEmitted, bytesCommitted: $0.bytesCommitted)
                })
        }
        let info = try await jobInfo(job.id)
        job.failures = info.failures
        job.attempt = info.attempts ?? (status?.lastSyncJobId == job.id ? status?.lastSyncAttemptNumber.map { $0 + 1 } : nil)
        if job.startedAt == nil { job.startedAt = AirbyteTime.epoch(progress.syncStartedAt) }
        return job
    }

    private func jobInfo(_ id: Int64) async throws -> (attempts: Int?, failures: [AirbyteFailure]) {
        guard let url = api.endpoints.config("jobs/get") else { return (nil, []) }
        let info = try await api.call("POST", url, body: JobIDRequest(id: id), as: JobInfoRead.self)
        let failures = info.attempts.enumerated().flatMap { number, item in
            (item.attempt.failureSummary?.failures ?? []).prefix(1).map { failure in
                AirbyteFailure(
                    attempt: number + 1, origin: failure.failureOrigin,
                    message: failure.externalMessage ?? failure.internalMessage ?? "no message", failureType: failure.failureType)
            }
        }
        return (info.attempts.isEmpty ? nil : info.attempts.count, failures)
    }

    static func job(_ wire: PublicJob) -> AirbyteJob {
        let started = AirbyteTime.date(wire.startTime)
        let duration = AirbyteTime.seconds(wire.duration) ?? AirbyteTime.date(wire.lastUpdatedAt).flatMap { end in
            started.map { end.timeIntervalSince($0) }
        }
        return AirbyteJob(
            id: wire.jobId, status: JobStatus(rawValue: wire.status), jobType: wire.jobType, startedAt: started,
            durationSeconds: duration, rowsSynced: wire.rowsSynced, bytesSynced: wire.bytesSynced)
    }

    static func job(_ wire: ConfigJob) -> AirbyteJob {
        AirbyteJob(
            id: wire.id, status: JobStatus(rawValue: wire.status), jobType: wire.configType,
            startedAt: AirbyteTime.epoch(wire.startedAt ?? wire.createdAt), durationSeconds: nil, rowsSynced: nil, bytesSynced: nil)
    }

    static func scheduleText(_ schedule: PublicConnection.Schedule?) -> String? {
        guard let schedule else { return nil }
        switch schedule.scheduleType {
        case "cron": return "cron " + (schedule.cronExpression ?? "?")
        case "basic": return schedule.basicTiming ?? "basic"
        default: return schedule.scheduleType
        }
    }
}
