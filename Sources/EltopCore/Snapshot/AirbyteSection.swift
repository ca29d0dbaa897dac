import Foundation

/// `airbyte` in `snapshot --json`.
struct AirbyteSection: Encodable {
    let state: DashboardState

    enum Keys: String, CodingKey { case connections }
    enum ConnectionKeys: String, CodingKey { case id, name, sync_status, running_job, jobs }
    enum RunningKeys: String, CodingKey {
        case id, status, attempt, started_at, records_emitted, records_committed, bytes_emitted, bytes_committed, streams
    }
    enum StreamKeys: String, CodingKey { case name, namespace, records_emitted, records_committed, bytes_emitted, bytes_committed }
    enum JobKeys: String, CodingKey { case id, status, job_type, started_at, duration_seconds, rows_synced, bytes_synced }

    func encode(to encoder: Encoder) throws {
        try SectionHeader(.airbyte, in: state).encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        var list = c.nestedUnkeyedContainer(forKey: .connections)
        for connection in state.airbyte.reading?.connections ?? [] {
            var item = list.nestedContainer(keyedBy: ConnectionKeys.self)
            try item.encode(connection.id, forKey: .id)
            try item.encode(connection.name, forKey: .name)
            try item.encode(connection.syncStatus, forKey: .sync_status)
            if let running = connection.runningJob {
                var job = item.nestedContainer(keyedBy: RunningKeys.self, forKey: .running_job)
                try Self.encodeRunning(running, into: &job)
            } else {
                try item.encodeNil(forKey: .running_job)
            }
            var jobs = item.nestedUnkeyedContainer(forKey: .jobs)
            for job in connection.jobs {
                var j = jobs.nestedContainer(keyedBy: JobKeys.self)
                try Self.encode(job, into: &j)
            }
        }
    }

    /// Emitted counts are null without the config API; committed ones then come from `rowsSynced`/`bytesSynced`.
    static func encodeRunning(_ job: AirbyteJob, into c: inout KeyedEncodingContainer<RunningKeys>) throws {
        try c.encode(job.id, forKey: .id)
        try c.encode(job.status.rawValue, forKey: .status)
        try c.encode(job.attempt, forKey: .attempt)
        try c.encode(SnapshotTime.string(job.startedAt), forKey: .started_at)
        try c.encode(job.progress?.recordsEmitted, forKey: .records_emitted)
        try c.encode(job.progress?.recordsCommitted ?? job.rowsSynced, forKey: .records_committed)
        try c.encode(job.progress?.bytesEmitted, forKey: .bytes_emitted)
        try c.encode(job.progress?.bytesCommitted ?? job.bytesSynced, forKey: .bytes_committed)
        var streams = c.nestedUnkeyedContainer(forKey: .streams)
        for stream in job.progress?.streams ?? [] {
            var s = streams.nestedContainer(keyedBy: StreamKeys.self)
            try s.encode(stream.name, forKey: .name)
            try s.encode(stream.namespace, forKey: .namespace)
            try s.encode(stream.recordsEmitted, forKey: .records_emitted)
            try s.encode(stream.recordsCommitted, forKey: .records_committed)
            try s.encode(stream.bytesEmitted, forKey: .bytes_emitted)
            try s.encode(stream.bytesCommitted, forKey: .bytes_committed)
        }
    }

    static func encode(_ job: AirbyteJob, into c: inout KeyedEncodingContainer<JobKeys>) throws {
        try c.encode(job.id, forKey: .id)
        try c.encode(job.status.rawValue, forKey: .status)
        try c.encode(job.jobType, forKey: .job_type)
        try c.encode(SnapshotTime.string(job.startedAt), forKey: .started_at)
        try c.encode(job.durationSeconds, forKey: .duration_seconds)
        try c.encode(job.rowsSynced, forKey: .rows_synced)
        try c.encode(job.bytesSynced, forKey: .bytes_synced)
    }
}
