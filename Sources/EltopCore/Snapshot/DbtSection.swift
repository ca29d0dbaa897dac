import Foundation

/// `dbt` in `snapshot --json`: `project`, `last_run`, `running`, `nodes[]` (names fixed: docs/snapshot.md).
struct DbtSection: Encodable {
    let state: DashboardState

    enum Keys: String, CodingKey { case project, last_run, running, nodes }
    enum RunKeys: String, CodingKey { case started_at, elapsed_seconds, status_counts }
    enum NodeKeys: String, CodingKey {
        case unique_id, name, resource_type, layer, materialized, status, execution_time, rows_affected, message
    }

    func encode(to encoder: Encoder) throws {
        try SectionHeader(.dbt, in: state).encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        let reading = state.dbt.reading
        try c.encode(reading?.project, forKey: .project)
        if let reading, let run = reading.lastRun {
            var r = c.nestedContainer(keyedBy: RunKeys.self, forKey: .last_run)
            try r.encode(SnapshotTime.string(run.startedAt), forKey: .started_at)
            try r.encode(run.elapsedSeconds, forKey: .elapsed_seconds)
            try r.encode(Dictionary(reading.statusCounts.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +), forKey: .status_counts)
        } else {
            try c.encodeNil(forKey: .last_run)
        }
        try c.encode(state.dbt.running, forKey: .running)
        var list = c.nestedUnkeyedContainer(forKey: .nodes)
        if encoder.userInfo[DbtNodesJSON.leftOut] as? Bool == true { return }
        for node in state.dbt.displayNodes {
            var n = list.nestedContainer(keyedBy: NodeKeys.self)
            try n.encode(node.uniqueId, forKey: .unique_id)
            try n.encode(node.name, forKey: .name)
            try n.encode(node.resourceType, forKey: .resource_type)
            try n.encode(node.layer, forKey: .layer)
            try n.encode(node.materialized, forKey: .materialized)
            try n.encode(node.status, forKey: .status)
            try n.encode(node.executionTime, forKey: .execution_time)
            try n.encode(node.rowsAffected, forKey: .rows_affected)
            try n.encode(node.message, forKey: .message)
        }
    }
}
