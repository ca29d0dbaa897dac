import EltopCore

/// The title bar's note of a pipeline run in progress ("pipeline 2/3 wait 1m3s"): `p`'s progress stays
/// in sight whichever pane has focus, while the steps' own progress is in the Airbyte and dbt panes and
/// their ends in the timeline.
enum PipelineBadge {
    static func text(_ state: DashboardState) -> String? {
        guard let run = state.pipeline, run.isActive, let step = run.currentStep,
            let index = run.steps.firstIndex(where: { $0.step == step }), let started = run.steps[index].startedAt
        else { return nil }
        let stopping = run.stopping == nil ? "" : " stopping"
        return " pipeline \(index + 1)/\(run.steps.count) \(step.rawValue) \(DurationText.short(state.now.timeIntervalSince(started)))\(stopping) "
    }
}
