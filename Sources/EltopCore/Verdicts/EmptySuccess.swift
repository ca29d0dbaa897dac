import Foundation

/// A sync that succeeded but proves nothing: it committed no records although the published tables
/// were written since the previous sync, or the raw tables did not change although the source did.
///
/// The window is from the previous sync's end (its start when eltop did not see it end) to this
/// sync's start, both as eltop observed them: writes the previous sync may have carried, or that
/// came after this one began reading, are not held against it.
public struct EmptySuccess: Codable, Equatable, Sendable {
    public enum Reason: String, Codable, Sendable {
        /// The job committed 0 records.
        case noRecords = "no_records"
        /// The job reported records, but no raw table changed since before it started.
        case rawUnchanged = "raw_unchanged"
    }

    public var jobID: Int64
    public var reason: Reason
    /// Inserts + updates + deletes on the published tables in the window.
    public var sourceWrites: Int64

    public init(jobID: Int64, reason: Reason, sourceWrites: Int64) {
        self.jobID = jobID
        self.reason = reason
        self.sourceWrites = sourceWrites
    }

    public var text: String {
        switch reason {
        case .noRecords:
            return "job \(jobID) succeeded with 0 records although the published tables had \(sourceWrites) writes since the previous sync"
        case .rawUnchanged:
            return "job \(jobID) succeeded but no raw table changed although the published tables had \(sourceWrites) writes"
        }
    }
}

extension DashboardState {
    /// The newest finished job of `connection`, when it is a success that proves nothing.
    public func emptySuccess(of connection: AirbyteConnection) -> EmptySuccess? {
        var finished = connection.finishedJobs.makeIterator()
        guard let job = finished.next(), job.status == .succeeded, let previousJob = finished.next(),
            let start = verdictMemory.jobWrites[job.id]?.atStart,
            let previous = verdictMemory.jobWrites[previousJob.id], let before = previous.atEnd ?? previous.atStart
        else { return nil }
        let writes = start.value - before.value
        guard writes > 0 else { return nil }
        if (job.rowsSynced ?? job.progress?.recordsCommitted) == 0 {
            return EmptySuccess(jobID: job.id, reason: .noRecords, sourceWrites: writes)
        }
        if let started = job.startedAt, let raw = newestRawChange(readAfter: started.addingTimeInterval(job.durationSeconds ?? 0)), raw < started {
            return EmptySuccess(jobID: job.id, reason: .rawUnchanged, sourceWrites: writes)
        }
        return nil
    }

    /// When any raw table last changed, as the warehouse says; nil unless its freshness figures were
    /// read after `end` (an older reading cannot know what the job wrote).
    private func newestRawChange(readAfter end: Date) -> Date? {
        guard let reading = warehouse.reading, (reading.freshnessCheckedAt ?? .distantPast) > end else { return nil }
        let raw = reading.tables.filter { $0.schema.lowercased() == reading.layout.rawSchema.lowercased() }
        return raw.compactMap { $0.extractedAt ?? $0.lastAltered }.max()
    }
}
