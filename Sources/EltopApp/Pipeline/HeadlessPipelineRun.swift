import EltopCore
import Foundation

/// The headless side of a pipeline run: starts it when the runtime starts, prints its progress, and
/// stops the runtime once the run has ended. Shutdown signals do not stop the loop at once: the first
/// cancels what this run started (after asking, for Ctrl-C on a terminal) and the loop ends when that
/// is done, so no job this process triggered and no dbt child is left behind. A second signal stops at
/// once (the runtime still stops its dbt child on the way out).
@MainActor
final class HeadlessPipelineRun: RuntimeSubscriber {
    private let request: PipelineRequest
    private let kind: PipelineCommand.Kind
    private let output: PipelineOutput
    private let asksOnInterrupt: Bool
    private var signal: Int32?
    private var asking = false
    private var progress: PipelineProgress

    init(request: PipelineRequest, kind: PipelineCommand.Kind, output: PipelineOutput, asksOnInterrupt: Bool) {
        self.request = request
        self.kind = kind
        self.output = output
        self.asksOnInterrupt = asksOnInterrupt
        self.progress = PipelineProgress(kind: kind)
    }

    func runtimeDidStart(_ runtime: Runtime) {
        runtime.interceptSignal = { [weak self, weak runtime] signo in
            guard let self, let runtime else { return false }
            return self.intercept(signo, runtime: runtime)
        }
        runtime.send(.pipeline(.start(request, at: runtime.clock.now())))
    }

    func runtime(_ runtime: Runtime, didApply event: Event, changed: Bool) {
        guard changed || event.isPipelineStart else { return }
        for line in progress.lines(after: runtime.state, plain: !output.isTTY) { output.line(line) }
        if let status = progress.statusLine(runtime.state) { output.status(status) }
        guard let run = runtime.state.pipeline, run.outcome != nil else { return }
        output.clearStatus()
        for line in PipelineSummary.lines(run, kind: kind, state: runtime.state) { output.line(line) }
        if let failure = PipelineSummary.failureLine(run, kind: kind) { output.error(failure) }
        runtime.stop(signal.map(RuntimeExit.signal) ?? .quit)
    }

    /// The exit status: the signal's (130, 143) when one stopped the run, else the outcome's.
    func exitStatus(after exit: RuntimeExit) -> Int32 {
        if case .signal(let signo) = exit { return CommandExitCode.signalled(signo) }
        return progress.finalStatus
    }

    private func answered(_ yes: Bool, runtime: Runtime) {
        guard asking else { return }
        asking = false
        if yes {
            runtime.send(.pipeline(.cancel(reason: "Ctrl-C", at: runtime.clock.now())))
        } else {
            signal = nil
            output.line("eltop: not cancelled; still running")
        }
    }

    private func intercept(_ signo: Int32, runtime: Runtime) -> Bool {
        guard let run = runtime.state.pipeline, run.isActive, signal == nil || asking else { return false }
        if signo == SIGINT, asksOnInterrupt, !asking {
            asking = true
            output.clearStatus()
            output.prompt("eltop: \(PipelineSummary.cancelQuestion(run)) [y/N] (Ctrl-C again: yes) ")
            signal = signo
            // stdin is read off the main actor: the loop keeps running (and a second Ctrl-C is heard) meanwhile.
            Thread.detachNewThread {
                let yes = (readLine() ?? "").lowercased().hasPrefix("y")
                Task { @MainActor [weak self] in self?.answered(yes, runtime: runtime) }
            }
            return true
        }
        signal = signo
        asking = false
        let name = [SIGINT: "Ctrl-C", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signo] ?? "signal \(signo)"
        runtime.send(.pipeline(.cancel(reason: name, at: runtime.clock.now())))
        return true
    }
}

extension Event {
    fileprivate var isPipelineStart: Bool {
        if case .pipeline(.start) = self { return true }
        return false
    }
}
