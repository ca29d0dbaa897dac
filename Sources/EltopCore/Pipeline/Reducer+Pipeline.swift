import Foundation

/// The pipeline state machine: sync → wait for the job → transform → done, stopping at the first
/// failure with the step and the reason. It never calls anything: it reads the events the rest of the
/// reducer already handles (sync answers, Airbyte polls, dbt's log, the clock) and returns the existing
/// effects (`startAirbyteSync`, `cancelAirbyteJob`, `runDbt`, `cancelDbt`).
extension DashboardState {
    mutating func applyPipeline(_ event: PipelineEvent) -> [Effect] {
        switch event {
        case .start(let request, let at): return startPipeline(request, at: at)
        case .cancel(let reason, let at): return stopPipeline(.cancel(reason), at: at)
        }
    }

    /// What an event the other reducers applied means for the run in progress.
    mutating func advancePipeline(after event: Event) -> [Effect] {
        guard let run = pipeline, run.isActive else { return [] }
        switch event {
        case .clockTicked(let now):
            if let deadline = run.deadline, now >= deadline, run.stopping == nil { return stopPipeline(.timeout, at: now) }
        case .pollSucceeded(.airbyte(let reading), let at):
            return pipelineSaw(reading, at: at)
        case .airbyte(let answer):
            return pipelineHeard(answer)
        case .dbt(let report):
            return pipelineHeard(report)
        default:
            break
        }
        return []
    }

    private mutating func startPipeline(_ request: PipelineRequest, at: Date) -> [Effect] {
        if pipeline?.isActive == true {
            ui.notice = "the pipeline is already running (x or c cancels the step in progress)"
            return []
        }
        pipeline = PipelineRun(request: request, startedAt: at)
        let what = request.steps.map(\.rawValue).joined(separator: " → ")
        logPipeline(.ok, "started \(what)" + (request.steps.contains(.sync) ? " for \(request.connectionLabel)" : ""), at: at)
        return beginNextStep(at: at)
    }

    /// Starts the first pending step, or ends the run when none is left.
    mutating func beginNextStep(at: Date) -> [Effect] {
        guard let run = pipeline, let next = run.steps.first(where: { $0.status == .pending })?.step else {
            return finishPipeline(.succeeded, at: at)
        }
        updateStep(next) {
            $0.status = .running
            $0.startedAt = at
        }
        switch next {
        case .sync: return beginSync(run.request, at: at)
        case .wait: return beginWait(at: at)
        case .transform: return beginTransform(at: at)
        }
    }

    private mutating func beginSync(_ request: PipelineRequest, at: Date) -> [Effect] {
        guard airbyte.health.configured else {
            return finishPipeline(.failed(step: .sync, reason: "Airbyte is not configured (\(airbyte.health.configureHint))", unreachable: true), at: at)
        }
        guard let id = request.connectionID else {
            return finishPipeline(.failed(step: .sync, reason: "no Airbyte connection chosen", unreachable: false), at: at)
        }
        if let running = airbyte.reading?.connections.first(where: { $0.id == id })?.runningJob {
            return adoptRunningJob(running.id, at: at)
        }
        pipeline?.syncRequestInFlight = true
        let effect = Effect.startAirbyteSync(connectionID: id, connectionName: request.connectionLabel)
        noteIssued(effect)
        updateStep(.sync) { $0.detail = "sync requested" }
        return [effect]
    }

    /// A sync already running is waited on, never duplicated; a cancel later leaves it alone.
    private mutating func adoptRunningJob(_ jobID: Int64?, at: Date) -> [Effect] {
        pipeline?.jobID = jobID
        pipeline?.jobStartedByRun = false
        let which = jobID.map { "job \($0)" } ?? "a sync"
        return endStep(.sync, detail: "\(which) was already running: waiting on it instead of starting another", severity: .warn, at: at)
    }

    private mutating func beginWait(at: Date) -> [Effect] {
        let which = pipeline?.jobID.map { "job \($0)" } ?? "the running job"
        updateStep(.wait) { $0.detail = "waiting for \(which)" }
        // Read the job now rather than at the next poll; a job that already ended is seen at once.
        if pipeline?.jobID != nil, let reading = airbyte.reading {
            let seen = pipelineSaw(reading, at: at)
            if !seen.isEmpty || pipeline?.currentStep != .wait { return seen }
        }
        return airbyte.health.configured ? [.refresh([.airbyte])] : []
    }

    private mutating func beginTransform(at: Date) -> [Effect] {
        guard dbt.health.configured else {
            return finishPipeline(.failed(step: .transform, reason: "dbt is not configured (\(dbt.health.configureHint))", unreachable: true), at: at)
        }
        if dbt.running {
            return finishPipeline(.failed(step: .transform, reason: "another dbt run is going (x cancels it)", unreachable: false), at: at)
        }
        let commandLine = dbt.commandLine
        updateStep(.transform) { $0.detail = "starting `\(commandLine)`" }
        return [.runDbt(.build)]
    }

    // MARK: what the step in progress hears

