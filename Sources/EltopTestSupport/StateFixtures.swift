import EltopCore
import Foundation

/// Dashboard states in each phase, at a fixed time, for golden tests and the benchmark.
public enum StateFixtures {
    /// 2026-11-25 12:00:00 UTC: every fixture's `now`.
    public static let now = Date(timeIntervalSince1970: 1_795_608_000)

    /// Nothing configured: each pane says how to configure it.
    public static func unconfigured() -> DashboardState {
        DashboardState(
            now: now,
            source: SourceState(health: FeedHealth(configured: false, configureHint: "Set ELTOP_SOURCE_URL (or PG* variables) or source.url in eltop.yaml.", pollInterval: 5)),
            airbyte: AirbyteState(health: FeedHealth(configured: false, configureHint: "Set AIRBYTE_SERVER_NAME or airbyte.server in eltop.yaml.", pollInterval: 10)),
            warehouse: WarehouseState(health: FeedHealth(configured: false, configureHint: "Set ELTOP_WAREHOUSE_URL or SNOWFLAKE_ACCOUNT, or warehouse.* in eltop.yaml.", pollInterval: 30)),
            dbt: DbtState(health: FeedHealth(configured: false, configureHint: "Set ELTOP_DBT_PROJECT_DIR or dbt.project_dir in eltop.yaml.", pollInterval: 5)))
    }

    /// Everything configured, no answer yet.
    public static func loading() -> DashboardState {
        var state = unconfigured()
        for feed in Feed.allCases { state.updateHealth(feed) { $0.configured = true } }
        return state
    }

    /// Every feed answered `secondsAgo` seconds before `now`.
    public static func ok(secondsAgo: TimeInterval = 2, slots: Int = 2, connections: Int = 2, tables: Int = 4, nodes: Int = 5, events: Int = 0) -> DashboardState {
        var state = loading()
        let at = now.addingTimeInterval(-secondsAgo)
        state.now = at.addingTimeInterval(-60)
        // A minute of lag history, so sparklines and rates have something to show.
        for step in stride(from: 60, through: 5, by: -5) {
            _ = reduce(&state, .pollSucceeded(.source(sourceReading(slots: slots, lagBase: Int64(1_000_000 - step * 8_000))), at: at.addingTimeInterval(-Double(step))))
        }
        _ = reduce(&state, .pollSucceeded(.source(sourceReading(slots: slots, lagBase: 1_000_000)), at: at))
        _ = reduce(&state, .pollSucceeded(.airbyte(airbyteReading(connections: connections)), at: at))
        _ = reduce(&state, .pollSucceeded(.warehouse(warehouseReading(tables: tables)), at: at))
        _ = reduce(&state, .pollSucceeded(.dbt(dbtReading(nodes: nodes)), at: at))
        state.timeline = Timeline()
        for i in 0..<events {
            state.timeline.add(TimelineEntry(at: at.addingTimeInterval(-Double(events - i) * 7), origin: TimelineOrigin.allCasesInOrder[i % 4], severity: [.ok, .warn, .crit][i % 3], message: "event number \(i) happened to something"))
        }
        _ = reduce(&state, .clockTicked(now))
        return state
    }

    /// Data last observed long ago (more than twice every poll interval), no error known.
    public static func stale() -> DashboardState {
        ok(secondsAgo: 75)
    }

    /// Every poll failing now, with data from a minute and a half ago.
    public static func failing() -> DashboardState {
        var state = ok(secondsAgo: 90)
        for feed in Feed.allCases {
            _ = reduce(&state, .pollFailed(feed, message: "connection refused by 10.0.0.7:5432", at: now, nextAttemptAt: now.addingTimeInterval(20)))
        }
        return state
    }

    /// The sixteen staging models of the demo's dbt project.
    public static let stagingModels = [
        "stg_actor", "stg_address", "stg_category", "stg_city", "stg_country", "stg_customer", "stg_film", "stg_film_actor",
        "stg_film_category", "stg_inventory", "stg_language", "stg_payment", "stg_rental", "stg_staff", "stg_store", "stg_film_text",
    ]

