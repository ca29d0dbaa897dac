import EltopCore
import EltopTestSupport
import Foundation

/// A dashboard with the tracer on, one Airbyte connection on a one-minute schedule and a slot, at a fixed time.
enum TracerFixtures {
    static let t0 = StateFixtures.now
    static let connectionID = "c0ffee00"

    static func state() -> DashboardState {
        var state = StateFixtures.loading()
        state.now = t0
        state.tracer.configured = true
        state.tracer.slot = "airbyte_slot"
        _ = reduce(&state, .pollSucceeded(.airbyte(airbyte([job(1, .succeeded, startedAt: t0.addingTimeInterval(-50), took: 10)])), at: t0))
        return state
    }

    static func job(_ id: Int64, _ status: JobStatus, startedAt: Date, took: Double?) -> AirbyteJob {
        AirbyteJob(id: id, status: status, jobType: "sync", startedAt: startedAt, durationSeconds: took, rowsSynced: nil, bytesSynced: nil)
    }

    static func airbyte(_ jobs: [AirbyteJob]) -> AirbyteReading {
        AirbyteReading(connections: [AirbyteConnection(id: connectionID, name: "dvdrental → warehouse", syncStatus: nil, jobs: jobs, schedule: "Every 1 minutes")])
    }

    static func source(confirmed: String) -> SourceReading {
        var reading = StateFixtures.sourceReading(slots: 1, lagBase: 0)
        reading.slots[0].name = "airbyte_slot"
        reading.slots[0].confirmedFlushLSN = confirmed
        return reading
    }

    /// Presses a key's action and answers its prompt with y; returns the effects of "y".
    static func confirm(_ action: Action, in state: inout DashboardState) -> [Effect] {
        _ = reduce(&state, .actionRequested(action))
        return reduce(&state, .actionRequested(.confirmYes))
    }

    static func written(_ operation: ProbeOperation, id: Int64, note: String?, at: Date, lsn: String) -> Event {
        .tracer(.probeWritten(ProbeWrite(operation: operation, probeID: id, note: note, committedAt: at, lsn: lsn, query: "INSERT …")))
    }

    static func raw(_ rows: [RawProbeRow], at: Date) -> Event {
        .tracer(.traced(TraceObservation(at: at, raw: rows, rawQuery: "SELECT … FROM raw.eltop_probe", staging: nil, stagingQuery: nil)))
    }

    static func rawAndStaging(_ rows: [RawProbeRow], _ staging: [StagingProbeRow], at: Date) -> Event {
        .tracer(.traced(TraceObservation(
            at: at, raw: rows, rawQuery: "SELECT … FROM raw.eltop_probe", staging: staging, stagingQuery: "SELECT … FROM staging.stg_eltop_probe")))
    }
}
