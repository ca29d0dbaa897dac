import EltopCore
import Foundation

/// The end of a headless run in words: the per-step timings, dbt's tally, and what failed and why.
enum PipelineSummary {
    /// "run finished in 45s: sync 1s · wait 29s · transform 15s", then dbt's tally when dbt ran.
    static func lines(_ run: PipelineRun, kind: PipelineCommand.Kind, state: DashboardState) -> [String] {
        let took = DurationText.short(run.duration ?? 0)
        let steps = run.steps.map { step -> String in
            if step.status == .skipped { return "\(step.step.rawValue) skipped" }
            return "\(step.step.rawValue) " + (step.duration.map(DurationText.short) ?? "-")
        }.joined(separator: " · ")
        let verdict: String
        switch run.outcome {
        case .succeeded?: verdict = "finished"
        case .failed(let step, _, _)?: verdict = "failed at \(step.rawValue)"
        case .cancelled(let step, _)?: verdict = "cancelled at \(step.rawValue)"
        case .timedOut(let step)?: verdict = "timed out at \(step.rawValue)"
        case nil: verdict = "running"
        }
        var lines = ["\(kind.rawValue) \(verdict) after \(took): \(steps)"]
        if run.step(.transform)?.startedAt != nil, let invocation = state.dbt.invocation { lines.append(tally(invocation)) }
        return lines
    }

    /// dbt's own summary words: PASS, WARN, ERROR, SKIP, TOTAL.
    static func tally(_ invocation: DbtInvocation) -> String {
        let nodes = invocation.nodes.values
        let warn = nodes.filter { $0.status == .warn }.count
        let error = nodes.filter(\.status.isFailure).count
        let skip = nodes.filter { $0.status == .skipped }.count
        let pass = nodes.count - warn - error - skip - nodes.filter { $0.status == .running || $0.status == .queued || $0.status == .cancelled }.count
        return "dbt: PASS=\(pass) WARN=\(warn) ERROR=\(error) SKIP=\(skip) TOTAL=\(nodes.count) (`\(invocation.commandLine)`)"
    }

    /// The line for stderr when the run did not succeed, naming the step and what to do.
    static func failureLine(_ run: PipelineRun, kind: PipelineCommand.Kind) -> String? {
        let left = run.jobID.map { "job \($0) left running" }
        switch run.outcome {
        case .succeeded?, nil:
            return nil
        case .failed(let step, let reason, _)?:
            return "eltop: \(kind.rawValue) failed at \(step.rawValue): \(reason)"
        case .cancelled(let step, let reason)?:
            let kept = !run.jobStartedByRun && step != .transform ? left.map { "; \($0) (this run did not start it)" } ?? "" : ""
            return "eltop: \(kind.rawValue) cancelled at \(step.rawValue) (\(reason))\(kept)"
        case .timedOut(let step)?:
            let cancelled = run.request.cancelOnTimeout && run.jobStartedByRun
            let kept = step == .transform || cancelled ? "" : left.map { "; \($0) (--cancel-on-timeout cancels it)" } ?? ""
            return "eltop: \(kind.rawValue) timed out at \(step.rawValue) after \(DurationText.short(run.duration ?? 0))\(kept)"
        }
    }

    /// What Ctrl-C on a terminal asks before cancelling.
    static func cancelQuestion(_ run: PipelineRun) -> String {
        switch run.currentStep {
        case .transform?:
            return "stop dbt and exit?"
        case .sync?, .wait?:
            if let id = run.jobID, !run.jobStartedByRun { return "stop waiting for job \(id) (it keeps running) and exit?" }
            return "cancel \(run.jobID.map { "job \($0)" } ?? "the sync") and exit?"
        case nil:
            return "stop and exit?"
        }
    }
}