    private mutating func pipelineHeard(_ answer: AirbyteEvent) -> [Effect] {
        guard let run = pipeline else { return [] }
        switch answer {
        case .syncStarted(let connectionID, let jobID, _, let at) where run.syncRequestInFlight && connectionID == run.request.connectionID:
            pipeline?.syncRequestInFlight = false
            pipeline?.jobID = jobID
            pipeline?.jobStartedByRun = true
            if run.stopping != nil {
                updateStep(.sync) { $0.detail = "job \(jobID) started" }
                return cancelJobOrFinish(at: at)
            }
            return endStep(.sync, detail: "job \(jobID) started", severity: .ok, at: at)
        case .syncAlreadyRunning(let connectionID, let jobID, let at) where run.syncRequestInFlight && connectionID == run.request.connectionID:
            pipeline?.syncRequestInFlight = false
            let known = jobID ?? airbyte.reading?.connections.first { $0.id == connectionID }?.runningJob?.id
            if run.stopping != nil {
                pipeline?.jobID = known
                return finishPipeline(stopOutcome(.sync), at: at)
            }
            return adoptRunningJob(known, at: at)
        case .syncFailed(let connectionID, let message, let at) where run.syncRequestInFlight && connectionID == run.request.connectionID:
            pipeline?.syncRequestInFlight = false
            return finishPipeline(.failed(step: .sync, reason: "the sync request failed: \(message)", unreachable: true), at: at)
        case .jobCancelled(let jobID, let at) where run.stopping != nil && jobID == run.jobID:
            return finishPipeline(stopOutcome(run.currentStep ?? .wait), at: at)
        case .cancelFailed(let jobID, let message, let at) where run.stopping != nil && jobID == run.jobID:
            return finishPipeline(
                .failed(step: run.currentStep ?? .wait, reason: "cancelling job \(jobID) failed: \(message); it may still be running", unreachable: true), at: at)
        default:
            return []
        }
    }

    private mutating func pipelineSaw(_ reading: AirbyteReading, at: Date) -> [Effect] {
        guard let run = pipeline, run.currentStep == .wait,
            let connection = reading.connections.first(where: { $0.id == run.request.connectionID })
        else { return [] }
        if run.jobID == nil {
            // The 409 named no job: the one running now. (Not the newest finished one: an old reading
            // would pass a job of yesterday off as this one.)
            pipeline?.jobID = connection.runningJob?.id
        }
        guard let jobID = pipeline?.jobID, let job = connection.jobs.first(where: { $0.id == jobID }) else {
            updateStep(.wait) { $0.detail = "waiting for job \(run.jobID.map(String.init) ?? "?") to be listed" }
            return []
        }
        let why = job.failures.last.map { ": \($0.origin ?? "unknown") · \($0.message)" } ?? ""
        switch job.status {
        case .succeeded:
            if run.stopping != nil { return finishPipeline(stopOutcome(.wait), at: at) }
            let records = job.rowsSynced ?? job.progress?.recordsCommitted
            return endStep(.wait, detail: "job \(jobID) succeeded" + (records.map { ", \($0) records" } ?? ""), severity: .ok, at: at)
        case .failed:
            return finishPipeline(.failed(step: .wait, reason: "job \(jobID) failed\(why)", unreachable: false), at: at)
        case .cancelled:
            if run.stopping != nil { return finishPipeline(stopOutcome(.wait), at: at) }
            return finishPipeline(.failed(step: .wait, reason: "job \(jobID) was cancelled outside this run", unreachable: false), at: at)
        case .incomplete:
            let attempt = job.attempt.map { " attempt \($0)" } ?? " an attempt"
            let detail = "job \(jobID)\(attempt) failed, Airbyte retries it\(why)"
            if run.step(.wait)?.detail != detail { logPipeline(.warn, "wait: \(detail)", at: at) }
            updateStep(.wait) { $0.detail = detail }
        default:
            let attempt = job.attempt.map { ", attempt \($0)" } ?? ""
            let records = (job.progress?.recordsEmitted ?? job.rowsSynced).map { ", \($0) records" } ?? ""
            updateStep(.wait) { $0.detail = "job \(jobID) \(job.status.rawValue)\(attempt)\(records)" }
        }
        return []
    }

    private mutating func pipelineHeard(_ report: DbtEvent) -> [Effect] {
        guard let run = pipeline, run.currentStep == .transform else { return [] }
        switch report {
        case .runStarted(_, let commandLine, _, _):
            updateStep(.transform) { $0.detail = "running `\(commandLine)`" }
            // A cancel that came before the child existed reaches it now.
            return run.stopping != nil ? [.cancelDbt] : []
        case .runEnded(let exitCode, let signalled, let at):
            if run.stopping != nil { return finishPipeline(stopOutcome(.transform), at: at) }
            guard exitCode == 0, !signalled else {
                return finishPipeline(.failed(step: .transform, reason: dbtFailureReason(exitCode: exitCode, signalled: signalled), unreachable: false), at: at)
            }
            let nodes = dbt.invocation?.nodes.count ?? 0
            return endStep(.transform, detail: "`\(dbt.invocation?.commandLine ?? dbt.commandLine)` passed, \(nodes) nodes", severity: .ok, at: at)
        case .runFailedToStart(_, let message, let at):
            return finishPipeline(.failed(step: .transform, reason: "dbt did not start: \(message)", unreachable: true), at: at)
        case .logged, .cancelSignalled:
            return []
        }
    }

    /// "dbt exited with 1: model stg_orders error, test not_null_x fail", naming at most three nodes; when
    /// no node failed (a usage, profile or selector error), dbt's last error line, which says why.
    private func dbtFailureReason(exitCode: Int32, signalled: Bool) -> String {
        let head = signalled ? "dbt was killed by \(SignalName.describe(exitCode - 128))" : "dbt exited with \(exitCode)"
        guard let invocation = dbt.invocation else { return head }
        let failed = invocation.order.compactMap { invocation.nodes[$0] }.filter { $0.status.isFailure }
        guard !failed.isEmpty else {
            guard !signalled, let said = invocation.log.last(where: { $0.level == "error" }) else { return head }
            let lines = said.text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return head + ": " + lines.joined(separator: " ")
        }
        let named = failed.prefix(3).map { "\($0.resourceType) \($0.name) \($0.status.rawValue)" }
        let more = failed.count > 3 ? " and \(failed.count - 3) more" : ""
        return head + ": " + named.joined(separator: ", ") + more
    }
}
