/// What the dbt pane's status line, its status and its footer need from the node list, found in one
/// pass: how many nodes are in each status, the failed ones' count and first, the first that warned.
///
/// `DbtState` keeps the digest of the artifacts' nodes, refreshed whenever the reading changes, so a
/// frame does not walk thousands of nodes for each of them; while eltop's own run is laid over the
/// artifacts, the digest is taken from the live list instead.
public struct DbtNodeDigest: Equatable, Sendable {
    /// Nodes per status; nodes that have not run are left out (as `DbtNodeStatus.tally`).
    public private(set) var counts: [DbtNodeStatus: Int] = [:]
    public private(set) var failedCount = 0
    /// The first failed node in list order.
    public private(set) var firstFailed: DbtNode?
    /// The first node whose status is `warn`, in list order.
    public private(set) var firstWarned: DbtNode?

    public init(nodes: [DbtNode] = []) {
        for node in nodes {
            guard let status = node.status else { continue }
            counts[status, default: 0] += 1
            if node.failed {
                failedCount += 1
                if firstFailed == nil { firstFailed = node }
            }
            if status == .warn, firstWarned == nil { firstWarned = node }
        }
    }
}
