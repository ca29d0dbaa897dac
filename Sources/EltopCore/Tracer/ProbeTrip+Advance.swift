import Foundation

extension ProbeTrip {
    /// Fills in the hops this observation proves, in order: raw (and with it the sync that wrote it),
    /// then staging once raw is proven. A hop is never filled from Airbyte's counters, only from rows.
    mutating func advance(with observation: TraceObservation, jobs: [AirbyteJob]) {
        if raw == nil, let rows = observation.raw, let query = observation.rawQuery {
            let row = rows.first { $0.probeID == probeID }
            if let hop = rawHop(row, at: observation.at, query: query) {
                raw = hop
                sync = syncHop(row: row, raw: hop, jobs: jobs)
            }
        }
        if raw != nil, staging == nil, let rows = observation.staging, let query = observation.stagingQuery {
            let row = rows.first { $0.probeID == probeID }
            switch operation {
            case .insert, .update:
                if let row, row.note == note { staging = StagingHop(at: observation.at, note: row.note, gone: false, query: query) }
            case .delete:
                if row == nil { staging = StagingHop(at: observation.at, note: nil, gone: true, query: query) }
            }
        }
    }

    private func rawHop(_ row: RawProbeRow?, at: Date, query: String) -> RawHop? {
        switch operation {
        case .insert, .update:
            guard let row, row.deletedAt == nil, row.note == note else { return nil }
            return RawHop(at: row.extractedAt ?? at, lsn: row.lsn, note: row.note, delete: nil, deletedAt: nil, query: query)
        case .delete:
            guard let row else { return RawHop(at: at, lsn: nil, note: nil, delete: .gone, deletedAt: nil, query: query) }
            guard let deletedAt = row.deletedAt else { return nil }
            return RawHop(at: row.extractedAt ?? at, lsn: row.lsn, note: row.note, delete: .tombstone, deletedAt: deletedAt, query: query)
        }
    }

    /// The job that carried the change: the raw row's `sync_id` when it has one, else the first job that
    /// was running after the commit and started before raw showed the change (the one running when it appeared). Its time is the job's start, or
    /// the commit when the job was already running, never after raw. Raw proves a sync read it even when
    /// no job can be named, so the hop is then filled without one.
    private func syncHop(row: RawProbeRow?, raw: RawHop, jobs: [AirbyteJob]) -> SyncHop {
        if let syncID = row?.syncID {
            let started = jobs.first { $0.id == syncID }?.startedAt ?? raw.at
            return SyncHop(at: clamped(started, raw), jobID: syncID, evidence: "_airbyte_meta.sync_id = \(syncID) in raw")
        }
        // Newest first: the latest job that started before raw showed the change and had not ended before the commit.
        // Airbyte writes start and duration in whole seconds, each cut down, so a short job that read the change
        // can seem to end just before a commit made in its first second: its end is compared with that slack.
        let job = jobs.first { job in
            guard let started = job.startedAt, started <= raw.at else { return false }
            let ended = job.durationSeconds.map { started.addingTimeInterval($0 + Self.airbyteTimeSlack) }
            return (ended ?? .distantFuture) >= committed.at
        }
        guard let job, let started = job.startedAt else {
            return SyncHop(at: raw.at, jobID: nil, evidence: "raw has no sync_id and eltop saw no job end after the commit")
        }
        return SyncHop(at: clamped(started, raw), jobID: job.id, evidence: "the job running when the change appeared in raw")
    }

    /// How far Airbyte's whole-second start and duration can put a job's end before its real end.
    static let airbyteTimeSlack: TimeInterval = 2

    /// Between the commit and raw: a job that started before the commit read the change after it.
    private func clamped(_ date: Date, _ raw: RawHop) -> Date { min(max(date, committed.at), raw.at) }
}
