import Foundation

/// Jobs and the connection as each API writes them. Pure: the time arrives as an argument.
enum WireMapping {
    static func publicJob(_ job: DemoJobRecord, now: Int64) -> JobResponse {
        let totals = job.totals
        let end = job.isActive ? now : job.updatedAt
        return JobResponse(
            jobId: job.id, status: job.status.rawValue, jobType: job.kind.rawValue, startTime: WireTime.java(job.createdAt),
            connectionId: job.connectionID, lastUpdatedAt: job.isActive ? nil : WireTime.java(job.updatedAt),
            duration: job.status == .pending ? nil : WireTime.duration(seconds: end - job.createdAt),
            bytesSynced: totals.bytesCommitted, rowsSynced: totals.recordsCommitted)
    }

    static func publicConnection(_ c: DemoConnection) -> ConnectionResponse {
        ConnectionResponse(
            connectionId: c.id, name: c.name, sourceId: c.sourceID, destinationId: c.destinationID, workspaceId: c.workspaceID,
            status: "active",
            schedule: ConnectionScheduleResponse(scheduleType: c.schedule == nil ? "manual" : "basic", basicTiming: c.schedule?.basicTiming),
            namespaceDefinition: "destination", nonBreakingSchemaUpdatesBehavior: "ignore", configurations: StreamConfigurations(),
            createdAt: c.createdAt, tags: [])
    }

    static func configConnection(_ c: DemoConnection) -> ConnectionRead {
        ConnectionRead(
            connectionId: c.id, name: c.name, sourceId: c.sourceID, destinationId: c.destinationID, workspaceId: c.workspaceID,
            scheduleType: c.schedule == nil ? "manual" : "basic", scheduleData: scheduleData(c), created_at: c.createdAt)
    }

    static func scheduleData(_ c: DemoConnection) -> ConnectionScheduleData? {
        c.schedule.map { ConnectionScheduleData(basicSchedule: .init(units: Int64($0.minutes))) }
    }

    static func configJob(_ job: DemoJobRecord) -> JobRead {
        let t = job.totals
        return JobRead(
            id: job.id, configType: job.kind.configType, configId: job.connectionID, createdAt: job.createdAt, updatedAt: job.updatedAt,
            startedAt: job.startedAt, status: job.status.rawValue,
            aggregatedStats: JobAggregatedStats(
                recordsEmitted: t.recordsEmitted, bytesEmitted: t.bytesEmitted, recordsCommitted: t.recordsCommitted, bytesCommitted: t.bytesCommitted))
    }

    static func attempt(_ a: DemoAttemptRecord) -> AttemptRead {
        let total = a.streams.reduce(into: AttemptStats(recordsEmitted: 0, bytesEmitted: 0, recordsCommitted: 0, bytesCommitted: 0)) { sum, s in
            sum.recordsEmitted += s.recordsEmitted
            sum.bytesEmitted += s.bytesEmitted
            sum.recordsCommitted += s.recordsCommitted
            sum.bytesCommitted += s.bytesCommitted
        }
        let streams = a.streams.map {
            AttemptStreamStats(
                streamName: $0.name, streamNamespace: $0.namespace,
                stats: AttemptStats(recordsEmitted: $0.recordsEmitted, bytesEmitted: $0.bytesEmitted, recordsCommitted: $0.recordsCommitted, bytesCommitted: $0.bytesCommitted))
        }
        let summary = a.failures.isEmpty ? nil : AttemptFailureSummary(failures: a.failures.map(failure), partialSuccess: a.recordsCommitted > 0)
        return AttemptRead(
            id: Int64(a.number), status: a.status.rawValue, createdAt: a.createdAt, updatedAt: a.updatedAt, endedAt: a.endedAt,
            bytesSynced: a.bytesCommitted, recordsSynced: a.recordsCommitted, totalStats: total, streamStats: streams, failureSummary: summary)
    }

    static func failure(_ f: DemoFailureRecord) -> FailureReason {
        FailureReason(
            failureOrigin: f.failure.failureOrigin, failureType: f.failure.failureType, externalMessage: f.failure.externalMessage,
            internalMessage: f.failure.internalMessage, retryable: f.failure.retryable, timestamp: f.timestampMillis)
    }

    static func jobInfo(_ job: DemoJobRecord) -> JobInfoRead {
        JobInfoRead(job: configJob(job), attempts: job.attempts.map { AttemptInfoRead(attempt: attempt($0)) })
    }

    /// `ConnectionStatusRead`, its sync status the first of the spec's rules that matches.
    static func status(of c: DemoConnection, jobs: [DemoJobRecord]) -> ConnectionStatusRead {
        let mine = jobs.filter { $0.connectionID == c.id }.sorted { $0.id < $1.id }
        let active = mine.last { $0.isActive }
        let lastFinished = mine.last { !$0.isActive && $0.status != .cancelled }
        let lastFailure = lastFinished?.attempts.last?.failures.last
        let syncStatus: String
        if active != nil { syncStatus = "running" }
        else if lastFinished?.status == .failed && lastFailure?.failure.failureType == "config_error" { syncStatus = "failed" }
        else if lastFinished == nil || lastFinished?.kind != .sync { syncStatus = "pending" }
        else if lastFinished?.status == .failed { syncStatus = "incomplete" }
        else { syncStatus = "synced" }
        let last = mine.last
        return ConnectionStatusRead(
            connectionId: c.id, connectionSyncStatus: syncStatus, activeJob: active.map(configJob),
            lastSuccessfulSync: mine.last { $0.status == .succeeded && $0.kind == .sync }?.updatedAt,
            lastSyncJobId: last?.id, lastSyncAttemptNumber: last.map { Int64(max(0, $0.attempts.count - 1)) },
            lastSyncJobCreatedAt: last?.createdAt,
            failureReason: lastFinished?.status == .failed ? lastFailure.map(failure) : nil, scheduleData: scheduleData(c))
    }

    static func syncProgress(connectionID: String, active: DemoJobRecord?) -> ConnectionSyncProgressRead {
        guard let job = active else { return ConnectionSyncProgressRead(connectionId: connectionID, streams: [], configType: "sync") }
        let streams = job.aggregatedStreams.map {
            StreamSyncProgressReadItem(
                streamName: $0.name, streamNamespace: $0.namespace, recordsEmitted: $0.recordsEmitted, bytesEmitted: $0.bytesEmitted,
                recordsCommitted: $0.recordsCommitted, bytesCommitted: $0.bytesCommitted, configType: job.kind.configType)
        }
        let t = job.totals
        return ConnectionSyncProgressRead(
            connectionId: connectionID, jobId: job.id, streams: streams, recordsEmitted: t.recordsEmitted, recordsCommitted: t.recordsCommitted,
            bytesEmitted: t.bytesEmitted, bytesCommitted: t.bytesCommitted, syncStartedAt: job.startedAt, configType: job.kind.configType)
    }
}
