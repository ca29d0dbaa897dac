import EltopCore
import Foundation

/// States of the dbt pane for reducer and render tests.
enum DbtStates {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// Everything unconfigured but dbt, focused on the dbt pane.
    static func base(now: Date = now) -> DashboardState {
        func off(_ hint: String) -> FeedHealth { FeedHealth(configured: false, configureHint: hint, pollInterval: 5) }
        var state = DashboardState(
            now: now, source: SourceState(health: off("set ELTOP_SOURCE_URL")), airbyte: AirbyteState(health: off("set AIRBYTE_SERVER_NAME")),
            warehouse: WarehouseState(health: off("set SNOWFLAKE_ACCOUNT")),
            dbt: DbtState(health: FeedHealth(configured: true, configureHint: "set ELTOP_DBT_PROJECT_DIR", pollInterval: 5)))
        state.ui.focus = .dbt
        return state
    }
}

extension DbtStates {
    static func withReading(_ reading: DbtReading, now: Date = now) -> DashboardState {
        var state = base(now: now)
        _ = reduce(&state, .pollSucceeded(.dbt(reading), at: now))
        return state
    }
}
