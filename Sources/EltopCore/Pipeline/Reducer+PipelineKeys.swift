import Foundation

/// `p` runs the selected connection's pipeline; during a run `x` and `c` stop the step in progress
/// (whichever it is: the sync's job or dbt), since one cancel key per step would make the user guess.
extension DashboardState {
    mutating func requestPipeline() -> [Effect] {
        guard airbyte.health.configured, dbt.health.configured else {
            let missing = airbyte.health.configured ? dbt.health.configureHint : airbyte.health.configureHint
            ui.notice = "run the pipeline: needs Airbyte and dbt (\(missing))"
            return []
        }
        if let run = pipeline, run.isActive {
            ui.notice = "the pipeline is already at \(run.currentStep?.rawValue ?? "work") (x or c stops it)"
            return []
        }
        guard let connection = selectedConnection else {
            ui.notice = "no Airbyte connection to run the pipeline for"
            return []
        }
        let syncPart = connection.runningJob.map { "wait for its running job \($0.id)" } ?? "sync it, wait for the job"
        requestConfirmation(
            ConfirmPrompt(
                question: "Run the pipeline for \(connection.name): \(syncPart), then `\(dbt.commandLine)`?",
                effect: .startPipeline(PipelineRequest(connectionID: connection.id, connectionName: connection.name)),
                actionName: "run the pipeline for \(connection.name)"))
        return []
    }

    /// True while a run is going, so `x`/`c` mean "stop the pipeline's step".
    var pipelineIsActive: Bool { pipeline?.isActive ?? false }

    mutating func requestPipelineCancel() -> [Effect] {
        guard let run = pipeline, run.isActive else { return [] }
        if run.stopping != nil {
            ui.notice = "the pipeline is already stopping"
            return []
        }
        let step = run.currentStep ?? .sync
        let what: String
        switch step {
        case .sync, .wait:
            let job = run.jobID.map { "job \($0)" } ?? "the sync"
            what = run.jobStartedByRun || run.jobID == nil ? "cancel \(job)" : "stop waiting (\(job) was already running and keeps running)"
        case .transform:
            what = "stop `\(dbt.invocation?.commandLine ?? dbt.commandLine)`"
        }
        requestConfirmation(
            ConfirmPrompt(
                question: "Stop the pipeline at \(step.rawValue): \(what)?", effect: .cancelPipeline,
                actionName: "stop the pipeline at \(step.rawValue)"))
        return []
    }
}
