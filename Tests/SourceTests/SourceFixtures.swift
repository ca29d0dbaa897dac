import EltopCore
import Foundation

/// Builders for source states driven through the real reducer, with a fixed clock.
enum SourceFixtures {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func slot(
        _ name: String = "airbyte_slot", active: Bool = false, lag: Int64? = 1000, retained: Int64? = 2000,
        walStatus: WALStatus? = .reserved, safe: Int64? = nil, database: String = "dvdrental"
    ) -> ReplicationSlot {
        var slot = ReplicationSlot(name: name, plugin: "pgoutput", database: database, active: active, lagBytes: lag, retainedBytes: retained, walStatus: walStatus)
        slot.safeWalSizeBytes = safe
        slot.restartLSN = "0/1A2B3C4"
        slot.confirmedFlushLSN = "0/1A2B3D0"
        if active { slot.activePID = 4242 }
        return slot
    }

    static func reading(_ slots: [ReplicationSlot], writes: Int64? = 10) -> SourceReading {
        var reading = SourceReading(serverVersion: "15.8", slots: slots)
        reading.serverVersionNumber = 150_008
        reading.currentLSN = "0/1A2C000"
        reading.connectedDatabase = "dvdrental"
        reading.settings = SourceServerSettings(walLevel: "logical", maxSlotWalKeepSize: "-1", walKeepSize: "0")
        reading.publications = [Publication(name: "airbyte_publication", allTables: false, tables: ["public.actor", "public.film"])]
        reading.publishedTableWrites = writes
        return reading
    }

    static func state(thresholds: SourceThresholds = SourceThresholds(), pollInterval: TimeInterval = 5) -> DashboardState {
        func unconfigured() -> FeedHealth { FeedHealth(configured: false, configureHint: "set it", pollInterval: 10) }
        let health = FeedHealth(configured: true, configureHint: "set ELTOP_SOURCE_URL", pollInterval: pollInterval)
        return DashboardState(
            now: start, source: SourceState(health: health, thresholds: thresholds), airbyte: AirbyteState(health: unconfigured()),
            warehouse: WarehouseState(health: unconfigured()), dbt: DbtState(health: unconfigured()))
    }

    /// Applies `readings` as successful polls `step` seconds apart, starting at `start`, and moves the clock along.
    static func polled(_ readings: [SourceReading], step: TimeInterval = 5, into state: inout DashboardState, from: Date = start) {
        for (i, reading) in readings.enumerated() {
            let at = from.addingTimeInterval(Double(i) * step)
            _ = reduce(&state, .clockTicked(at))
            _ = reduce(&state, .pollSucceeded(.source(reading), at: at))
        }
    }
}
