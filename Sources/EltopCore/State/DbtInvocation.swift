import Foundation

/// Which dbt command eltop starts: the configured one (`t`) or a re-run of what failed (`R`).
public enum DbtRunKind: String, Codable, Equatable, Hashable, Sendable {
    case build
    case retry
}

/// How a run eltop started ended, or that it is still going.
public enum DbtRunOutcome: Codable, Equatable, Sendable {
    case running
    /// dbt exited by itself: 0 when every node passed, 1 when some failed, 2 when dbt itself failed.
    case exited(code: Int32)
    /// Cancelled with `x`.
    case cancelled
    /// A signal eltop did not send ended dbt (the OOM killer, `kill -9`, a lost session): a failure,
    /// not a cancel, since nobody asked for it.
    case killed(signal: Int32)
    /// The child never ran: missing executable, missing project dir, another run going.
    case failedToStart(message: String)
}

/// One node as the live log reports it.
public struct DbtLiveNode: Codable, Equatable, Sendable {
    public var uniqueId: String
    public var name: String
    public var resourceType: String
    public var materialized: String?
    /// `running` until a result arrives, then dbt's node status.
    public var status: DbtNodeStatus
    /// When eltop saw the node start; the pane ticks its elapsed time from here.
    public var startedAt: Date?
    /// `index` of `index/total` in dbt's progress lines.
    public var index: Int?
    public var executionTime: Double?
    public var rowsAffected: Int64?
    public var failures: Int64?
    public var message: String?
    public var compiledPath: String?
    /// The node's own log lines, oldest first, capped at `DbtInvocation.nodeLogLimit`.
    public var logLines: [String] = []

    public init(uniqueId: String, name: String, resourceType: String, status: DbtNodeStatus) {
        self.uniqueId = uniqueId
        self.name = name
        self.resourceType = resourceType
        self.status = status
    }

    /// The node as the table shows it: live facts over what the artifacts knew.
    func merged(over base: DbtNode?) -> DbtNode {
        DbtNode(
            uniqueId: uniqueId, name: name, resourceType: resourceType, layer: base?.layer,
            materialized: materialized ?? base?.materialized, status: status, executionTime: executionTime,
            rowsAffected: rowsAffected, message: message, failures: failures,
            compiledPath: compiledPath ?? base?.compiledPath, startedAt: startedAt, dependsOn: base?.dependsOn)
    }
}

/// The dbt run eltop started: its progress per node, its log, and how it ended.
public struct DbtInvocation: Codable, Equatable, Sendable {
    public static let nodeLogLimit = 200
    public static let runLogLimit = 2000

    public var kind: DbtRunKind
    public var commandLine: String
    public var startedAt: Date
    public var endedAt: Date?
    public var outcome: DbtRunOutcome = .running
    /// True once `x` sent SIGINT; the end then counts as cancelled whatever dbt's exit code.
    public var cancelRequested = false
    /// True when the run covers the whole project (no selector), so nodes it has not reached are queued.
    public var selectsEverything: Bool
    /// `total` of dbt's `index/total` progress, once dbt has said it.
    public var total: Int?
    public var nodes: [String: DbtLiveNode] = [:]
    /// Unique ids in the order the log first named them.
    public var order: [String] = []
    /// The run's messages (info level and above), oldest first, capped at `runLogLimit`.
    public var log: [DbtLogLine] = []

    public init(kind: DbtRunKind, commandLine: String, startedAt: Date, selectsEverything: Bool) {
        self.kind = kind
        self.commandLine = commandLine
        self.startedAt = startedAt
        self.selectsEverything = selectsEverything
    }

    public var isRunning: Bool { outcome == .running }

    /// Nodes with a final result.
    public var finishedCount: Int {
        nodes.values.filter { $0.status != .running }.count
    }

    /// True when the artifacts describe an older run than this one, so the live view should win.
    func isNewer(than run: DbtRunSummary?) -> Bool {
        guard let started = run?.startedAt else { return true }
        return startedAt >= started
    }
}

/// One line of the run's log as the log view shows it.
public struct DbtLogLine: Codable, Equatable, Sendable {
    public var at: Date
    /// `debug`, `info`, `warn`, `error`; plain text dbt wrote outside its JSON log counts as `error`.
    public var level: String
    public var text: String

    public init(at: Date, level: String, text: String) {
        self.at = at
        self.level = level
        self.text = text
    }
}
