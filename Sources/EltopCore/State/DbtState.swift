import Foundation

/// One dbt node (model, test, seed, snapshot) and its last result.
public struct DbtNode: Codable, Equatable, Sendable {
    public var uniqueId: String
    public var name: String
    public var resourceType: String
    /// The folder under `models/` (staging, marts, reports, ...) or, failing that, the schema.
    public var layer: String?
    public var materialized: String?
    /// The last result, or nil when it has not run. While a run is going, `queued` and `running`
    /// too (see `DbtState.displayNodes`).
    public var status: DbtNodeStatus?
    public var executionTime: Double?
    /// `adapter_response.rows_affected`; nil when the adapter did not say (views report -1, kept as nil).
    public var rowsAffected: Int64?
    /// Rows a test found (`failures` in run_results).
    public var failures: Int64?
    public var message: String?
    /// Where dbt wrote the compiled SQL, relative to the project dir.
    public var compiledPath: String?
    /// When the node started executing, from run_results timing or the live log.
    public var startedAt: Date?
    /// The unique ids of the nodes it is built from (the manifest's `depends_on.nodes`): what the
    /// critical path and "skipped because" follow. Optional so readings recorded before it still decode.
    public var dependsOn: [String]?

    public init(
        uniqueId: String, name: String, resourceType: String, layer: String?, materialized: String?,
        status: DbtNodeStatus?, executionTime: Double?, rowsAffected: Int64?, message: String?,
        failures: Int64? = nil, compiledPath: String? = nil, startedAt: Date? = nil, dependsOn: [String]? = nil
    ) {
        self.uniqueId = uniqueId
        self.name = name
        self.resourceType = resourceType
        self.layer = layer
        self.materialized = materialized
        self.status = status
        self.executionTime = executionTime
        self.rowsAffected = rowsAffected
        self.message = message
        self.failures = failures
        self.compiledPath = compiledPath
        self.startedAt = startedAt
        self.dependsOn = dependsOn
    }

    /// A node whose last result asks for attention.
    public var failed: Bool { status?.isFailure ?? false }
}

/// When the run behind `run_results.json` happened and how long it took.
public struct DbtRunSummary: Codable, Equatable, Sendable {
    /// `metadata.invocation_started_at` (or the first node's start when an older dbt omits it).
    public var startedAt: Date?
    /// `metadata.generated_at`: when dbt wrote the results, i.e. when the run ended.
    public var endedAt: Date?
    /// `elapsed_time`.
    public var elapsedSeconds: Double?

    public init(startedAt: Date?, endedAt: Date?, elapsedSeconds: Double?) {
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.elapsedSeconds = elapsedSeconds
    }
}

/// What one read of the dbt project's artifacts returns.
public struct DbtReading: Codable, Equatable, Sendable {
    public var project: String
    public var nodes: [DbtNode]
    /// Nil when the project has a manifest but no run_results yet.
    public var lastRun: DbtRunSummary?

    public init(project: String, nodes: [DbtNode], lastRun: DbtRunSummary? = nil) {
        self.project = project
        self.nodes = nodes
        self.lastRun = lastRun
    }

    /// How many nodes ended in each status (nodes that did not run are left out).
    public var statusCounts: [DbtNodeStatus: Int] { DbtNodeStatus.tally(nodes) }
}

/// The dbt pane's state: what the artifacts say, and the run eltop started, if any.
public struct DbtState: Codable, Equatable, Sendable {
    public var health: FeedHealth
    public var reading: DbtReading? {
        didSet { readingDigest = DbtNodeDigest(nodes: reading?.nodes ?? []) }
    }
    /// The run eltop started last (going or finished); nil until the first `t`.
    public var invocation: DbtInvocation?
    /// The configured command as the confirmation prompt names it ("dbt build").
    public var commandLine = "dbt build"
    /// True while the pane shows the whole run's log instead of the node table (`l`).
    public var logVisible = false
    /// The last reading's slowest nodes, critical path and skips by cause, computed when it arrived.
    public var shape = DbtRunShape()
    /// The digest of the reading's nodes; not coded, it is rebuilt from the reading.
    private(set) var readingDigest = DbtNodeDigest()

    public init(health: FeedHealth) { self.health = health }

    public var running: Bool { invocation?.isRunning ?? false }

    public var severity: Severity {
        switch invocation?.outcome {
        case .failedToStart?, .killed?: return .crit
        default: break
        }
        let digest = displayDigest
        if digest.failedCount > 0 { return .crit }
        return digest.firstWarned != nil ? .warn : .ok
    }

    /// The digest of `displayNodes`: kept for the artifacts' nodes, worked out while a run overlays them.
    public var displayDigest: DbtNodeDigest { runOverlaysReading ? DbtNodeDigest(nodes: displayNodes) : readingDigest }

    /// True while eltop's run is newer than the artifacts, so its live results stand in for theirs.
    private var runOverlaysReading: Bool { invocation?.isNewer(than: reading?.lastRun) ?? false }

    /// The artifact nodes with the live run laid over them.
    ///
    /// While eltop's run is newer than the artifacts, nodes it has reported show their live status
    /// (`running` with its start, then the result), and nodes it has not reached show `queued` while it
    /// runs. Once dbt writes run_results for that run, the artifacts win again.
    public var displayNodes: [DbtNode] {
        let base = reading?.nodes ?? []
        guard runOverlaysReading, let invocation else { return base }
        var seen = Set<String>()
        var nodes = base.map { node -> DbtNode in
            guard let live = invocation.nodes[node.uniqueId] else {
                guard invocation.isRunning, invocation.selectsEverything else { return node }
                var queued = node
                queued.status = .queued
                queued.executionTime = nil
                queued.rowsAffected = nil
                queued.failures = nil
                queued.message = nil
                return queued
            }
            seen.insert(node.uniqueId)
            return live.merged(over: node)
        }
        for id in invocation.order where !seen.contains(id) {
            if let live = invocation.nodes[id] { nodes.append(live.merged(over: nil)) }
        }
        return nodes
    }
}

/// The digest is not coded: it is derived from the reading, so it is rebuilt on decoding.
extension DbtState {
    private enum CodingKeys: String, CodingKey { case health, reading, invocation, commandLine, logVisible, shape }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(health: try container.decode(FeedHealth.self, forKey: .health))
        reading = try container.decodeIfPresent(DbtReading.self, forKey: .reading)
        invocation = try container.decodeIfPresent(DbtInvocation.self, forKey: .invocation)
        commandLine = try container.decode(String.self, forKey: .commandLine)
        logVisible = try container.decode(Bool.self, forKey: .logVisible)
        shape = try container.decode(DbtRunShape.self, forKey: .shape)
        readingDigest = DbtNodeDigest(nodes: reading?.nodes ?? [])
    }
}
