import EltopCore
import EltopTestSupport
import Foundation

/// States whose verdicts fire, built through the reducer from a sequence of readings as the dashboard
/// receives them (the verdicts need the reducer's memory, which fixtures alone do not have).
enum VerdictStates {
    static let t0 = StateFixtures.now

    static func at(_ seconds: TimeInterval) -> Date { Self.t0.addingTimeInterval(seconds) }

    static func configured() -> DashboardState {
        var state = StateFixtures.unconfigured()
        for feed in [Feed.source, .airbyte, .warehouse] {
            state.updateHealth(feed) { $0.configured = true; $0.pollInterval = 5 }
        }
        return state
    }

    static func source(_ state: inout DashboardState, _ seconds: TimeInterval, sent: String? = nil, active: Bool = true, safe: Int64? = nil) {
        var slot = ReplicationSlot(name: "airbyte_slot", plugin: "pgoutput", database: "app", active: active, lagBytes: 0, retainedBytes: 0, walStatus: .reserved)
        if let sent {
            slot.activePID = 4242
            var sender = WalSender(pid: 4242)
            sender.sentLSN = sent
            slot.sender = sender
        }
        slot.safeWalSizeBytes = safe
        send(&state, .pollSucceeded(.source(SourceReading(serverVersion: "16.4", slots: [slot])), at: at(seconds)))
    }

    static func airbyte(_ state: inout DashboardState, _ seconds: TimeInterval, _ jobs: [AirbyteJob], schedule: String? = nil) {
        var connection = AirbyteConnection(id: "c1", name: "pg → warehouse", syncStatus: nil, jobs: jobs, schedule: schedule)
        connection.status = "active"
        send(&state, .pollSucceeded(.airbyte(AirbyteReading(connections: [connection])), at: at(seconds)))
    }

    static func send(_ state: inout DashboardState, _ event: Event) {
        if case .pollSucceeded(_, let when) = event { _ = reduce(&state, .clockTicked(when)) }
        _ = reduce(&state, event)
    }

    static func running(records: Int64) -> AirbyteJob {
        AirbyteJob(
            id: 7, status: .running, jobType: "sync", startedAt: Self.t0, durationSeconds: nil, rowsSynced: nil, bytesSynced: nil,
            progress: AirbyteProgress(recordsEmitted: records, recordsCommitted: records, bytesEmitted: 1000, bytesCommitted: 1000))
    }

    /// A running job whose records stopped at 0 s and walsender at 300 s, as of `end`: stalled from 900 s.
    static func stalled(at end: TimeInterval = 901) -> DashboardState {
        var state = configured()
        source(&state, 0, sent: "0/100")
        airbyte(&state, 0, [running(records: 10)])
        source(&state, 300, sent: "0/200")
        airbyte(&state, 300, [running(records: 10)])
        source(&state, 700, sent: "0/200")
        airbyte(&state, 700, [running(records: 10)])
        _ = reduce(&state, .clockTicked(at(end)))
        return state
    }

    /// An inactive slot losing 1 MB/s of safe WAL with the next sync 23 hours away: lost first.
    static func slotLoss() -> DashboardState {
        var state = configured()
        let last = AirbyteJob(id: 1, status: .succeeded, jobType: "sync", startedAt: at(-3600), durationSeconds: 30, rowsSynced: 5, bytesSynced: 0)
        airbyte(&state, 0, [last], schedule: "Every 24 HOURS")
        source(&state, 0, active: false, safe: 1_000_000_000)
        source(&state, 100, active: false, safe: 900_000_000)
        return state
    }
}
