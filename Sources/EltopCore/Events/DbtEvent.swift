import Foundation

/// What `DbtInvoker` reports about the run it carries out.
public enum DbtEvent: Codable, Equatable, Sendable {
    /// The child process started.
    case runStarted(DbtRunKind, commandLine: String, selectsEverything: Bool, at: Date)
    /// dbt wrote one line of its JSON log (or a plain line, e.g. a Python traceback).
    case logged(DbtLogRecord)
    /// SIGINT went to dbt's process group after `x`.
    case cancelSignalled(at: Date)
    /// The child exited; `signalled` is true when a signal ended it.
    case runEnded(exitCode: Int32, signalled: Bool, at: Date)
    /// The child could not be started; nothing ran.
    case runFailedToStart(DbtRunKind, message: String, at: Date)
}

/// The parts of one dbt JSON log line the pane uses.
///
/// Names follow dbt's events: `LogStartLine` (a node starts), `LogModelResult`/`LogTestResult`/
/// `LogSeedResult`/`LogSnapshotResult`/`SkippingDetails` (a result), `NodeFinished` (debug level:
/// carries `rows_affected`), `RunResultError` and `SQLCompiledPath` (the summary after the run).
public struct DbtLogRecord: Codable, Equatable, Sendable {
    /// When eltop read the line (running nodes tick from this, against the same clock as `now`).
    public var at: Date
    /// dbt's event name, or `text` for a line that was not JSON.
    public var name: String
    public var level: String
    /// dbt's human-readable message (`info.msg`), or the plain line.
    public var message: String
    public var uniqueId: String?
    public var nodeName: String?
    public var resourceType: String?
    public var materialized: String?
    /// `node_info.node_status`: `started`, `success`, `error`, `skipped`, `pass`, `fail`, `warn`, ...
    public var nodeStatus: String?
    public var index: Int?
    public var total: Int?
    public var executionTime: Double?
    public var rowsAffected: Int64?
    public var failures: Int64?
    /// `SQLCompiledPath`'s path.
    public var compiledPath: String?
    /// `RunResultError`'s message: the full error of a node.
    public var errorMessage: String?

    public init(at: Date, name: String, level: String, message: String) {
        self.at = at
        self.name = name
        self.level = level
        self.message = message
    }
}
