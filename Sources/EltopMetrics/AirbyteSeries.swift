import EltopCore
import Foundation

/// `eltop_airbyte_*{connection_id, connection}`: each configured connection, its running job and how
/// its recent jobs ended. Connections are the ones the config names, so each has its own series; the
/// job id is a value, never a label (a label per job would be a new series every sync).
enum AirbyteSeries {
    static func write(_ state: DashboardState, into out: SeriesWriter) {
        for connection in state.airbyte.reading?.connections ?? [] {
            let labels: KeyValuePairs = ["connection_id": connection.id, "connection": connection.name]
            let running = connection.runningJob
            out.gauge("eltop_airbyte_job_running", "1 while a job of the connection is pending, running or between attempts.", labels, running != nil)
            if let running {
                out.gauge("eltop_airbyte_running_job_id", "The running job's id.", labels, running.id)
                out.gauge("eltop_airbyte_running_job_attempt", "The running job's attempt, 1-based.", labels, running.attempt)
                out.timestamp("eltop_airbyte_running_job_start_timestamp_seconds", "When the running job started.", labels, running.startedAt)
                out.gauge(
                    "eltop_airbyte_running_job_committed_records", "Records the running job committed so far.", labels,
                    running.progress?.recordsCommitted ?? running.rowsSynced)
                out.gauge(
                    "eltop_airbyte_running_job_committed_bytes", "Bytes the running job committed so far.", labels,
                    running.progress?.bytesCommitted ?? running.bytesSynced)
                out.gauge("eltop_airbyte_running_job_emitted_records", "Records the source emitted so far (config API only).", labels, running.progress?.recordsEmitted)
            }
            let finished = connection.jobs.filter { !$0.status.isActive }
            out.timestamp(
                "eltop_airbyte_last_success_timestamp_seconds", "When the newest successful sync ended.", labels,
                connection.lastSuccessfulSyncAt ?? finished.first { $0.status == .succeeded }.flatMap(endTime))
            out.timestamp(
                "eltop_airbyte_last_failure_timestamp_seconds", "When the newest failed job ended.", labels,
                finished.first { $0.status == .failed }.flatMap(endTime))
            out.gauge(
                "eltop_airbyte_consecutive_failed_jobs", "Finished jobs that failed in a row, newest first (cancelled ones break the run).", labels,
                finished.prefix { $0.status == .failed }.count)
            if let newest = finished.first {
                out.gauge("eltop_airbyte_last_job_succeeded", "1 when the newest finished job succeeded.", labels, newest.status == .succeeded)
                out.timestamp("eltop_airbyte_last_job_end_timestamp_seconds", "When the newest finished job ended.", labels, endTime(newest))
                out.gauge("eltop_airbyte_last_job_committed_records", "Records the newest finished job committed.", labels, newest.rowsSynced)
            }
        }
    }

    /// A finished job ends at its start plus its duration; without both the time is unknown.
    static func endTime(_ job: AirbyteJob) -> Date? {
        guard let start = job.startedAt else { return nil }
        return start.addingTimeInterval(job.durationSeconds ?? 0)
    }
}
