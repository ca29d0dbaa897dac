import EltopCore
import Foundation

/// What a headless run prints as it goes: a line when a step ends (and off a terminal, when its
/// detail changes), one line per finished dbt node, and on a terminal the progress line of the step
/// in progress (records, rate, elapsed). Keeps what it has printed, so each fact is printed once.
struct PipelineProgress {
    let kind: PipelineCommand.Kind
    private var printed: [PipelineStep: PipelineStepRun] = [:]
    private var printedNodes: Set<String> = []
    /// The exit status the last state seen would give (see `CommandExitCode`).
    private(set) var finalStatus: Int32 = CommandExitCode.failed.rawValue

    init(kind: PipelineCommand.Kind) { self.kind = kind }

    mutating func lines(after state: DashboardState, plain: Bool = false) -> [String] {
        guard let run = state.pipeline else { return [] }
        var lines: [String] = []
        for step in run.steps {
            let before = printed[step.step]
            defer { printed[step.step] = step }
            if step.status != before?.status, step.status != .pending, step.status != .running, step.status != .skipped {
                let took = step.duration.map { " (\(DurationText.short($0)))" } ?? ""
                var text = step.detail ?? ""
                if case .failed(let reason) = step.status { text = reason }
                lines.append("\(step.step.rawValue): \(Self.label(step.status)) \(text)\(took)")
            } else if plain, step.status == .running, let detail = step.detail, detail != before?.detail {
                lines.append("\(step.step.rawValue): \(detail)")
            }
        }
        if run.currentStep == .transform || run.step(.transform)?.endedAt != nil, let invocation = state.dbt.invocation {
            for id in invocation.order where !printedNodes.contains(id) {
                guard let node = invocation.nodes[id], node.status != .running, node.status != .queued else { continue }
                printedNodes.insert(id)
                lines.append("  " + Self.nodeLine(node, total: invocation.total))
            }
        }
        finalStatus = Self.status(run, kind: kind, dbt: state.dbt.invocation)
        return lines
    }

    /// The progress line of the step in progress, for a terminal.
    func statusLine(_ state: DashboardState) -> String? {
        guard let run = state.pipeline, run.isActive, let step = run.currentStep,
            let started = run.step(step)?.startedAt
        else { return nil }
        let elapsed = DurationText.short(state.now.timeIntervalSince(started))
        switch step {
        case .sync:
            return "sync: requesting a sync of \(run.request.connectionLabel) · \(elapsed)"
        case .wait:
            let job = run.jobID.flatMap { id in state.airbyte.reading?.connections.flatMap(\.jobs).first { $0.id == id } }
            var parts = ["wait: job \(run.jobID.map(String.init) ?? "?") \(job?.status.rawValue ?? "pending")"]
            if let records = job?.progress?.recordsEmitted ?? job?.progress?.recordsCommitted ?? job?.rowsSynced { parts.append("\(records) records") }
            if let id = run.jobID, let rate = state.airbyte.recordsPerSecond(job: id) { parts.append(String(format: "%.0f/s", rate)) }
            parts.append(elapsed)
            return parts.joined(separator: " · ")
        case .transform:
            let invocation = state.dbt.invocation
            let done = invocation?.finishedCount ?? 0
            let total = invocation?.total.map { "/\($0)" } ?? ""
            return "transform: \(done)\(total) nodes · \(elapsed)"
        }
    }

    static func label(_ status: PipelineStepStatus) -> String {
        switch status {
        case .succeeded: return "ok"
        case .failed: return "FAILED"
        case .cancelled: return "cancelled"
        case .timedOut: return "TIMED OUT"
        case .pending, .running, .skipped: return ""
        }
    }

    /// "ok     model stg_orders  0.42s  [3/12]", as dbt's own result lines order the facts.
    static func nodeLine(_ node: DbtLiveNode, total: Int?) -> String {
        let status = node.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
        var line = "\(status) \(node.resourceType) \(node.name)"
        if let time = node.executionTime { line += String(format: "  %.2fs", time) }
        if let index = node.index { line += "  [\(index)\(total.map { "/\($0)" } ?? "")]" }
        if node.status.isFailure, let message = node.message { line += "  " + (message.split(separator: "\n").first.map(String.init) ?? "") }
        return line
    }

    /// 0 done, 1 failed or cancelled, 2 timed out, 3 unreachable; `transform` gives dbt's own status.
    static func status(_ run: PipelineRun, kind: PipelineCommand.Kind, dbt: DbtInvocation?) -> Int32 {
        switch run.outcome {
        case nil: return CommandExitCode.failed.rawValue
        case .succeeded?: return CommandExitCode.ok.rawValue
        case .timedOut?: return CommandExitCode.timedOut.rawValue
        case .cancelled?: return CommandExitCode.failed.rawValue
        case .failed(let step, _, let unreachable)?:
            if unreachable { return CommandExitCode.unreachable.rawValue }
            if kind == .transform, step == .transform, case .exited(let code)? = dbt?.outcome { return code }
            return CommandExitCode.failed.rawValue
        }
    }
}
