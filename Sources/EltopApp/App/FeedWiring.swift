import EltopCore
import Foundation

// The two functions that decide what the dashboard watches. Until config loading and the pollers are
// wired, every feed starts unconfigured (its pane says what to set) and nothing polls.

/// The state the dashboard and `snapshot` start from: feeds, their poll intervals, `--read-only`.
public func makeInitialState(now: Date, options: AppOptions) -> DashboardState {
    func unconfigured(_ hint: String, every seconds: TimeInterval) -> FeedHealth {
        FeedHealth(configured: false, configureHint: hint, pollInterval: seconds)
    }
    var state = DashboardState(
        now: now,
        source: SourceState(health: unconfigured("Set ELTOP_SOURCE_URL (or PG* variables) or source.url in eltop.yaml", every: 5)),
        airbyte: AirbyteState(health: unconfigured("Set ELTOP_AIRBYTE_URL or airbyte.url in eltop.yaml", every: 15)),
        warehouse: WarehouseState(health: unconfigured("Set ELTOP_WAREHOUSE_URL or warehouse.url in eltop.yaml", every: 60)),
        dbt: DbtState(health: unconfigured("Set ELTOP_DBT_PROJECT_DIR or dbt.project_dir in eltop.yaml", every: 10)))
    state.ui.readOnly = options.readOnly
    return state
}

/// The runner that polls the configured feeds and carries out effects.
public func makeEffectRunner(options: AppOptions) -> EffectRunner {
    IdleEffectRunner()
}
