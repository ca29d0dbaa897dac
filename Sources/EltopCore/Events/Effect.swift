/// An order to the world that the runtime carries out; its outcome comes back as events.
public enum Effect: Codable, Equatable, Hashable, Sendable {
    /// Poll these feeds now instead of waiting for their interval.
    case refresh([Feed])
    /// Leave: stop pollers and children, restore the terminal.
    case quit
    /// Ask Airbyte to start a sync of a connection (once: never retried automatically).
    case startAirbyteSync(connectionID: String, connectionName: String)
    /// Ask Airbyte to cancel a running job.
    case cancelAirbyteJob(jobID: Int64, connectionName: String)
    /// Start dbt as a child process (one at a time) and report its log as `Event.dbt`.
    case runDbt(DbtRunKind)
    /// Interrupt the running dbt: SIGINT to its process group, then SIGTERM after a grace period.
    case cancelDbt
    /// Insert, update or delete the probe row in one source transaction that also reads the commit's LSN.
    case writeProbe(ProbeOperation, probeID: Int64?, note: String?)
    /// Read the in-flight probes' rows from the warehouse's raw table and/or staging model.
    case traceProbes(ProbeTraceRequest)
    /// Start a pipeline run (`p`, confirmed): the runtime answers with `Event.pipeline(.start)`, stamped with its clock.
    case startPipeline(PipelineRequest)
    /// Stop the pipeline's step in progress (`x`/`c` during a run, confirmed).
    case cancelPipeline
    /// Put text on the user's clipboard through the terminal (OSC 52), which works over SSH.
    case copyToClipboard(String)
}
