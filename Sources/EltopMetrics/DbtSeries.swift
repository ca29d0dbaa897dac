import EltopCore

/// `eltop_dbt_*`: nodes counted by status (never a series per node: a project has thousands), and the
/// last run's time and duration.
enum DbtSeries {
    static func write(_ state: DashboardState, into out: SeriesWriter) {
        let dbt = state.dbt
        out.gauge("eltop_dbt_run_in_progress", "1 while a dbt run eltop started is going.", [:], dbt.running)
        guard dbt.reading != nil || dbt.invocation != nil else { return }
        let counts = DbtNodeStatus.tally(dbt.displayNodes)
        for (status, count) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            out.gauge("eltop_dbt_nodes", "dbt nodes by the status the dbt pane shows (no status: not run yet).", ["status": status.rawValue], count)
        }
        let unrun = dbt.displayNodes.filter { $0.status == nil }.count
        out.gauge("eltop_dbt_nodes", "dbt nodes by the status the dbt pane shows (no status: not run yet).", ["status": "none"], unrun)
        if let run = dbt.reading?.lastRun {
            out.timestamp("eltop_dbt_last_run_start_timestamp_seconds", "When the last run in run_results.json started.", [:], run.startedAt)
            out.timestamp("eltop_dbt_last_run_end_timestamp_seconds", "When the last run in run_results.json ended.", [:], run.endedAt)
            out.gauge("eltop_dbt_last_run_duration_seconds", "How long the last run took.", [:], run.elapsedSeconds)
        }
    }
}
