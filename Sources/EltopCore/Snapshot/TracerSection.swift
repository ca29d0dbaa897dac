import Foundation

/// `tracer` in `snapshot --json`: `configured`, `verdict`, `source_to_staging_seconds`, `trips[]` with
/// their four hops (names fixed: docs/snapshot.md). Trips live in one eltop session, so a one-shot
/// `snapshot` lists none; the metrics server's `/snapshot.json` lists the dashboard's.
struct TracerSection: Encodable {
    let state: DashboardState

    enum Keys: String, CodingKey { case configured, verdict, source_to_staging_seconds, trips }
    enum TripKeys: String, CodingKey {
        case id, operation, probe_id, note, status, waiting, failure, total_seconds, slot_acknowledged_at, hops
    }
    enum HopsKeys: String, CodingKey { case committed, sync, raw, staging }
    enum CommittedKeys: String, CodingKey { case at, lsn }
    enum SyncKeys: String, CodingKey { case at, latency_seconds, job_id, evidence }
    enum RawKeys: String, CodingKey { case at, latency_seconds, lsn, note, delete, deleted_at }
    enum StagingKeys: String, CodingKey { case at, latency_seconds, note, gone }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(state.tracer.configured, forKey: .configured)
        try c.encode(state.freshnessVerdict, forKey: .verdict)
        try c.encode(state.tracer.lastCompleted?.total, forKey: .source_to_staging_seconds)
        var list = c.nestedUnkeyedContainer(forKey: .trips)
        for trip in state.tracer.newestFirst {
            var t = list.nestedContainer(keyedBy: TripKeys.self)
            try t.encode(trip.id, forKey: .id)
            try t.encode(trip.operation.rawValue, forKey: .operation)
            try t.encode(trip.probeID, forKey: .probe_id)
            try t.encode(trip.note, forKey: .note)
            try t.encode(trip.isComplete ? "complete" : trip.failure == nil ? "in_flight" : "failed", forKey: .status)
            try t.encode(trip.isInFlight ? state.tracerWaiting(trip) : nil, forKey: .waiting)
            try t.encode(trip.failure, forKey: .failure)
            try t.encode(trip.total, forKey: .total_seconds)
            try t.encode(SnapshotTime.string(trip.slotAcknowledgedAt), forKey: .slot_acknowledged_at)
            try encodeHops(of: trip, into: t.nestedContainer(keyedBy: HopsKeys.self, forKey: .hops))
        }
    }

    /// Every hop key is present; a hop not reached yet is `null`.
    private func encodeHops(of trip: ProbeTrip, into container: KeyedEncodingContainer<HopsKeys>) throws {
        var h = container
        var committed = h.nestedContainer(keyedBy: CommittedKeys.self, forKey: .committed)
        try committed.encode(SnapshotTime.string(trip.committed.at), forKey: .at)
        try committed.encode(trip.committed.lsn, forKey: .lsn)
        if let sync = trip.sync {
            var s = h.nestedContainer(keyedBy: SyncKeys.self, forKey: .sync)
            try s.encode(SnapshotTime.string(sync.at), forKey: .at)
            try s.encode(trip.latency(of: .sync), forKey: .latency_seconds)
            try s.encode(sync.jobID, forKey: .job_id)
            try s.encode(sync.evidence, forKey: .evidence)
        } else {
            try h.encodeNil(forKey: .sync)
        }
        if let raw = trip.raw {
            var r = h.nestedContainer(keyedBy: RawKeys.self, forKey: .raw)
            try r.encode(SnapshotTime.string(raw.at), forKey: .at)
            try r.encode(trip.latency(of: .raw), forKey: .latency_seconds)
            try r.encode(raw.lsn, forKey: .lsn)
            try r.encode(raw.note, forKey: .note)
            try r.encode(raw.delete?.rawValue, forKey: .delete)
            try r.encode(SnapshotTime.string(raw.deletedAt), forKey: .deleted_at)
        } else {
            try h.encodeNil(forKey: .raw)
        }
        if let staging = trip.staging {
            var s = h.nestedContainer(keyedBy: StagingKeys.self, forKey: .staging)
            try s.encode(SnapshotTime.string(staging.at), forKey: .at)
            try s.encode(trip.latency(of: .staging), forKey: .latency_seconds)
            try s.encode(staging.note, forKey: .note)
            try s.encode(staging.gone, forKey: .gone)
        } else {
            try h.encodeNil(forKey: .staging)
        }
    }
}
