import Foundation

/// How far one step has got.
public enum PipelineStepStatus: Codable, Equatable, Sendable {
    case pending
    case running
    case succeeded
    case failed(String)
    case cancelled
    case timedOut
    /// Not reached: an earlier step failed, was cancelled or ran out of time.
    case skipped
}

/// One step of a run, with its own timing so the summary can say where the time went.
public struct PipelineStepRun: Codable, Equatable, Sendable {
    public var step: PipelineStep
    public var status: PipelineStepStatus = .pending
    public var startedAt: Date?
    public var endedAt: Date?
    /// The step's latest fact in a few words ("job 42 running, attempt 2", "dbt exited with 1").
    public var detail: String?

    public init(step: PipelineStep) { self.step = step }

    public var duration: TimeInterval? {
        guard let startedAt, let endedAt else { return nil }
        return endedAt.timeIntervalSince(startedAt)
    }
}

/// How a run ended.
public enum PipelineOutcome: Codable, Equatable, Sendable {
    case succeeded
    /// `step` failed; `unreachable` when it never reached the system it needed (Airbyte down, dbt missing).
    case failed(step: PipelineStep, reason: String, unreachable: Bool)
    case cancelled(step: PipelineStep, reason: String)
    case timedOut(step: PipelineStep)

    /// The step the run stopped at, nil when every step succeeded.
    public var stoppedAt: PipelineStep? {
        switch self {
        case .succeeded: return nil
        case .failed(let step, _, _), .cancelled(let step, _), .timedOut(let step): return step
        }
    }
}

/// Why a run is being stopped before its steps are done; the outcome follows once what it started has ended.
public enum PipelineStopReason: Codable, Equatable, Sendable {
    case cancel(String)
    case timeout
}

/// One run of the pipeline state machine (`Reducer+Pipeline`): the dashboard's `p` and the headless
/// `sync`, `transform` and `run` drive this same value through the same events.
public struct PipelineRun: Codable, Equatable, Sendable {
    public var request: PipelineRequest
    public var startedAt: Date
    public var endedAt: Date?
    public var steps: [PipelineStepRun]
    /// The Airbyte job the run waits on, once known.
    public var jobID: Int64?
    /// False when the job was already running (adopted, never duplicated): a cancel leaves it alone.
    public var jobStartedByRun = false
    /// The sync request is on its way (the effect left, no answer yet).
    public var syncRequestInFlight = false
    public var stopping: PipelineStopReason?
    public var outcome: PipelineOutcome?

    public init(request: PipelineRequest, startedAt: Date) {
        self.request = request
        self.startedAt = startedAt
        self.steps = request.steps.map(PipelineStepRun.init(step:))
    }

    public var isActive: Bool { outcome == nil }

    /// When the overall timeout runs out, if there is one.
    public var deadline: Date? { request.timeoutSeconds.map { startedAt.addingTimeInterval($0) } }

    /// The step running now.
    public var currentStep: PipelineStep? { steps.first { $0.status == .running }?.step }

    public func step(_ step: PipelineStep) -> PipelineStepRun? { steps.first { $0.step == step } }

    public var duration: TimeInterval? { endedAt.map { $0.timeIntervalSince(startedAt) } }
}
