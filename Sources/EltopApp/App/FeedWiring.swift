import EltopConfig
import EltopCore
import EltopPollers
import Foundation

// What the dashboard watches follows from the config alone: which feeds are configured (and how to
// configure the others), their poll intervals, and the pollers and performers behind them.

/// The state the dashboard and `snapshot` start from: feeds, their poll intervals, `--read-only`.
public func makeInitialState(now: Date, options: AppOptions, config: Config) -> DashboardState {
    var state = DashboardState(
        now: now,
        source: SourceState(health: config.initialHealth(for: .source), thresholds: config.source.thresholds),
        airbyte: AirbyteState(health: config.initialHealth(for: .airbyte)),
        warehouse: WarehouseState(health: config.initialHealth(for: .warehouse), thresholds: config.warehouse.thresholds),
        dbt: DbtState(health: config.initialHealth(for: .dbt)))
    state.ui.readOnly = options.readOnly || config.ui.readOnly
    state.tracer = TracerState(config)
    state.ui.clipboardEnabled = config.ui.clipboard
    state.verdictMemory.thresholds = config.airbyte.verdictThresholds
    state.dbt.commandLine = (try? DbtCommand(config: config.dbt, kind: .build).displayLine) ?? config.dbt.command
    return state
}

/// Loads the config for `options`, or fails with every problem listed, before the terminal is taken.
public func loadConfig(options: AppOptions) throws -> Config {
    let result = ConfigLoader(explicitPath: options.configPath).evaluate()
    guard !result.hasErrors else {
        throw AppError(
            "the configuration has errors (run `eltop config check` for details):\n"
                + result.errors.map { "  " + $0.description }.joined(separator: "\n"))
    }
    return result.config
}
