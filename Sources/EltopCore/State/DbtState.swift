import Foundation

/// One dbt node (model, test, seed, snapshot) and its last result.
public struct DbtNode: Equatable, Sendable {
    public var uniqueId: String
    public var name: String
    public var resourceType: String
    public var layer: String?
    public var materialized: String?
    /// `success`, `error`, `skipped`, `pass`, `fail`, `warn`, ... or nil when it has not run.
    public var status: String?
    public var executionTime: Double?
    public var rowsAffected: Int64?
    public var message: String?

    public init(
        uniqueId: String, name: String, resourceType: String, layer: String?, materialized: String?,
        status: String?, executionTime: Double?, rowsAffected: Int64?, message: String?
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
    }

    /// A node whose last result asks for attention.
    public var failed: Bool { status == "error" || status == "fail" }
}

/// What one read of the dbt project's artifacts returns.
public struct DbtReading: Equatable, Sendable {
    public var project: String
    public var nodes: [DbtNode]

    public init(project: String, nodes: [DbtNode]) {
        self.project = project
        self.nodes = nodes
    }
}

/// The dbt pane's state.
public struct DbtState: Equatable, Sendable {
    public var health: FeedHealth
    public var reading: DbtReading?

    public init(health: FeedHealth) { self.health = health }

    public var severity: Severity {
        guard let nodes = reading?.nodes else { return .ok }
        if nodes.contains(where: \.failed) { return .crit }
        return nodes.contains { $0.status == "warn" } ? .warn : .ok
    }
}
