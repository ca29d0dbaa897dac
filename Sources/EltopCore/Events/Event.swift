import Foundation

/// Something that happened: the reducer's only input. Pollers, effects, keys and the clock all speak to
/// the runtime in events.
///
/// `Codable` so a recorder can write each one as it is applied and a replayer can feed them back; for
/// that reason no event (nor any reading it carries) may hold a secret: readings are what the pollers
/// observed, never the credentials they used.
public enum Event: Codable, Equatable, Sendable {
    /// The clock moved on; ages and staleness are measured against this.
    case clockTicked(Date)
    /// A poll answered; `at` is when its data was observed.
    case pollSucceeded(Reading, at: Date)
    /// A poll failed. `nextAttemptAt` is when the poller's backoff will try again.
    case pollFailed(Feed, message: String, at: Date, nextAttemptAt: Date?)
    /// The user asked for something through a key.
    case actionRequested(Action)
    /// The terminal changed size.
    case terminalResized(Size)
    /// The runtime measured how many rows the open detail view can scroll (see `detailScrollLimit`).
    case detailMeasured(scrollLimit: Int)
    /// A key was pressed whose binding `--read-only` disabled; the reducer says so in the key-hint bar.
    case keyRefused(Binding)
    /// A sync or cancel request to Airbyte was answered (or failed).
    case airbyte(AirbyteEvent)
    /// `DbtInvoker` reported on the run it carries out.
    case dbt(DbtEvent)
    /// The tracer's client wrote a probe or traced one (or failed to).
    case tracer(TracerEvent)
    /// A pipeline run starts or is asked to stop (see `PipelineRun`).
    case pipeline(PipelineEvent)
    /// `--record` could not write (unwritable path, full disk); recording stops, the dashboard goes on.
    case recorderFailed(path: String, message: String, at: Date)
}