    /// A `dbt build` that ended, then the warehouse poll that sees the sixteen staging tables it created.
    public static func stagingAppeared() -> DashboardState {
        var state = ok(tables: 1)
        let ended = state.now.addingTimeInterval(1)
        _ = reduce(&state, .dbt(.runStarted(.build, commandLine: "dbt build", selectsEverything: true, at: ended.addingTimeInterval(-6))))
        _ = reduce(&state, .dbt(.runEnded(exitCode: 0, signalled: false, at: ended)))
        var reading = warehouseReading(tables: 1)
        reading.tables += stagingModels.reversed().map {
            WarehouseTable(schema: "staging", name: $0, rows: 10, rowsEstimated: false, bytes: 8_192, lastAltered: ended)
        }
        _ = reduce(&state, .pollSucceeded(.warehouse(reading), at: ended.addingTimeInterval(2)))
        _ = reduce(&state, .clockTicked(ended.addingTimeInterval(3)))
        return state
    }

    /// A big, busy dashboard for benchmarks: many rows in every pane and a full timeline.
    public static func busy() -> DashboardState {
        ok(slots: 40, connections: 30, tables: 400, nodes: 2_000, events: 500)
    }

    public static func sourceReading(slots: Int, lagBase: Int64) -> SourceReading {
        SourceReading(serverVersion: "15.18", slots: (0..<slots).map { i in
            let offset = Int64(i)
            let lag: Int64 = lagBase + offset * 4_096
            let retained: Int64 = lagBase * 3 + offset * 65_536
            return ReplicationSlot(
                name: i == 0 ? "airbyte_slot" : "slot_\(i)", plugin: "pgoutput", database: "dvdrental", active: i % 2 == 0,
                lagBytes: lag, retainedBytes: retained, walStatus: i == 1 ? .extended : .reserved)
        })
    }

    public static func airbyteReading(connections: Int) -> AirbyteReading {
        AirbyteReading(connections: (0..<connections).map { i in
            let rows: Int64 = 16_044 + Int64(i)
            let job = AirbyteJob(
                id: Int64(900 + i), status: i == 1 ? .failed : .succeeded, jobType: "sync", startedAt: now.addingTimeInterval(-3_600),
                durationSeconds: 312, rowsSynced: rows, bytesSynced: 2_400_000)
            let id = "c0ffee00-0000-4000-8000-" + String(format: "%012d", i)
            return AirbyteConnection(
                id: id, name: i == 0 ? "dvdrental → snowflake" : "connection \(i)", syncStatus: i == 1 ? "incomplete" : "synced",
                jobs: [job], schedule: "Every 24 HOURS", lastSuccessfulSyncAt: now.addingTimeInterval(i == 1 ? -90_000 : -3_288))
        })
    }

    public static func warehouseReading(tables: Int) -> WarehouseReading {
        let names = ["actor", "film", "rental", "payment", "customer", "inventory", "store", "staff"]
        return WarehouseReading(kind: .postgres, tables: (0..<tables).map { i in
            let name = i < names.count * 2 ? names[i / 2 % names.count] : "table_\(i)"
            let staging = i % 2 == 1
            let rows: Int64 = 16_044 - (staging ? 3 : 0) + Int64(i)
            let bytes: Int64 = 1_310_720 + Int64(i) * 1_024
            return WarehouseTable(
                schema: staging ? "staging" : "raw", name: staging ? "stg_" + name : name, rows: rows, rowsEstimated: i > 4,
                bytes: bytes, lastAltered: now.addingTimeInterval(-600))
        })
    }

    public static func dbtReading(nodes: Int) -> DbtReading {
        DbtReading(project: "dvdrental", nodes: (0..<nodes).map { i in
            let failed = i == 2
            let names = ["stg_rental", "stg_payment", "fct_revenue", "dim_customer", "rpt_daily"]
            let layers = ["staging", "staging", "marts", "marts", "reports"]
            let name = names[i % 5] + (i >= 5 ? "_\(i)" : "")
            let seconds: Double = 0.42 + Double(i % 7)
            let rows: Int64? = i % 5 < 2 ? nil : 16_044
            let message = failed ? "Database Error in model fct_revenue: column \"amount_usd\" does not exist" : "SELECT 16044"
            return DbtNode(
                uniqueId: "model.dvdrental.model_\(i)", name: name, resourceType: "model", layer: layers[i % 5],
                materialized: i % 5 < 2 ? "view" : "table", status: failed ? .error : .success, executionTime: seconds,
                rowsAffected: rows, message: message)
        })
    }
}

extension TimelineOrigin {
    static let allCasesInOrder: [TimelineOrigin] = [.source, .airbyte, .warehouse, .dbt]
}
