import Foundation

/// One step of the pipeline, in the order it runs: the seed's `orchestrate.sh` (trigger, wait, dbt).
public enum PipelineStep: String, Codable, CaseIterable, Sendable {
    /// Ask Airbyte to sync the connection, or adopt the sync already running for it.
    case sync
    /// Wait for that job to end, through `incomplete` attempts (Airbyte retries them).
    case wait
    /// Run the configured dbt command.
    case transform
}

/// What to run: the steps (`eltop run` and `p` take all three, `sync --wait` the first two, `sync` the
/// first, `transform` the last), the connection, and the limits.
public struct PipelineRequest: Codable, Equatable, Hashable, Sendable {
    public var steps: [PipelineStep]
    /// The Airbyte connection to sync; nil only when the steps do not include `sync`.
    public var connectionID: String?
    public var connectionName: String?
    /// Seconds the whole run may take; nil for no limit.
    public var timeoutSeconds: Double?
    /// On timeout, cancel the Airbyte job this run started instead of leaving it running.
    /// (A dbt run is always stopped: it is eltop's child and cannot outlive it.)
    public var cancelOnTimeout: Bool

    public init(
        steps: [PipelineStep] = PipelineStep.allCases, connectionID: String?, connectionName: String? = nil,
        timeoutSeconds: Double? = nil, cancelOnTimeout: Bool = false
    ) {
        self.steps = steps
        self.connectionID = connectionID
        self.connectionName = connectionName
        self.timeoutSeconds = timeoutSeconds
        self.cancelOnTimeout = cancelOnTimeout
    }

    /// How the timeline and the commands name the connection.
    public var connectionLabel: String { connectionName ?? connectionID ?? "?" }
}

/// What starts or stops a pipeline run. Starting arrives as an event so the run's clock is the state's.
public enum PipelineEvent: Codable, Equatable, Sendable {
    case start(PipelineRequest, at: Date)
    /// Stop the step in progress: `x`/`c` on the dashboard, Ctrl-C or SIGTERM in a command. What this run
    /// started is cancelled (the job it triggered, its dbt child); a sync it only waited on is left running.
    case cancel(reason: String, at: Date)
}
