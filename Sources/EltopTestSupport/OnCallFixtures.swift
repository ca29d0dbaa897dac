import EltopCore
import Foundation

/// What a new on-call engineer meets at once, built through the real reducer at a fixed time: a source
/// whose two slots lost their WAL, an Airbyte server that went away while a job was running, a dbt
/// project never run (and no dbt to run it with), beside a warehouse that answers.
public enum OnCallFixtures {
    /// 2026-11-25 12:00:00 UTC, as `StateFixtures.now`.
    public static let now = StateFixtures.now
    /// When the Airbyte server last answered: 47 s before `now`, so its data is stale (interval 10 s).
    public static let airbyteLastAnswer = now.addingTimeInterval(-47)

    public static func threeSituations() -> DashboardState {
        var state = StateFixtures.loading()
        // Slots read every 30 s, so the chart's 120 samples are the last hour.
        state.updateHealth(.source) { $0.pollInterval = 30 }
        state.now = now.addingTimeInterval(-3_600)
        let events = (sourceHour() + airbyteUntilItWentAway() + [
            (now.addingTimeInterval(-5), .pollSucceeded(.warehouse(StateFixtures.warehouseReading(tables: 6)), at: now.addingTimeInterval(-5))),
            (now.addingTimeInterval(-2), .pollFailed(
                .dbt, message: "no manifest.json in /srv/dbt/target yet: run dbt (t) or `dbt parse`", at: now.addingTimeInterval(-2),
                nextAttemptAt: now.addingTimeInterval(3))),
            (now.addingTimeInterval(-1), .dbt(.runFailedToStart(.build, message: "dbt not found on PATH (set dbt.executable)", at: now.addingTimeInterval(-1)))),
        ]).sorted { $0.0 < $1.0 }
        for (at, event) in events {
            _ = reduce(&state, .clockTicked(at))
            _ = reduce(&state, event)
        }
        _ = reduce(&state, .clockTicked(now))
        return state
    }

    /// An hour of slot readings every 30 s: retained WAL climbs past the thresholds, and twenty minutes
    /// ago two slots lost their WAL; the third keeps streaming.
    private static func sourceHour() -> [(Date, Event)] {
        let start = now.addingTimeInterval(-3_600)
        return (0...120).map { step in
            let at = start.addingTimeInterval(Double(step) * 30)
            let lost = step >= 80
            let retained = Int64(step) * 40_000_000
            let slots = [
                slot("airbyte_slot", active: false, lag: retained - 1_000_000, retained: retained, lost: lost),
                slot("backup_slot", active: false, lag: retained / 2, retained: retained / 2 + 500_000, lost: lost),
                slot("analytics_slot", active: true, lag: 2_000 + Int64(step % 7) * 900, retained: 9_000 + Int64(step % 5) * 4_000, lost: false),
            ]
            var reading = SourceReading(serverVersion: "15.8", slots: slots)
            reading.serverVersionNumber = 150_008
            reading.currentLSN = "0/1A2C000"
            reading.connectedDatabase = "dvdrental"
            reading.settings = SourceServerSettings(walLevel: "logical", maxSlotWalKeepSize: "4GB", walKeepSize: "0")
            reading.publications = [Publication(name: "airbyte_publication", allTables: false, tables: ["public.actor", "public.film"])]
            reading.publishedTableWrites = Int64(step) * 12
            return (at, .pollSucceeded(.source(reading), at: at))
        }
    }

    private static func slot(_ name: String, active: Bool, lag: Int64, retained: Int64, lost: Bool) -> ReplicationSlot {
        var slot = ReplicationSlot(
            name: name, plugin: "pgoutput", database: "dvdrental", active: active, lagBytes: lag, retainedBytes: retained,
            walStatus: lost ? .lost : (retained > 3_000_000_000 ? .unreserved : .reserved))
        slot.safeWalSizeBytes = lost ? 0 : max(0, 4_294_967_296 - retained)
        slot.restartLSN = lost ? nil : "0/1A2B3C4"
        slot.confirmedFlushLSN = "0/1A2B3D0"
        if active { slot.activePID = 4242 }
        return slot
    }

    /// Two answers while job 412 runs, then nothing: every poll since fails to connect.
    private static func airbyteUntilItWentAway() -> [(Date, Event)] {
        func reading(committed: Int64) -> Reading {
            let running = AirbyteJob(
                id: 412, status: .running, jobType: "sync", startedAt: airbyteLastAnswer.addingTimeInterval(-240), durationSeconds: nil,
                rowsSynced: committed, bytesSynced: 6_000_000, attempt: 1,
                progress: AirbyteProgress(recordsEmitted: committed + 400, recordsCommitted: committed, bytesEmitted: 9_040_000, bytesCommitted: 6_000_000, streams: []))
            let outcomes: [(JobStatus, Double, Int64)] = [(.succeeded, 312, 16_044), (.failed, 1_830, 0), (.succeeded, 95, 212), (.succeeded, 620, 98_000)]
            let finished = outcomes.enumerated().map { i, outcome in
                AirbyteJob(
                    id: Int64(411 - i), status: outcome.0, jobType: "sync", startedAt: now.addingTimeInterval(-Double(i + 1) * 86_400),
                    durationSeconds: outcome.1, rowsSynced: outcome.2, bytesSynced: nil)
            }
            return .airbyte(AirbyteReading(connections: [
                AirbyteConnection(
                    id: "2747215d-c040-47f5-a0bc-9ceb91871bef", name: "dvdrental → snowflake", syncStatus: "running", jobs: [running] + finished,
                    schedule: "Every 24 HOURS", lastSuccessfulSyncAt: now.addingTimeInterval(-86_400 + 312))
            ]))
        }
        let earlier = airbyteLastAnswer.addingTimeInterval(-10)
        let answers: [(Date, Event)] = [
            (earlier, .pollSucceeded(reading(committed: 4_000), at: earlier)),
            (airbyteLastAnswer, .pollSucceeded(reading(committed: 8_000), at: airbyteLastAnswer)),
        ]
        return answers + (1...3).map { tries in
            let at = airbyteLastAnswer.addingTimeInterval(Double(tries) * 12)
            return (at, .pollFailed(.airbyte, message: "127.0.0.1:8000: Couldn't connect to server", at: at, nextAttemptAt: at.addingTimeInterval(Double(tries) * 10)))
        }
    }
}
