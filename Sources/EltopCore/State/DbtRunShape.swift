/// What made the last dbt run as long as it was, and what its failures took down with them: the
/// slowest nodes, the critical path (the chain of `depends_on` whose execution times add up to the
/// longest), and each skipped node grouped under the failed node that caused the skip.
///
/// Computed once per reading (`applyDbt`), not per frame: a project has thousands of nodes and the
/// pane draws many frames per reading.
public struct DbtRunShape: Codable, Equatable, Sendable {
    /// A node as these lists show it.
    public struct Timed: Codable, Equatable, Sendable {
        public var uniqueId: String
        public var name: String
        public var seconds: Double
    }

    /// Skipped nodes under the failed node upstream of them.
    public struct SkipGroup: Codable, Equatable, Sendable {
        public var failedId: String
        public var failedName: String
        /// Names of the skipped nodes, in the reading's order.
        public var skipped: [String]

        public init(failedId: String, failedName: String, skipped: [String]) {
            self.failedId = failedId
            self.failedName = failedName
            self.skipped = skipped
        }
    }

    public var slowest: [Timed] = []
    /// Upstream first; empty when no node has a time.
    public var criticalPath: [Timed] = []
    public var skipGroups: [SkipGroup] = []

    public static let slowestCount = 8

    public init() {}

    public init(nodes: [DbtNode]) {
        // A skipped node reports 0 s; it did not run, so it is neither slow nor on the path.
        let timed = nodes.filter { $0.executionTime != nil && $0.status != .skipped }
        // A manifest without run results (or a run not started) has nothing to shape.
        guard !timed.isEmpty || nodes.contains(where: { $0.status == .skipped }) else { return }
        let byId = NodeIndex(nodes)
        slowest = timed.sorted { ($0.executionTime!, $1.uniqueId) > ($1.executionTime!, $0.uniqueId) }
            .prefix(Self.slowestCount).map(Self.timed)
        criticalPath = Self.criticalPath(timed, byId: byId)
        skipGroups = Self.skipGroups(nodes, byId: byId)
    }

    /// The total time of the critical path: how long the run would take with unlimited threads.
    public var criticalSeconds: Double { criticalPath.reduce(0) { $0 + $1.seconds } }

    private static func timed(_ node: DbtNode) -> Timed {
        Timed(uniqueId: node.uniqueId, name: node.name, seconds: node.executionTime ?? 0)
    }

    /// Longest path by execution time among the nodes that ran, following `depends_on` to the nodes
    /// that also ran (a parent that did not run this time cost nothing). Iterative, so a deep DAG
    /// cannot overflow the stack; a cycle (not a manifest dbt writes) is cut where it closes.
    private static func criticalPath(_ ran: [DbtNode], byId: NodeIndex) -> [Timed] {
        var finish: [String: Double] = [:]
        var via: [String: String] = [:]
        var visiting: Set<String> = []
        for root in ran where finish[root.uniqueId] == nil {
            var stack: [(id: String, expanded: Bool)] = [(root.uniqueId, false)]
            while let (id, expanded) = stack.popLast() {
                guard finish[id] == nil, let node = byId[id] else { continue }
                let parents = (node.dependsOn ?? []).filter { id in byId[id].map { $0.executionTime != nil && $0.status != .skipped } ?? false }
                if expanded {
                    visiting.remove(id)
                    let best = parents.compactMap { p in finish[p].map { (p, $0) } }.max { ($0.1, $1.0) < ($1.1, $0.0) }
                    finish[id] = (best?.1 ?? 0) + (node.executionTime ?? 0)
                    if let best { via[id] = best.0 }
                } else {
                    visiting.insert(id)
                    stack.append((id, true))
                    for parent in parents where finish[parent] == nil && !visiting.contains(parent) { stack.append((parent, false)) }
                }
            }
        }
        guard let end = finish.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return [] }
        var path: [Timed] = []
        var current: String? = end
        while let id = current, let node = byId[id], path.count <= byId.count {
            path.append(timed(node))
            current = via[id]
        }
        return path.reversed()
    }

    /// Each skipped node under the nearest failed node upstream (through other skipped nodes); one
    /// with no failed ancestor in the manifest is grouped under no failure and not listed.
    private static func skipGroups(_ nodes: [DbtNode], byId: NodeIndex) -> [SkipGroup] {
        var groups: [SkipGroup] = []
        for node in nodes where node.status == .skipped {
            guard let cause = failedAncestor(of: node, byId: byId) else { continue }
            if let i = groups.firstIndex(where: { $0.failedId == cause.uniqueId }) {
                groups[i].skipped.append(node.name)
            } else {
                groups.append(SkipGroup(failedId: cause.uniqueId, failedName: cause.name, skipped: [node.name]))
            }
        }
        return groups
    }

    /// Breadth first, so the nearest failure wins; ties go to the parent listed first.
    private static func failedAncestor(of node: DbtNode, byId: NodeIndex) -> DbtNode? {
        var queue = node.dependsOn ?? []
        var seen: Set<String> = []
        var index = 0
        while index < queue.count {
            let id = queue[index]
            index += 1
            guard seen.insert(id).inserted, let parent = byId[id] else { continue }
            if parent.failed && parent.status != .skipped { return parent }
            if parent.status == .skipped { queue += parent.dependsOn ?? [] }
        }
        return nil
    }
}

/// The nodes by unique id (the first of a duplicated id) as positions in the reading's array: a
/// dictionary of whole nodes retained every field of 18,833 nodes, 7% of a large manifest's snapshot.
private struct NodeIndex {
    let nodes: [DbtNode]
    let positions: [String: Int]

    init(_ nodes: [DbtNode]) {
        self.nodes = nodes
        var positions: [String: Int] = Dictionary(minimumCapacity: nodes.count)
        for (i, node) in nodes.enumerated() where positions[node.uniqueId] == nil { positions[node.uniqueId] = i }
        self.positions = positions
    }

    subscript(id: String) -> DbtNode? { positions[id].map { nodes[$0] } }

    var count: Int { positions.count }
}
