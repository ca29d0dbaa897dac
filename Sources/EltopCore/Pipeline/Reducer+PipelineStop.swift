import Foundation

/// Stopping and ending a pipeline run: cancel what the run started, leave alone what it only waited on,
/// mark each step, and write the run's end to the timeline.
extension DashboardState {
    /// A cancel (keys, Ctrl-C, SIGTERM) or the overall timeout. The run ends once what it started has
    /// stopped: the cancel of its job answered, its dbt child exited.
    mutating func stopPipeline(_ reason: PipelineStopReason, at: Date) -> [Effect] {
        guard let run = pipeline, run.isActive, run.stopping == nil else { return [] }
        pipeline?.stopping = reason
        switch run.currentStep {
        case .sync where run.syncRequestInFlight:
            // The answer decides: a job it started is cancelled then, one already running is left alone.
            return []
        case .wait:
            return cancelJobOrFinish(at: at)
        case .transform:
            updateStep(.transform) { $0.detail = "stopping dbt" }
            return dbt.running ? [.cancelDbt] : []
        case .sync, nil:
            return finishPipeline(stopOutcome(run.currentStep ?? .sync), at: at)
        }
    }

    /// Cancels the job when this run started it (and a timeout is allowed to); otherwise ends the run
    /// and leaves the job running, saying so.
    mutating func cancelJobOrFinish(at: Date) -> [Effect] {
        guard let run = pipeline, let reason = run.stopping else { return [] }
        let step = run.currentStep ?? .wait
        let mayCancel: Bool
        switch reason {
        case .cancel: mayCancel = true
        case .timeout: mayCancel = run.request.cancelOnTimeout
        }
        guard let jobID = run.jobID, run.jobStartedByRun, mayCancel else {
            if let jobID = run.jobID { updateStep(step) { $0.detail = "job \(jobID) left running" } }
            return finishPipeline(stopOutcome(step), at: at)
        }
        updateStep(step) { $0.detail = "cancelling job \(jobID)" }
        let effect = Effect.cancelAirbyteJob(jobID: jobID, connectionName: run.request.connectionLabel)
        noteIssued(effect)
        return [effect]
    }

    func stopOutcome(_ step: PipelineStep) -> PipelineOutcome {
        switch pipeline?.stopping {
        case .cancel(let reason)?: return .cancelled(step: step, reason: reason)
        case .timeout?: return .timedOut(step: step)
        case nil: return .succeeded
        }
    }

    /// Marks `step` succeeded and starts the next one.
    mutating func endStep(_ step: PipelineStep, detail: String, severity: Severity, at: Date) -> [Effect] {
        updateStep(step) {
            $0.status = .succeeded
            $0.endedAt = at
            $0.detail = detail
        }
        let took = pipeline?.step(step)?.duration.map { " (\(DurationText.short($0)))" } ?? ""
        logPipeline(severity, "\(step.rawValue): \(detail)\(took)", at: at)
        return beginNextStep(at: at)
    }

    /// Ends the run: the step in progress gets the outcome, the steps not reached are skipped.
    mutating func finishPipeline(_ outcome: PipelineOutcome, at: Date) -> [Effect] {
        guard var run = pipeline, run.isActive else { return [] }
        for index in run.steps.indices {
            switch run.steps[index].status {
            case .running:
                run.steps[index].endedAt = at
                switch outcome {
                case .succeeded: run.steps[index].status = .succeeded
                case .failed(_, let reason, _): run.steps[index].status = .failed(reason)
                case .cancelled: run.steps[index].status = .cancelled
                case .timedOut: run.steps[index].status = .timedOut
                }
            case .pending:
                run.steps[index].status = .skipped
            default:
                break
            }
        }
        run.endedAt = at
        run.outcome = outcome
        run.syncRequestInFlight = false
        pipeline = run
        let took = DurationText.short(at.timeIntervalSince(run.startedAt))
        let left = run.jobStartedByRun ? "" : run.jobID.map { "; job \($0) left running" } ?? ""
        switch outcome {
        case .succeeded:
            logPipeline(.ok, "finished in \(took)", at: at)
        case .failed(let step, let reason, _):
            logPipeline(.crit, "stopped at \(step.rawValue) after \(took): \(reason)", at: at)
            ui.notice = "pipeline stopped at \(step.rawValue): \(reason)"
        case .cancelled(let step, let reason):
            logPipeline(.warn, "cancelled at \(step.rawValue) after \(took) (\(reason))\(run.stopping == nil ? "" : left)", at: at)
        case .timedOut(let step):
            logPipeline(.crit, "timed out at \(step.rawValue) after \(took)\(left)", at: at)
        }
        return []
    }

    mutating func updateStep(_ step: PipelineStep, _ change: (inout PipelineStepRun) -> Void) {
        guard let index = pipeline?.steps.firstIndex(where: { $0.step == step }) else { return }
        change(&pipeline!.steps[index])
    }

    mutating func logPipeline(_ severity: Severity, _ message: String, at: Date) {
        timeline.add(TimelineEntry(at: at, origin: .pipeline, severity: severity, message: message))
    }
}
